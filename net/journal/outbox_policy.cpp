#include "net/journal/outbox_policy.hpp"

#include <algorithm>

namespace motcua::net {

Millis backoff_delay(const BackoffPolicy &policy, int failures_in_a_row,
                     double unit_random) {
  const int n = std::max(1, failures_in_a_row);
  const auto cap = std::max(policy.cap, Millis(1));
  Millis d = std::min(policy.initial, cap);
  for (int i = 1; i < n && d < cap; ++i)
    d = std::min(cap, d * 2);
  const double u = std::clamp(unit_random, 0.0, 1.0);
  const auto half = d.count() / 2;
  return Millis(half +
                static_cast<Millis::rep>(u * static_cast<double>(d.count() - half)));
}

void OutboxSchedule::on_failure(OutboxClock::time_point now, double unit_random) {
  if (failures_ > 0 && now < retry_at_)
    return;
  ++failures_;
  retry_at_ = now + backoff_delay(policy_, failures_, unit_random);
}

std::vector<std::string> pick_to_send(const std::vector<std::string> &unsent,
                                      const std::set<std::string> &in_flight,
                                      std::size_t window) {
  std::vector<std::string> out;
  std::size_t busy = in_flight.size();
  for (const auto &id : unsent) {
    if (busy >= window)
      break;
    if (in_flight.contains(id))
      continue;
    out.push_back(id);
    ++busy;
  }
  return out;
}

Delivery classify_answer(bool ok, bool answered, int http_status) {
  if (ok)
    return Delivery::acknowledged;
  if (!answered || http_status >= 500 || http_status < 400)
    return Delivery::retry;
  if (http_status == 401 || http_status == 403 || http_status == 408 ||
      http_status == 429)
    return Delivery::retry;
  return Delivery::rejected;
}

} // namespace motcua::net
