// The screens added for issue 3, as pure reducer tests: the both-mode home,
// priority groups, closed states, departure (levels, reasons, keypad, dedupe,
// rated once), language, inactivity with its countdown, the attract screen.
#include "kiosk/app/screen_machine.hpp"
#include "tests/unit/kiosk/sample_states.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::kiosk;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const TimePoint t0{seconds(5000)};

Transition run(const State &s, const Event &e, TimePoint now = t0) {
  return reduce(s, e, now);
}
State step(const State &s, const Event &e, TimePoint now = t0) {
  return reduce(s, e, now).state;
}

State home(ScreenSettings settings) {
  return step(start(std::move(settings)).state,
              CatalogLoaded{samples::default_catalog()});
}
State home(KioskMode mode) { return home(samples::settings(mode)); }

const SubmitRating *only_rating(const Transition &t) {
  REQUIRE(t.effects.size() == 1);
  return std::get_if<SubmitRating>(&t.effects[0]);
}

State failed_with(const std::string &code) {
  auto s = step(home(KioskMode::arrival), ServiceTapped{"E", "k"});
  s = step(s, PriorityChosen{std::nullopt});
  return step(s, TicketFailed{{IssueFailure::Kind::refused, code, "refused"}});
}

} // namespace

TEST_CASE("each mode has its own home screen") {
  CHECK(home(KioskMode::arrival).screen == Screen::services);
  CHECK(home(KioskMode::departure).screen == Screen::rating);
  auto both = home(KioskMode::both);
  CHECK(both.screen == Screen::home);
  CHECK(step(both, ArrivalChosen{}).screen == Screen::services);
  CHECK(step(both, DepartureChosen{}).screen == Screen::rating);
  CHECK(shows(home(KioskMode::arrival), Screen::home));
  CHECK_FALSE(shows(step(both, ArrivalChosen{}), Screen::home));
}

TEST_CASE("two taps from the arrival home: service, then a priority group or the skip") {
  auto s = home(KioskMode::arrival);
  auto t = run(s, ServiceTapped{"A", "key-7"});
  CHECK(t.state.screen == Screen::priority);
  CHECK(t.effects.empty());
  auto issued = run(t.state, PriorityChosen{std::string("elderly")});
  CHECK(issued.state.screen == Screen::issuing);
  REQUIRE(issued.effects.size() == 1);
  auto *issue = std::get_if<IssueTicket>(&issued.effects[0]);
  REQUIRE(issue);
  CHECK(issue->service_id == "A");
  CHECK(issue->idempotency_key == "key-7");
  CHECK(issue->priority_group == std::optional<std::string>("elderly"));

  auto skipped = run(t.state, PriorityChosen{std::nullopt});
  REQUIRE(skipped.effects.size() == 1);
  CHECK_FALSE(std::get<IssueTicket>(skipped.effects[0]).priority_group.has_value());
  // A group the kiosk does not offer is no choice.
  CHECK(run(t.state, PriorityChosen{std::string("vip")}).effects.empty());
}

TEST_CASE("without priority groups a service tap issues at once") {
  auto settings = samples::settings(KioskMode::arrival);
  settings.priority_groups.clear();
  auto t = run(home(settings), ServiceTapped{"A", "k"});
  CHECK(t.state.screen == Screen::issuing);
  CHECK(t.effects.size() == 1);
}

TEST_CASE("outside issuing hours closes every service until the recheck time") {
  auto s = failed_with("outside_issuing_hours");
  CHECK(s.screen == Screen::closed);
  CHECK(s.closed_reason == ClosedReason::outside_hours);
  s = step(s, ScreenTapped{});
  CHECK(s.screen == Screen::services);
  CHECK(service_closed(s, "A") == ClosedReason::outside_hours);
  CHECK(run(s, ServiceTapped{"A", "k2"}).effects.empty());
  // The wake-up lands on the recheck time, and then the buttons open again.
  const auto reopen = t0 + s.settings.timings.closed_recheck;
  CHECK(next_deadline(s) <= reopen);
  auto later = run(s, Tick{}, reopen);
  CHECK(later.redraw);
  CHECK_FALSE(service_closed(later.state, "A").has_value());
}

