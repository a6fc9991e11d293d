#pragma once
// What the state machine asks the outside world to do, as data. The executor
// in main maps each to a port (station client, printer).
#include "net/protocol/catalog.hpp"
#include "net/protocol/rating.hpp"
#include "net/protocol/ticket.hpp"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace motcua::kiosk {

struct FetchCatalog {};

struct IssueTicket {
  std::string service_id;
  std::string idempotency_key;
  std::optional<std::string> priority_group;
};

// The station did not answer in time: issue the tap's ticket from this
// kiosk's lease (journaled before it is printed), or say there is none.
struct IssueOffline {
  std::string service_id;
  std::string idempotency_key; // the tap's; the offline ticket gets its own UUID
  std::optional<std::string> priority_group;
};

struct PrintTicket {
  Ticket ticket;
  std::shared_ptr<const Catalog> catalog; // the catalog the ticket was issued from
};

// The rating's level, reasons and linked ticket; the executor gives it its
// UUID and time before it is journaled and sent (the reducer has neither).
struct SubmitRating {
  Rating rating;
};

using Effect =
    std::variant<FetchCatalog, IssueTicket, PrintTicket, SubmitRating, IssueOffline>;
using Effects = std::vector<Effect>;

// One line for the log: "fetch catalog", "issue ticket A (key ...)", "print ticket A001".
std::string describe(const Effect &effect);

} // namespace motcua::kiosk
