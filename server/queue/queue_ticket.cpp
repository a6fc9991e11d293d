#include "server/queue/queue_ticket.hpp"

namespace motcua::station::queue {

const char *to_string(TicketState state) {
  switch (state) {
  case TicketState::waiting:
    return "waiting";
  case TicketState::called:
    return "called";
  case TicketState::serving:
    return "serving";
  case TicketState::done:
    return "done";
  case TicketState::no_show:
    return "no_show";
  case TicketState::transferred:
    return "transferred";
  case TicketState::expired:
    return "expired";
  }
  return "unknown";
}

bool is_final(TicketState state) {
  return state == TicketState::done || state == TicketState::no_show ||
         state == TicketState::transferred || state == TicketState::expired;
}

} // namespace motcua::station::queue