TEST_CASE("a daily cap disables that service only, with the reason") {
  auto s = failed_with("daily_cap_reached");
  CHECK(s.screen == Screen::closed);
  CHECK(s.closed_reason == ClosedReason::daily_cap);
  CHECK(s.closed_service_id == "E");
  s = step(s, ScreenTapped{});
  CHECK(service_closed(s, "E") == ClosedReason::daily_cap);
  CHECK_FALSE(service_closed(s, "A").has_value());
  CHECK(run(s, ServiceTapped{"E", "k"}).effects.empty());
  CHECK(step(s, ServiceTapped{"A", "k"}).screen == Screen::priority);
}

TEST_CASE("other refusals show the error screen with the station's words") {
  auto s = failed_with("invalid_field");
  CHECK(s.screen == Screen::error);
  CHECK(s.error == ErrorKind::ticket_refused);
  CHECK(s.error_detail == "refused");
}

TEST_CASE("an out-of-service kiosk issues nothing but still takes ratings") {
  auto settings = samples::settings(KioskMode::both);
  settings.out_of_service = true;
  auto s = home(settings);
  CHECK(step(s, ArrivalChosen{}).screen == Screen::home);
  auto arrival = settings;
  arrival.mode = KioskMode::arrival;
  auto a = home(arrival);
  CHECK(service_closed(a, "A") == ClosedReason::out_of_service);
  CHECK(run(a, ServiceTapped{"A", "k"}).effects.empty());
  CHECK(step(s, DepartureChosen{}).screen == Screen::rating);
}

TEST_CASE("a happy level is sent at once and thanked") {
  auto settings = samples::settings(KioskMode::departure);
  settings.ticket_link = TicketLink::off;
  auto t = run(home(settings), LevelTapped{"very_satisfied"});
  CHECK(t.state.screen == Screen::thanks);
  auto *r = only_rating(t);
  REQUIRE(r);
  CHECK(r->rating.level == "very_satisfied");
  CHECK(r->rating.reasons.empty());
  CHECK_FALSE(r->rating.ticket.has_value());
  CHECK(r->rating.id.empty()); // the executor makes the UUID
  // Thanks, then home after its time.
  auto back = step(t.state, Tick{}, t0 + settings.timings.thanks_screen);
  CHECK(back.screen == Screen::rating);
}

TEST_CASE("unhappy levels ask for reasons: toggle, send, or skip") {
  auto settings = samples::settings(KioskMode::departure);
  settings.ticket_link = TicketLink::off;
  auto s = step(home(settings), LevelTapped{"dissatisfied"});
  CHECK(s.screen == Screen::reasons);
  s = step(s, ReasonToggled{"waiting_time"});
  s = step(s, ReasonToggled{"guidance"});
  s = step(s, ReasonToggled{"waiting_time"}); // off again
  s = step(s, ReasonToggled{"not_a_reason"});
  CHECK(s.reasons == std::vector<std::string>{"guidance"});
  auto sent = run(s, ReasonsDone{true});
  auto *r = only_rating(sent);
  REQUIRE(r);
  CHECK(r->rating.level == "dissatisfied");
  CHECK(r->rating.reasons == std::vector<std::string>{"guidance"});
  auto skipped = run(s, ReasonsDone{false});
  r = only_rating(skipped);
  REQUIRE(r);
  CHECK(r->rating.reasons.empty());
}

TEST_CASE("levels follow the configured count and unknown levels do nothing") {
  CHECK(rating_level_keys(3).size() == 3);
  CHECK(rating_level_keys(4).size() == 4);
  CHECK(rating_level_keys(5).size() == 5);
  auto settings = samples::settings(KioskMode::departure);
  CHECK(run(home(settings), LevelTapped{"neutral"}).state.screen == Screen::rating);
  settings.rating_levels = 5;
  CHECK(run(home(settings), LevelTapped{"neutral"}).state.screen != Screen::rating);
}

TEST_CASE("repeated presses inside the interval count once") {
  auto settings = samples::settings(KioskMode::departure);
  settings.ticket_link = TicketLink::off;
  auto first = run(home(settings), LevelTapped{"satisfied"});
  REQUIRE(only_rating(first));
  auto s = step(first.state, ScreenTapped{}, t0 + milliseconds(100)); // back home
  CHECK(s.screen == Screen::rating);
  auto again = run(s, LevelTapped{"satisfied"}, t0 + milliseconds(4900));
  CHECK(again.effects.empty());
  CHECK(again.state.screen == Screen::thanks);
  s = step(again.state, ScreenTapped{}, t0 + seconds(5));
  auto next = run(s, LevelTapped{"satisfied"}, t0 + seconds(5));
  CHECK(only_rating(next));
}

