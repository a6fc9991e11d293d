#pragma once
// What changed, as plain data the server can push to counters and the display
// board. Every successful engine action returns its events in order.
#include "server/queue/counter.hpp"
#include "server/queue/queue_ticket.hpp"

#include <optional>
#include <string>
#include <vector>

namespace motcua::station::queue {

struct ServiceCount {
  std::string service_id;
  int waiting = 0;
  int estimated_wait_minutes = 0; // for a ticket issued now
};

struct QueueEvent {
  enum class Kind {
    day_started,     // expired: what the previous day left open
    issued,          // ticket
    called,          // ticket, counter
    recalled,        // ticket, counter
    started,         // ticket, counter
    done,            // ticket, counter
    no_show,         // ticket, counter
    transferred,     // ticket (now final), linked (waiting in the new service), counter
    counter_changed, // counter: opened, closed, services or officer changed
    counts           // counts: after every change to the waiting lines
  };
  Kind kind = Kind::counts;
  StationTime at;
  std::optional<QueueTicket> ticket;
  std::optional<QueueTicket> linked;
  std::optional<Counter> counter;
  std::vector<ServiceCount> counts;
  std::vector<QueueTicket> expired;
  std::string previous_day; // day_started
};

const char *to_string(QueueEvent::Kind kind);

// A ticket action's result: the ticket after the change, and the events.
struct QueueUpdate {
  QueueTicket ticket;
  std::vector<QueueEvent> events;
};

} // namespace motcua::station::queue
