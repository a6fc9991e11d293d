// The screens when the station does not answer: the fallback to the kiosk's
// leased numbers after the deadline, late answers ignored, and what the
// citizen sees without a lease. Pure reducer, no clock, no I/O.
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/late_answers.hpp"
#include "kiosk/app/screen_machine.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace motcua;
using namespace motcua::kiosk;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const TimePoint t0{seconds(1000)};

std::shared_ptr<const Catalog> catalog() {
  auto c = std::make_shared<Catalog>();
  c->station_name = "CÔNG AN PHƯỜNG X";
  c->services.push_back(Service{"A", "A", {"Cư trú", "Residence"}});
  c->services.back().avg_service_minutes = 6;
  c->services.push_back(Service{"C", "K", {"Căn cước", "ID card"}});
  return c;
}

ScreenSettings offline_settings(bool enabled = true) {
  ScreenSettings s;
  s.offline_tickets = enabled;
  s.timings.offline_fallback = milliseconds(800);
  return s;
}

State home(bool enabled = true) {
  auto t = reduce(start(offline_settings(enabled)).state, CatalogLoaded{catalog()}, t0);
  REQUIRE(t.state.screen == Screen::services);
  return t.state;
}

Transition tap(const State &s, const std::string &key, TimePoint now = t0) {
  return reduce(s, ServiceTapped{"A", key}, now);
}

Ticket station_ticket(std::string number = "A011") {
  Ticket t;
  t.number = std::move(number);
  t.service_id = "A";
  t.sequence = 11;
  t.issued_at = "2026-11-28T08:15:03+07:00";
  t.people_ahead = 2;
  t.estimated_wait_minutes = 12;
  return t;
}

Ticket lease_ticket(std::string number = "A004") {
  Ticket t;
  t.number = std::move(number);
  t.service_id = "A";
  t.sequence = 4;
  t.issued_at = "2026-11-28T08:15:04+07:00";
  return t;
}

const IssueOffline *offline_effect(const Transition &t) {
  for (const auto &e : t.effects)
    if (const auto *o = std::get_if<IssueOffline>(&e))
      return o;
  return nullptr;
}

const PrintTicket *print_effect(const Transition &t) {
  for (const auto &e : t.effects)
    if (const auto *p = std::get_if<PrintTicket>(&e))
      return p;
  return nullptr;
}

} // namespace

TEST_CASE(
    "a silent station: after the fallback deadline the ticket comes from the lease") {
  auto tapped = tap(home(), "key-1");
  REQUIRE(tapped.state.screen == Screen::issuing);
  CHECK(tapped.state.deadline == t0 + milliseconds(800));
  CHECK(next_deadline(tapped.state) == t0 + milliseconds(800));
  REQUIRE(tapped.effects.size() == 1);
  CHECK(std::holds_alternative<IssueTicket>(tapped.effects[0]));

  auto waiting = reduce(tapped.state, Tick{}, t0 + milliseconds(799));
  CHECK(waiting.effects.empty());
  auto fallback = reduce(waiting.state, Tick{}, t0 + milliseconds(800));
  const IssueOffline *offline = offline_effect(fallback);
  REQUIRE(offline != nullptr);
  CHECK(offline->service_id == "A");
  CHECK(offline->idempotency_key == "key-1");
  CHECK_FALSE(offline->priority_group.has_value());
  CHECK(fallback.state.screen == Screen::issuing);

  // The station's answer after the deadline is ignored: one ticket per tap.
  auto late = reduce(fallback.state, TicketIssued{station_ticket(), "key-1"},
                     t0 + milliseconds(900));
  CHECK(late.effects.empty());
  CHECK(late.state.screen == Screen::issuing);
  auto late_failure = reduce(
      late.state, TicketFailed{{IssueFailure::Kind::timeout, "", "no answer"}, "key-1"},
      t0 + milliseconds(950));
  CHECK(late_failure.state.screen == Screen::issuing);
  CHECK(late_failure.effects.empty());

  auto issued = reduce(late_failure.state, TicketIssued{lease_ticket(), "key-1", true},
                       t0 + milliseconds(1000));
  CHECK(issued.state.screen == Screen::ticket);
  REQUIRE(issued.state.ticket.has_value());
  CHECK(issued.state.ticket->number == "A004");
  CHECK(issued.state.ticket_offline);
  const PrintTicket *print = print_effect(issued);
  REQUIRE(print != nullptr);
  CHECK(print->ticket.number == "A004");
  CHECK(describe_state(issued.state) ==
        "state=ticket number=A004 print=printing source=lease");
}

