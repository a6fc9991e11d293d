#pragma once
// A counter (quầy) as the queue sees it: which services it calls from, whether
// it is open, who is logged in, and the ticket it is handling.
#include "server/queue/queue_ticket.hpp"

#include <optional>
#include <string>
#include <vector>

namespace motcua::station::queue {

struct Counter {
  std::string id;
  std::vector<std::string> services; // the services it calls from
  bool open = false;
  std::string officer;             // empty: nobody logged in
  std::optional<TicketId> current; // its called or serving ticket
  int normals_since_priority = 0;  // for PriorityPolicy::one_in_n
};

} // namespace motcua::station::queue
