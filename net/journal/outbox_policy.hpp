#pragma once
// The outbox's decisions as pure functions of time and a random number: when
// to try again after a failure, and which journaled records to send next.
// No I/O, no clock reads; the runner supplies both.
#include <chrono>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace motcua::net {

using OutboxClock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

struct BackoffPolicy {
  Millis initial{500}; // the delay after the first failure, before jitter
  Millis cap{30000};   // the delay never grows past this
};

// Capped exponential backoff with "equal jitter": the n-th failure in a row
// (n >= 1) waits d/2 + u*d/2 with d = min(cap, initial * 2^(n-1)) and u in
// [0, 1): never less than half of d, so a dead station is not hammered; kiosks
// started together spread out.
Millis backoff_delay(const BackoffPolicy &policy, int failures_in_a_row,
                     double unit_random);

// The outbox's state towards the station: how many sends failed in a row and
// when the next may start. All records share it: one unreachable station.
class OutboxSchedule {
public:
  explicit OutboxSchedule(BackoffPolicy policy = {}) : policy_(policy) {}

  bool may_send(OutboxClock::time_point now) const {
    return failures_ == 0 || now >= retry_at_;
  }
  void on_success() { failures_ = 0; }
  // A failure arriving while an earlier one is already backing off counts once.
  void on_failure(OutboxClock::time_point now, double unit_random);

  int failures_in_a_row() const { return failures_; }
  // When the loop must wake to try again; nothing when no retry is pending.
  std::optional<OutboxClock::time_point> retry_at() const {
    if (failures_ == 0)
      return std::nullopt;
    return retry_at_;
  }

private:
  BackoffPolicy policy_;
  int failures_ = 0;
  OutboxClock::time_point retry_at_{};
};

// Which of `unsent` (oldest first) to start now: those not in flight, in
// order, so that at most `window` are in flight together.
std::vector<std::string> pick_to_send(const std::vector<std::string> &unsent,
                                      const std::set<std::string> &in_flight,
                                      std::size_t window);

// How the station's answer settles a record.
enum class Delivery {
  acknowledged, // stored (201) or stored before (200): mark sent
  retry,        // no answer, timeout, 5xx, 401/403/408/429: try again later
  rejected      // any other 4xx: it will never be accepted; keep it, stop sending
};
Delivery classify_answer(bool ok, bool answered, int http_status);

} // namespace motcua::net