TEST_CASE("an unreachable station falls back at once, without waiting for the deadline") {
  auto tapped = tap(home(), "key-1");
  auto failed = reduce(
      tapped.state,
      TicketFailed{{IssueFailure::Kind::unreachable, "", "connection refused"}, "key-1"},
      t0 + milliseconds(3));
  const IssueOffline *offline = offline_effect(failed);
  REQUIRE(offline != nullptr);
  CHECK(offline->idempotency_key == "key-1");
  // A second fallback for the same tap is never asked for.
  auto tick = reduce(failed.state, Tick{}, t0 + seconds(1));
  CHECK(offline_effect(tick) == nullptr);
}

TEST_CASE("a broken station (5xx) falls back, but its refusals (hours, caps) stand") {
  auto tapped = tap(home(), "key-1");
  IssueFailure broken{IssueFailure::Kind::refused, "storage_error", "disk", 500};
  CHECK(offline_effect(reduce(tapped.state, TicketFailed{broken, "key-1"}, t0)) !=
        nullptr);
  IssueFailure capped{IssueFailure::Kind::refused, std::string(kCodeDailyCap), "cap",
                      409};
  auto closed = reduce(tapped.state, TicketFailed{capped, "key-1"}, t0);
  CHECK(offline_effect(closed) == nullptr);
  CHECK(closed.state.screen == Screen::closed);
}

TEST_CASE("without a leased number the kiosk says so for that service") {
  auto tapped = tap(home(), "key-1");
  auto fallback = reduce(tapped.state, Tick{}, t0 + seconds(1));
  REQUIRE(offline_effect(fallback) != nullptr);
  auto none =
      reduce(fallback.state,
             OfflineIssueFailed{OfflineIssueFailed::Why::no_lease, "key-1", "none"},
             t0 + seconds(1));
  CHECK(none.state.screen == Screen::error);
  CHECK(none.state.error == ErrorKind::no_offline_numbers);
  CHECK(none.state.error_service_id == "A");
  CHECK(none.effects.empty());
  CHECK_FALSE(none.state.ticket.has_value());
  // It times out home like any error.
  auto back = reduce(none.state, Tick{},
                     t0 + seconds(1) + none.state.settings.timings.error_screen);
  CHECK(back.state.screen == Screen::services);

  // A journal that cannot commit is a station-unreachable error, not a number.
  auto broken =
      reduce(fallback.state,
             OfflineIssueFailed{OfflineIssueFailed::Why::journal, "key-1", "disk"},
             t0 + seconds(1));
  CHECK(broken.state.error == ErrorKind::server_unreachable);
}

TEST_CASE("a late answer to an earlier tap never lands on the next citizen's") {
  auto first = tap(home(), "key-1");
  auto fallback = reduce(first.state, Tick{}, t0 + seconds(1));
  auto printed = reduce(fallback.state, TicketIssued{lease_ticket(), "key-1", true},
                        t0 + seconds(1));
  auto back = reduce(printed.state, ScreenTapped{}, t0 + seconds(2));
  REQUIRE(back.state.screen == Screen::services);
  auto second = tap(back.state, "key-2", t0 + seconds(3));
  REQUIRE(second.state.screen == Screen::issuing);
  auto stale = reduce(second.state, TicketIssued{station_ticket("A011"), "key-1"},
                      t0 + seconds(3));
  CHECK(stale.state.screen == Screen::issuing);
  CHECK(stale.effects.empty());
  auto stale_failure =
      reduce(second.state, TicketFailed{{IssueFailure::Kind::timeout, "", "x"}, "key-1"},
             t0 + seconds(3));
  CHECK(offline_effect(stale_failure) == nullptr);
  auto own = reduce(second.state, TicketIssued{station_ticket("A012"), "key-2"},
                    t0 + seconds(3));
  CHECK(own.state.screen == Screen::ticket);
  CHECK(own.state.ticket->number == "A012");
  CHECK_FALSE(own.state.ticket_offline);
}

