#pragma once
// The outbox of tickets issued offline from a lease: each uploaded with its
// UUID (POST /api/v1/tickets/offline), settled only on the station's answer
// for that ticket. Same policy as the ratings (outbox.hpp).
#include "net/journal/journal.hpp"
#include "net/journal/outbox.hpp"

#include <functional>
#include <memory>
#include <string>

namespace motcua::net {

using TicketSender = std::function<void(const OfflineTicketRecord &, SendDone)>;

class TicketOutbox {
public:
  TicketOutbox(Journal &journal, TicketSender sender, std::function<void()> wake,
               std::function<double()> random,
               std::function<void(const std::string &)> log, OutboxOptions options = {});
  ~TicketOutbox();

  void notify_added() { outbox_.notify_added(); }
  void pump(OutboxClock::time_point now, std::int64_t wall_ms) {
    outbox_.pump(now, wall_ms);
  }
  std::optional<OutboxClock::time_point> next_wake() const { return outbox_.next_wake(); }
  std::size_t in_flight() const { return outbox_.in_flight(); }
  const OutboxStats &stats() const { return outbox_.stats(); }

private:
  class Source;
  std::unique_ptr<Source> source_; // before outbox_: it refers to it
  Outbox outbox_;
};

// One ticket's result from the station as the outbox settles it: 201 or 200
// stored; the per-ticket refusal's status otherwise.
SendResult to_send_result(const OfflineTicketResult &result);

} // namespace motcua::net
