#include "kiosk/app/screen_machine.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace motcua;
using namespace motcua::kiosk;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const TimePoint t0{seconds(1000)};

std::shared_ptr<const Catalog> two_services() {
  auto c = std::make_shared<Catalog>();
  c->station_name = "CÔNG AN PHƯỜNG X";
  c->services.push_back(Service{"A", "A", {"Cư trú", "Residence"}});
  c->services.push_back(Service{"C", "C", {"Căn cước", "ID card"}});
  return c;
}

Ticket ticket_a001() {
  Ticket t;
  t.number = "A001";
  t.service_id = "A";
  t.sequence = 1;
  t.issued_at = "2026-11-28T08:15:03+07:00";
  t.people_ahead = 3;
  t.estimated_wait_minutes = 30;
  return t;
}

ScreenTimings timings() {
  ScreenTimings t;
  t.ticket_screen = milliseconds(8000);
  t.error_screen = milliseconds(10000);
  t.catalog_retry = milliseconds(3000);
  return t;
}

// Runs an event and checks it asked for nothing.
State quietly(const State &s, const Event &e, TimePoint now = t0) {
  auto t = reduce(s, e, now);
  CHECK(t.effects.empty());
  return t.state;
}

State at_home() { return quietly(start(timings()).state, CatalogLoaded{two_services()}); }

State issuing_a() {
  auto t = reduce(at_home(), ServiceTapped{"A", "key-1"}, t0);
  REQUIRE(t.state.screen == Screen::issuing);
  return t.state;
}

State showing_ticket(TimePoint now = t0) {
  return reduce(issuing_a(), TicketIssued{ticket_a001()}, now).state;
}

} // namespace

TEST_CASE("start shows the connecting screen and asks for the catalog") {
  auto t = start(timings());
  CHECK(t.state.screen == Screen::connecting);
  REQUIRE(t.effects.size() == 1);
  CHECK(std::holds_alternative<FetchCatalog>(t.effects[0]));
  CHECK_FALSE(next_deadline(t.state).has_value());
}

TEST_CASE("the catalog arriving opens the home screen") {
  auto s = at_home();
  CHECK(s.screen == Screen::services);
  REQUIRE(s.catalog);
  CHECK(s.catalog->services.size() == 2);
  CHECK(s.on_deadline ==
        TimeoutAction::attract); // home waits only for the attract screen
}

TEST_CASE("a failed catalog request is retried after the retry delay, not before") {
  auto s = quietly(start(timings()).state, CatalogFailed{"connection refused"});
  CHECK(s.screen == Screen::connecting);
  REQUIRE(next_deadline(s).has_value());
  CHECK(*next_deadline(s) == t0 + seconds(3));

  s = quietly(s, Tick{}, t0 + milliseconds(2999));
  CHECK(next_deadline(s).has_value());

  auto t = reduce(s, Tick{}, t0 + seconds(3));
  CHECK(t.state.screen == Screen::connecting);
  REQUIRE(t.effects.size() == 1);
  CHECK(std::holds_alternative<FetchCatalog>(t.effects[0]));
  CHECK_FALSE(next_deadline(t.state).has_value());
  // A second tick while that request runs asks for nothing more.
  quietly(t.state, Tick{}, t0 + seconds(10));
}

TEST_CASE("a service tap issues a ticket with the event's idempotency key") {
  auto t = reduce(at_home(), ServiceTapped{"C", "key-42"}, t0);
  CHECK(t.state.screen == Screen::issuing);
  CHECK(t.state.issuing_service_id == "C");
  REQUIRE(t.effects.size() == 1);
  auto *issue = std::get_if<IssueTicket>(&t.effects[0]);
  REQUIRE(issue);
  CHECK(issue->service_id == "C");
  CHECK(issue->idempotency_key == "key-42");
}

TEST_CASE("taps on unknown services and taps outside buttons do nothing at home") {
  auto s = quietly(at_home(), ServiceTapped{"Z", "k"});
  CHECK(s.screen == Screen::services);
  s = quietly(s, ScreenTapped{});
  CHECK(s.screen == Screen::services);
}

