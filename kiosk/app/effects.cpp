#include "kiosk/app/effects.hpp"

#include "kiosk/app/overloaded.hpp"

namespace motcua::kiosk {

std::string describe(const Effect &effect) {
  return std::visit(
      Overloaded{
          [](const FetchCatalog &) { return std::string("fetch catalog"); },
          [](const IssueTicket &e) {
            return "issue ticket for service " + e.service_id +
                   (e.priority_group ? " priority " + *e.priority_group : "") + " (key " +
                   e.idempotency_key + ")";
          },
          [](const PrintTicket &e) { return "print ticket " + e.ticket.number; },
          [](const IssueOffline &e) {
            return "issue ticket for service " + e.service_id +
                   " from the lease (station silent; key " + e.idempotency_key + ")";
          },
          [](const SubmitRating &e) {
            std::string out = "submit rating " + e.rating.level;
            for (const auto &r : e.rating.reasons)
              out += " " + r;
            if (e.rating.ticket)
              out += " (ticket " + *e.rating.ticket + ")";
            return out;
          },
      },
      effect);
}

} // namespace motcua::kiosk
