#pragma once
// The outbox of the journal's ratings: each sent with its UUID, settled only
// on the station's answer (see outbox.hpp for the policy they share with
// offline tickets).
#include "net/journal/journal.hpp"
#include "net/journal/outbox.hpp"

#include <functional>
#include <memory>
#include <string>

namespace motcua::net {

using RatingSender = std::function<void(const Rating &, SendDone)>;

class RatingOutbox {
public:
  // `random` returns a number in [0, 1) for the jitter; `log` takes one line.
  RatingOutbox(Journal &journal, RatingSender sender, std::function<void()> wake,
               std::function<double()> random,
               std::function<void(const std::string &)> log, OutboxOptions options = {});
  ~RatingOutbox();

  void notify_added() { outbox_.notify_added(); }
  void pump(OutboxClock::time_point now, std::int64_t wall_ms) {
    outbox_.pump(now, wall_ms);
  }
  std::optional<OutboxClock::time_point> next_wake() const { return outbox_.next_wake(); }
  std::size_t in_flight() const { return outbox_.in_flight(); }
  const OutboxStats &stats() const { return outbox_.stats(); }
  const OutboxSchedule &schedule() const { return outbox_.schedule(); }

private:
  class Source;
  std::unique_ptr<Source> source_; // before outbox_: it refers to it
  Outbox outbox_;
};

} // namespace motcua::net