TEST_CASE("the keypad links a ticket after the rating and a ticket is rated once") {
  auto s = step(home(KioskMode::departure), LevelTapped{"satisfied"});
  CHECK(s.screen == Screen::ticket_entry);
  for (char k : {'A', '1', '<', '1', '5', '9', '9'}) // the fourth digit is refused
    s = step(s, KeypadPressed{k});
  CHECK(s.entry == "A159");
  s = step(s, KeypadPressed{'<'});
  s = step(s, KeypadPressed{'<'});
  CHECK(s.entry == "A1");
  s = step(s, KeypadPressed{'5'});
  auto t = run(s, TicketEntryDone{false});
  auto *r = only_rating(t);
  REQUIRE(r);
  CHECK(r->rating.ticket == std::optional<std::string>("A015"));
  CHECK(t.state.rated_tickets.count("A015") == 1);

  // The same ticket again, later: refused with a message, skipping still rates.
  auto again = step(t.state, ScreenTapped{}, t0 + seconds(30));
  again = step(again, LevelTapped{"dissatisfied"}, t0 + seconds(30));
  again = step(again, ReasonsDone{false}, t0 + seconds(31));
  for (char k : {'A', '0', '1', '5'})
    again = step(again, KeypadPressed{k}, t0 + seconds(31));
  auto refused = run(again, TicketEntryDone{false}, t0 + seconds(32));
  CHECK(refused.effects.empty());
  CHECK(refused.state.entry_rejected_rated);
  CHECK(refused.state.screen == Screen::ticket_entry);
  auto skipped = run(refused.state, TicketEntryDone{true}, t0 + seconds(33));
  auto *r2 = only_rating(skipped);
  REQUIRE(r2);
  CHECK_FALSE(r2->rating.ticket.has_value());
  CHECK(r2->rating.level == "dissatisfied");
}

TEST_CASE("invalid ticket numbers cannot be confirmed") {
  auto s = step(home(KioskMode::departure), LevelTapped{"satisfied"});
  CHECK(run(s, TicketEntryDone{false}).effects.empty()); // empty
  s = step(s, KeypadPressed{'5'});                       // a digit first is ignored
  CHECK(s.entry.empty());
  s = step(s, KeypadPressed{'Z'}); // not a catalog prefix
  s = step(s, KeypadPressed{'1'});
  CHECK(run(s, TicketEntryDone{false}).effects.empty());
  CHECK(normalise_ticket_number(s, "A7") == std::optional<std::string>("A007"));
  CHECK_FALSE(normalise_ticket_number(s, "A000").has_value());
  CHECK_FALSE(normalise_ticket_number(s, "A").has_value());
}

TEST_CASE("linking before the rating: keypad first, then the faces") {
  auto settings = samples::settings(KioskMode::both);
  settings.ticket_link = TicketLink::before;
  auto s = step(home(settings), DepartureChosen{});
  CHECK(s.screen == Screen::ticket_entry);
  for (char k : {'C', '2'})
    s = step(s, KeypadPressed{k});
  s = step(s, TicketEntryDone{false});
  CHECK(s.screen == Screen::rating);
  CHECK(s.linked_ticket == std::optional<std::string>("C002"));
  auto t = run(s, LevelTapped{"very_satisfied"});
  auto *r = only_rating(t);
  REQUIRE(r);
  CHECK(r->rating.ticket == std::optional<std::string>("C002"));
}

TEST_CASE("leaving with a level chosen still sends the rating") {
  auto s = step(home(KioskMode::both), DepartureChosen{});
  s = step(s, LevelTapped{"dissatisfied"});
  s = step(s, ReasonToggled{"officer_attitude"});
  auto by_home = run(s, HomePressed{});
  CHECK(by_home.state.screen == Screen::home);
  auto *r = only_rating(by_home);
  REQUIRE(r);
  CHECK(r->rating.reasons == std::vector<std::string>{"officer_attitude"});

  auto idle = run(s, Tick{}, t0 + s.settings.timings.inactivity);
  CHECK(idle.state.screen == Screen::home);
  CHECK(only_rating(idle));
}