TEST_CASE("taps while connecting do nothing") {
  auto s = quietly(start(timings()).state, ServiceTapped{"A", "k"});
  CHECK(s.screen == Screen::connecting);
}

TEST_CASE("taps while issuing are ignored: no second ticket") {
  auto s = issuing_a();
  s = quietly(s, ServiceTapped{"A", "key-2"});
  s = quietly(s, ServiceTapped{"C", "key-3"});
  s = quietly(s, ScreenTapped{});
  s = quietly(s, Tick{}, t0 + seconds(60));
  CHECK(s.screen == Screen::issuing);
  CHECK(s.issuing_service_id == "A");
}

TEST_CASE("an issued ticket shows its number and is printed") {
  auto t = reduce(issuing_a(), TicketIssued{ticket_a001()}, t0);
  CHECK(t.state.screen == Screen::ticket);
  REQUIRE(t.state.ticket);
  CHECK(t.state.ticket->number == "A001");
  CHECK(t.state.print == PrintStatus::printing);
  REQUIRE(t.effects.size() == 1);
  auto *print = std::get_if<PrintTicket>(&t.effects[0]);
  REQUIRE(print);
  CHECK(print->ticket.number == "A001");
  REQUIRE(print->catalog);
  CHECK(print->catalog->station_name == "CÔNG AN PHƯỜNG X");
  CHECK(t.state.deadline == t0 + seconds(8));
  CHECK(describe_state(t.state) == "state=ticket number=A001 print=printing");
}

TEST_CASE("the ticket screen returns home after its time, not before") {
  auto s = showing_ticket();
  s = quietly(s, Tick{}, t0 + milliseconds(7999));
  CHECK(s.screen == Screen::ticket);
  s = quietly(s, Tick{}, t0 + seconds(8));
  CHECK(s.screen == Screen::services);
  CHECK(s.on_deadline ==
        TimeoutAction::attract); // home waits only for the attract screen
}

TEST_CASE("a tap on the ticket screen returns home at once") {
  auto s = quietly(showing_ticket(), ScreenTapped{});
  CHECK(s.screen == Screen::services);
  CHECK(s.on_deadline ==
        TimeoutAction::attract); // home waits only for the attract screen
}

TEST_CASE("a finished print updates the ticket screen") {
  auto s = quietly(showing_ticket(), PrintFinished{"A001", true, "job 12"});
  CHECK(s.print == PrintStatus::printed);
  CHECK(s.print_message == "job 12");
  CHECK(s.deadline == t0 + seconds(8));
  CHECK(describe_state(s) == "state=ticket number=A001 print=printed");
}

TEST_CASE("a failed print keeps the number up for a full ticket time") {
  auto s = quietly(showing_ticket(), PrintFinished{"A001", false, "printer stopped"},
                   t0 + seconds(5));
  CHECK(s.print == PrintStatus::failed);
  CHECK(s.print_message == "printer stopped");
  CHECK(s.deadline == t0 + seconds(13));
  CHECK(describe_state(s) == "state=ticket number=A001 print=failed");
}

TEST_CASE("a print result for another ticket is ignored") {
  auto s = quietly(showing_ticket(), PrintFinished{"B007", false, "x"});
  CHECK(s.print == PrintStatus::printing);
}

TEST_CASE(
    "a late print result after returning home is recorded without changing screen") {
  auto s = quietly(showing_ticket(), ScreenTapped{});
  s = quietly(s, PrintFinished{"A001", true, "job 3"});
  CHECK(s.screen == Screen::services);
  CHECK(s.print == PrintStatus::printed);
  CHECK(s.on_deadline ==
        TimeoutAction::attract); // home waits only for the attract screen
  CHECK(describe_state(s) == "state=services number=A001 print=printed");
}

TEST_CASE("an unreachable station shows the error screen, which times out home") {
  IssueFailure f{IssueFailure::Kind::timeout, "", "no answer in 3000 ms"};
  auto s = quietly(issuing_a(), TicketFailed{f});
  CHECK(s.screen == Screen::error);
  CHECK(s.error == ErrorKind::server_unreachable);
  CHECK(s.deadline == t0 + seconds(10));
  s = quietly(s, Tick{}, t0 + milliseconds(9999));
  CHECK(s.screen == Screen::error);
  s = quietly(s, Tick{}, t0 + seconds(10));
  CHECK(s.screen == Screen::services);
}

