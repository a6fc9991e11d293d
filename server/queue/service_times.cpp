#include "server/queue/service_times.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motcua::station::queue {

void ServiceTimes::add(int seconds) {
  if (window_ == 0)
    return;
  samples_.push_back(std::max(0, seconds));
  while (samples_.size() > window_)
    samples_.pop_front();
}

std::optional<double> ServiceTimes::average_seconds() const {
  if (samples_.empty())
    return std::nullopt;
  return std::accumulate(samples_.begin(), samples_.end(), 0.0) / samples_.size();
}

int estimate_minutes(int people_ahead, int open_counters, double service_minutes) {
  const double minutes = people_ahead * service_minutes / std::max(1, open_counters);
  // Round up so "0 minutes" means nobody ahead.
  return static_cast<int>(std::ceil(minutes - 1e-9));
}

} // namespace motcua::station::queue