TEST_CASE("language: toggled anywhere, back to Vietnamese on every return home") {
  auto s = step(home(KioskMode::both), LanguageToggled{});
  CHECK(s.language == "en");
  s = step(s, ArrivalChosen{});
  CHECK(s.language == "en");
  s = step(s, HomePressed{});
  CHECK(s.screen == Screen::home);
  CHECK(s.language == "vi");
  s = step(step(s, LanguageToggled{}), LanguageToggled{});
  CHECK(s.language == "vi");
}

TEST_CASE("inactivity: a countdown in the last seconds, then home and a touch restarts it") {
  auto s = step(home(KioskMode::both), ArrivalChosen{});
  const auto idle = s.settings.timings.inactivity; // 30 s, countdown 5 s
  CHECK(s.countdown_seconds == 0);
  CHECK(next_deadline(s) == t0 + idle - seconds(5));
  auto t = run(s, Tick{}, t0 + idle - seconds(5));
  CHECK(t.redraw);
  CHECK(t.state.countdown_seconds == 5);
  CHECK(next_deadline(t.state) == t0 + idle - seconds(4));
  // A tick inside the same second changes nothing visible.
  auto same = run(t.state, Tick{}, t0 + idle - milliseconds(4500));
  CHECK_FALSE(same.redraw);
  t = run(t.state, Tick{}, t0 + idle - seconds(1));
  CHECK(t.state.countdown_seconds == 1);
  CHECK(next_deadline(t.state) == t0 + idle);

  auto touched = step(t.state, ScreenTapped{}, t0 + idle - seconds(1));
  CHECK(touched.screen == Screen::services);
  CHECK(touched.countdown_seconds == 0);
  CHECK(touched.deadline == t0 + idle - seconds(1) + idle);

  auto gone = step(t.state, Tick{}, t0 + idle);
  CHECK(gone.screen == Screen::home);
  CHECK(gone.countdown_seconds == 0);
}

TEST_CASE("every timed screen goes home: ticket, error, closed, thanks") {
  auto settings = samples::settings(KioskMode::arrival);
  auto s = step(home(settings), ServiceTapped{"A", "k"});
  s = step(s, PriorityChosen{std::nullopt});
  auto ticket = step(s, TicketIssued{samples::ticket_d015()});
  CHECK(ticket.deadline == t0 + settings.timings.ticket_screen);
  CHECK(step(ticket, Tick{}, t0 + settings.timings.ticket_screen).screen ==
        Screen::services);
  auto error = step(s, TicketFailed{{IssueFailure::Kind::unreachable, "", "x"}});
  CHECK(step(error, Tick{}, t0 + settings.timings.error_screen).screen ==
        Screen::services);
  auto closed = failed_with("daily_cap_reached");
  CHECK(step(closed, Tick{}, t0 + settings.timings.closed_screen).screen ==
        Screen::services);
  // The issuing screen waits for the station (its client has the deadline).
  CHECK_FALSE(s.deadline.has_value());
}

TEST_CASE("a long idle time at home shows the attract screen and a touch wakes it") {
  auto s = step(home(KioskMode::arrival), LanguageToggled{});
  const auto at = s.deadline;
  REQUIRE(at);
  CHECK(s.on_deadline == TimeoutAction::attract);
  auto attract = step(s, Tick{}, *at);
  CHECK(attract.screen == Screen::attract);
  CHECK(attract.language == "vi");
  CHECK_FALSE(next_deadline(attract).has_value()); // nothing to wake for
  // The waking touch opens home without pressing what lies under it.
  auto t = run(attract, ServiceTapped{"A", "k"}, *at + seconds(1));
  CHECK(t.effects.empty());
  CHECK(step(attract, ScreenTapped{}, *at + seconds(1)).screen == Screen::services);
}

TEST_CASE("waiting counts are kept per service") {
  auto s = step(home(KioskMode::arrival), WaitingCountsUpdated{{{"A", 4}}});
  CHECK(s.waiting.at("A") == 4);
  CHECK(s.waiting.count("B") == 0);
}
