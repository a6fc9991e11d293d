#pragma once
// The outbox of withdrawals: for each tap the kiosk served from its lease
// while the station request was still out, the tap's key goes to
// POST /api/v1/tickets/withdraw until the station answers (same policy as the
// ratings, outbox.hpp), so a ticket the station made for it does not wait at
// the counters for a citizen who holds another number.
#include "net/journal/journal.hpp"
#include "net/journal/outbox.hpp"

#include <functional>
#include <memory>
#include <string>

namespace motcua::net {

using WithdrawalSender = std::function<void(const std::string &key, SendDone)>;

class WithdrawalOutbox {
public:
  WithdrawalOutbox(Journal &journal, WithdrawalSender sender, std::function<void()> wake,
                   std::function<double()> random,
                   std::function<void(const std::string &)> log,
                   OutboxOptions options = {});
  ~WithdrawalOutbox();

  void notify_added() { outbox_.notify_added(); }
  void pump(OutboxClock::time_point now, std::int64_t wall_ms) {
    outbox_.pump(now, wall_ms);
  }
  std::optional<OutboxClock::time_point> next_wake() const { return outbox_.next_wake(); }
  const OutboxStats &stats() const { return outbox_.stats(); }

private:
  class Source;
  std::unique_ptr<Source> source_; // before outbox_: it refers to it
  Outbox outbox_;
};

// The station's answer as the outbox settles it: withdrawn (now or before)
// and "no ticket was issued for this key" both settle it; a ticket already
// called (409) is rejected: it stays, the citizen may come. `http_status` 0:
// no answer.
SendResult withdrawal_result(int http_status, const std::string &message);

} // namespace motcua::net
