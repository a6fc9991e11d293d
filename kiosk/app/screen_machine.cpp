#include "kiosk/app/screen_machine.hpp"

#include "kiosk/app/overloaded.hpp"

#include <algorithm>

namespace motcua::kiosk {

namespace {

void go_home(State &s) {
  s.screen = Screen::home;
  s.deadline.reset();
  s.issuing_service_id.clear();
}

} // namespace

Transition start(ScreenTimings timings) {
  Transition t;
  t.state.timings = timings;
  t.state.screen = Screen::connecting;
  t.state.catalog_request_pending = true;
  t.effects.push_back(FetchCatalog{});
  return t;
}

Transition reduce(const State &state, const Event &event, TimePoint now) {
  Transition t{state, {}};
  State &s = t.state;
  std::visit(Overloaded{
                 [&](const CatalogLoaded &e) {
                   s.catalog = e.catalog;
                   s.catalog_request_pending = false;
                   if (s.screen == Screen::connecting)
                     go_home(s);
                 },
                 [&](const CatalogFailed &) {
                   s.catalog_request_pending = false;
                   if (s.screen == Screen::connecting)
                     s.deadline = now + s.timings.catalog_retry;
                 },
                 [&](const ServiceTapped &e) {
                   // Only the home screen takes a service: a second tap while the
                   // first request runs must not issue a second ticket.
                   if (s.screen != Screen::home || !s.catalog ||
                       !s.catalog->find_service(e.service_id))
                     return;
                   s.screen = Screen::issuing;
                   s.issuing_service_id = e.service_id;
                   s.deadline.reset();
                   t.effects.push_back(IssueTicket{e.service_id, e.idempotency_key});
                 },
                 [&](const ScreenTapped &) {
                   if (s.screen == Screen::ticket || s.screen == Screen::error)
                     go_home(s);
                 },
                 [&](const TicketIssued &e) {
                   if (s.screen != Screen::issuing)
                     return;
                   s.screen = Screen::ticket;
                   s.issuing_service_id.clear();
                   s.ticket = e.ticket;
                   s.print = PrintStatus::printing;
                   s.print_message.clear();
                   s.deadline = now + s.timings.ticket_screen;
                   t.effects.push_back(PrintTicket{e.ticket, s.catalog});
                 },
                 [&](const TicketFailed &e) {
                   if (s.screen != Screen::issuing)
                     return;
                   s.screen = Screen::error;
                   s.issuing_service_id.clear();
                   s.error = e.failure.kind == IssueFailure::Kind::refused
                                 ? ErrorKind::ticket_refused
                                 : ErrorKind::server_unreachable;
                   s.error_detail = e.failure.message;
                   s.deadline = now + s.timings.error_screen;
                 },
                 [&](const PrintFinished &e) {
                   if (!s.ticket || s.ticket->number != e.ticket_number)
                     return;
                   s.print = e.ok ? PrintStatus::printed : PrintStatus::failed;
                   s.print_message = e.message;
                   // Without paper the number on screen is all the citizen gets:
                   // leave it up long enough to note it.
                   if (!e.ok && s.screen == Screen::ticket)
                     s.deadline = std::max(s.deadline.value_or(now),
                                           now + s.timings.ticket_screen);
                 },
                 [&](const Tick &) {
                   if (!s.deadline || now < *s.deadline)
                     return;
                   s.deadline.reset();
                   switch (s.screen) {
                   case Screen::connecting:
                     if (!s.catalog_request_pending) {
                       s.catalog_request_pending = true;
                       t.effects.push_back(FetchCatalog{});
                     }
                     break;
                   case Screen::ticket:
                   case Screen::error:
                     go_home(s);
                     break;
                   case Screen::home:
                   case Screen::issuing:
                     break;
                   }
                 },
             },
             event);
  return t;
}

std::optional<TimePoint> next_deadline(const State &state) { return state.deadline; }

} // namespace motcua::kiosk
