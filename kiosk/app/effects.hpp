#pragma once
// What the state machine asks the outside world to do, as data. The executor
// in main maps each to a port (station client, printer).
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace motcua::kiosk {

struct FetchCatalog {};

struct IssueTicket {
  std::string service_id;
  std::string idempotency_key;
};

struct PrintTicket {
  Ticket ticket;
  std::shared_ptr<const Catalog> catalog; // the catalog the ticket was issued from
};

using Effect = std::variant<FetchCatalog, IssueTicket, PrintTicket>;
using Effects = std::vector<Effect>;

// One line for the log: "fetch catalog", "issue ticket A (key ...)", "print ticket A001".
std::string describe(const Effect &effect);

} // namespace motcua::kiosk
