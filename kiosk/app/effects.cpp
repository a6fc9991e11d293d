#include "kiosk/app/effects.hpp"

#include "kiosk/app/overloaded.hpp"

namespace motcua::kiosk {

std::string describe(const Effect &effect) {
  return std::visit(
      Overloaded{
          [](const FetchCatalog &) { return std::string("fetch catalog"); },
          [](const IssueTicket &e) {
            return "issue ticket for service " + e.service_id + " (key " +
                   e.idempotency_key + ")";
          },
          [](const PrintTicket &e) { return "print ticket " + e.ticket.number; },
      },
      effect);
}

} // namespace motcua::kiosk
