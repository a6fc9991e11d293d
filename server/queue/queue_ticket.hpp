#pragma once
// One ticket in the queue, from issue to its final state.
#include "server/queue/station_time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace motcua::station::queue {

using TicketId = std::uint64_t; // unique for the engine's lifetime, across days

enum class TicketState {
  waiting,
  called,      // a counter called it; the citizen is walking up
  serving,     // the officer started the case
  done,        // final
  no_show,     // final: called and recalled, nobody came
  transferred, // final: continues as transferred_to in another service
  expired      // final: still open when the station day ended
};

const char *to_string(TicketState state);
bool is_final(TicketState state);

struct QueueTicket {
  TicketId id = 0;
  std::string number;         // "A007"; a transfer keeps it
  std::string service_id;     // the queue it waits in now
  std::string issued_service; // the service that numbered it
  int sequence = 0;           // the printed number without prefix
  std::string priority_group; // empty for a normal ticket
  bool offline = false;       // issued by a kiosk from a leased block
  TicketState state = TicketState::waiting;
  int recall_count = 0;
  std::string counter_id; // the counter that called it
  std::string officer;    // who was logged in at that counter
  StationTime issued_at;
  StationTime queued_at; // the queue orders by this (issue or transfer time)
  std::optional<StationTime> called_at;
  std::optional<StationTime> started_at;
  std::optional<StationTime> finished_at; // when it reached its final state
  std::optional<TicketId> transferred_from;
  std::optional<TicketId> transferred_to;

  bool is_priority() const { return !priority_group.empty(); }
};

} // namespace motcua::station::queue
