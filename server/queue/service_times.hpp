#pragma once
// The wait estimate: a moving window of the last K service durations per
// service, and the arithmetic that turns people ahead into minutes.
#include <cstddef>
#include <deque>
#include <optional>

namespace motcua::station::queue {

class ServiceTimes {
public:
  explicit ServiceTimes(std::size_t window = 10) : window_(window) {}
  void add(int seconds);
  std::optional<double> average_seconds() const; // none before the first sample
  std::size_t size() const { return samples_.size(); }

private:
  std::size_t window_;
  std::deque<int> samples_;
};

struct WaitEstimate {
  int people_ahead = 0;
  int open_counters = 0;      // open counters serving the service
  double service_minutes = 0; // the average used
  bool measured = false;      // false: the service's default average
  int minutes = 0;
};

// People ahead share the open counters; with none open the estimate assumes
// one, so a citizen still sees a number before the desk opens.
int estimate_minutes(int people_ahead, int open_counters, double service_minutes);

} // namespace motcua::station::queue