TEST_CASE("an offline ticket shows the last known line length and its wait") {
  auto s = home();
  s = reduce(s, WaitingCountsUpdated{{{"A", 3}}}, t0).state;
  auto fallback = reduce(tap(s, "key-1").state, Tick{}, t0 + seconds(1));
  auto issued = reduce(fallback.state, TicketIssued{lease_ticket(), "key-1", true},
                       t0 + seconds(1));
  REQUIRE(issued.state.ticket.has_value());
  CHECK(issued.state.ticket->people_ahead == 3);
  CHECK(issued.state.ticket->estimated_wait_minutes == 18);
  const PrintTicket *print = print_effect(issued);
  REQUIRE(print != nullptr);
  CHECK(print->ticket.people_ahead == 3); // the paper says the same
}

TEST_CASE("with offline tickets off the kiosk waits for the station as before") {
  auto tapped = tap(home(false), "key-1");
  CHECK_FALSE(tapped.state.deadline.has_value());
  auto failed =
      reduce(tapped.state,
             TicketFailed{{IssueFailure::Kind::unreachable, "", "refused"}, "key-1"}, t0);
  CHECK(offline_effect(failed) == nullptr);
  CHECK(failed.state.screen == Screen::error);
  CHECK(failed.state.error == ErrorKind::server_unreachable);
}

TEST_CASE(
    "the config turns offline tickets on by default and bounds the fallback to 1 s") {
  const std::string base = R"({"format_version":1,"station_url":"http://127.0.0.1:8080",
                               "printer":{"queue":"q"})";
  auto defaults = parse_kiosk_config(base + "}", "kiosk.json");
  REQUIRE_MESSAGE(defaults.has_value(), (defaults ? "" : defaults.error().to_string()));
  CHECK(defaults->offline_tickets);
  CHECK(defaults->offline_fallback_ms == 1000);
  CHECK(defaults->offline_lease_size == 10);
  auto s = screen_settings(*defaults);
  CHECK(s.offline_tickets);
  CHECK(s.timings.offline_fallback == milliseconds(1000));

  auto set =
      parse_kiosk_config(base + R"(,"offline_tickets":false,"offline_fallback_ms":600,
                                          "offline_lease_size":20,"offline_refill_below":5})",
                         "kiosk.json");
  REQUIRE_MESSAGE(set.has_value(), (set ? "" : set.error().to_string()));
  CHECK_FALSE(screen_settings(*set).offline_tickets);
  CHECK(screen_settings(*set).timings.offline_fallback == milliseconds(600));
  CHECK(set->offline_lease_size == 20);
  CHECK(set->offline_refill_below == 5);

  auto slow = parse_kiosk_config(base + R"(,"offline_fallback_ms":3000})", "kiosk.json");
  REQUIRE_FALSE(slow.has_value());
  CHECK(slow.error().field == "offline_fallback_ms");
  auto wrong = parse_kiosk_config(base + R"(,"offline_tickets":"yes"})", "kiosk.json");
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().field == "offline_tickets");
}

TEST_CASE("a tap served from the lease is withdrawn once its station request ends") {
  LateAnswers late;
  // Answered in time: nothing to withdraw.
  CHECK_FALSE(late.request_ended("tap-1"));
  late.fell_back("tap-2");
  late.fell_back("tap-3");
  CHECK(late.pending() == 2);
  CHECK(late.request_ended("tap-2")); // its answer came late, or it failed
  CHECK_FALSE(late.request_ended("tap-2"));
  CHECK(late.request_ended("tap-3"));
  CHECK(late.pending() == 0);
}