TEST_CASE("a refusal shows the station's reason and a tap goes back") {
  IssueFailure f{IssueFailure::Kind::refused, "service_paused", "Đã hết số hôm nay"};
  auto s = quietly(issuing_a(), TicketFailed{f});
  CHECK(s.screen == Screen::error);
  CHECK(s.error == ErrorKind::ticket_refused);
  CHECK(s.error_detail == "Đã hết số hôm nay");
  s = quietly(s, ScreenTapped{});
  CHECK(s.screen == Screen::services);
  CHECK(s.on_deadline ==
        TimeoutAction::attract); // home waits only for the attract screen
}

TEST_CASE("results that arrive outside the issuing screen are ignored") {
  auto home = at_home();
  auto s = quietly(home, TicketIssued{ticket_a001()});
  CHECK(s.screen == Screen::services);
  CHECK_FALSE(s.ticket.has_value());
  s = quietly(home, TicketFailed{});
  CHECK(s.screen == Screen::services);
}

TEST_CASE("a new catalog while at home replaces the old one") {
  auto c = std::make_shared<Catalog>(*two_services());
  c->station_name = "NEW";
  auto s = quietly(at_home(), CatalogLoaded{c});
  CHECK(s.screen == Screen::services);
  CHECK(s.catalog->station_name == "NEW");
}

TEST_CASE("ticks before a deadline change nothing") {
  auto s = quietly(at_home(), Tick{}, t0 + seconds(60));
  CHECK(s.screen == Screen::services);
}

TEST_CASE("effects describe themselves for the log") {
  CHECK(describe(FetchCatalog{}) == "fetch catalog");
  CHECK(describe(IssueTicket{"A", "k1"}) == "issue ticket for service A (key k1)");
  CHECK(describe(IssueTicket{"A", "k1", "elderly"}) ==
        "issue ticket for service A priority elderly (key k1)");
  Rating r;
  r.level = "dissatisfied";
  r.reasons = {"waiting_time"};
  r.ticket = "A015";
  CHECK(describe(SubmitRating{r}) ==
        "submit rating dissatisfied waiting_time (ticket A015)");
  CHECK(describe(PrintTicket{ticket_a001(), nullptr}) == "print ticket A001");
}

TEST_CASE("screen names round-trip") {
  for (auto s :
       {Screen::connecting, Screen::home, Screen::services, Screen::priority,
        Screen::issuing, Screen::ticket, Screen::error, Screen::closed, Screen::rating,
        Screen::reasons, Screen::ticket_entry, Screen::thanks, Screen::attract})
    CHECK(parse_screen_name(screen_name(s)) == s);
  CHECK_FALSE(parse_screen_name("lobby").has_value());
}

TEST_CASE("a polled printer status is kept and said by describe_state") {
  using printer::PrinterCondition;
  using printer::PrinterStatus;
  auto home = at_home();
  CHECK_FALSE(printer_blocked(home)); // not polled yet: nothing to warn about
  CHECK(describe_state(home) == "state=services");
  auto empty = quietly(
      home, PrinterStatusChanged{PrinterStatus::of({PrinterCondition::media_empty})});
  CHECK(empty.screen == Screen::services); // the citizen's screen stays
  CHECK(printer_blocked(empty));
  CHECK(describe_state(empty) == "state=services printer=media-empty");
  auto low = quietly(
      empty, PrinterStatusChanged{PrinterStatus::of({PrinterCondition::media_low})});
  CHECK_FALSE(printer_blocked(low)); // low paper still prints
  // A printer that does not answer status requests is not a fault.
  auto silent = quietly(low, PrinterStatusChanged{PrinterStatus{}});
  CHECK_FALSE(printer_blocked(silent));
  // Tickets are still issued while the printer is out: the number shows on screen.
  auto t = reduce(empty, ServiceTapped{"A", "key-9"}, t0);
  CHECK(t.state.screen == Screen::issuing);
}
