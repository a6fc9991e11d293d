#include "kiosk/app/screen_machine.hpp"

#include "kiosk/app/overloaded.hpp"

#include <algorithm>

namespace motcua::kiosk {

namespace {

using std::chrono::seconds;

bool interactive(Screen screen) {
  switch (screen) {
  case Screen::home:
  case Screen::services:
  case Screen::priority:
  case Screen::rating:
  case Screen::reasons:
  case Screen::ticket_entry:
    return true;
  default:
    return false;
  }
}

void set_deadline(State &s, TimePoint at, TimeoutAction action) {
  s.deadline = at;
  s.on_deadline = action;
}

void clear_deadline(State &s) {
  s.deadline.reset();
  s.on_deadline = TimeoutAction::none;
}

// Each screen's own timeout, counted from now.
void enter(State &s, Screen screen, TimePoint now) {
  s.screen = screen;
  const ScreenTimings &t = s.settings.timings;
  clear_deadline(s);
  if (at_home(s)) {
    set_deadline(s, now + t.attract, TimeoutAction::attract);
    return;
  }
  switch (screen) {
  case Screen::ticket:
    set_deadline(s, now + t.ticket_screen, TimeoutAction::go_home);
    break;
  case Screen::error:
    set_deadline(s, now + t.error_screen, TimeoutAction::go_home);
    break;
  case Screen::closed:
    set_deadline(s, now + t.closed_screen, TimeoutAction::go_home);
    break;
  case Screen::thanks:
    set_deadline(s, now + t.thanks_screen, TimeoutAction::go_home);
    break;
  default:
    if (interactive(screen))
      set_deadline(s, now + t.inactivity, TimeoutAction::go_home);
    break;
  }
}

// A touch restarts the idle time of interactive screens.
void touch(State &s, TimePoint now) {
  if (interactive(s.screen))
    enter(s, s.screen, now);
}

void clear_departure(State &s) {
  s.level.clear();
  s.reasons.clear();
  s.entry.clear();
  s.linked_ticket.reset();
  s.entry_rejected_rated = false;
}

void go_home(State &s, TimePoint now) {
  s.chosen_service_id.clear();
  s.idempotency_key.clear();
  s.issuing_service_id.clear();
  s.issuing_group.reset();
  s.offline_requested = false;
  clear_departure(s);
  s.language = s.settings.language;
  enter(s, home_screen(s.settings.mode), now);
}

void issue(Transition &t, std::optional<std::string> group, TimePoint now) {
  State &s = t.state;
  enter(s, Screen::issuing, now);
  s.issuing_service_id = s.chosen_service_id;
  s.issuing_group = group;
  s.offline_requested = false;
  // The citizen waits for the station this long at most, then the lease serves.
  if (s.settings.offline_tickets)
    set_deadline(s, now + s.settings.timings.offline_fallback,
                 TimeoutAction::issue_offline);
  t.effects.push_back(
      IssueTicket{s.chosen_service_id, s.idempotency_key, std::move(group)});
}

// From here on the ticket comes from the lease; the station's late answer to
// this tap (if any) is ignored. The executor answers with TicketIssued
// (offline) or OfflineIssueFailed; the error screen's time bounds the wait.
void issue_offline(Transition &t, TimePoint now) {
  State &s = t.state;
  s.offline_requested = true;
  set_deadline(s, now + s.settings.timings.error_screen, TimeoutAction::go_home);
  t.effects.push_back(
      IssueOffline{s.issuing_service_id, s.idempotency_key, s.issuing_group});
}

// Failures that say nothing about the ticket itself: the station is away,
// slow, broken or unreadable. Refusals (hours, caps) stand.
bool station_silent(const IssueFailure &f) {
  return f.kind != IssueFailure::Kind::refused || f.http_status >= 500;
}

// Whether a result belongs to the tap now issuing.
bool current_tap(const State &s, const std::string &key) {
  return s.screen == Screen::issuing && (key.empty() || key == s.idempotency_key);
}

void submit_rating(Transition &t, TimePoint now) {
  State &s = t.state;
  Rating rating;
  rating.level = s.level;
  rating.reasons = s.reasons;
  rating.ticket = s.linked_ticket;
  t.effects.push_back(SubmitRating{std::move(rating)});
  s.last_rating_at = now;
  if (s.linked_ticket) {
    if (s.rated_tickets.size() >= kRatedTicketsKept)
      s.rated_tickets.erase(s.rated_tickets.begin());
    s.rated_tickets.insert(*s.linked_ticket);
  }
  clear_departure(s);
  enter(s, Screen::thanks, now);
}

// After the level (and reasons): the keypad when linking comes after, else done.
void after_level(Transition &t, TimePoint now) {
  if (t.state.settings.ticket_link == TicketLink::after && !t.state.linked_ticket)
    enter(t.state, Screen::ticket_entry, now);
  else
    submit_rating(t, now);
}

// A level chosen but not yet sent is still the citizen's rating: leaving
// the screen (home button, idle time) sends it rather than losing it.
void leave(Transition &t, TimePoint now) {
  const State &s = t.state;
  if (!s.level.empty() &&
      (s.screen == Screen::reasons || s.screen == Screen::ticket_entry))
    submit_rating(t, now);
  go_home(t.state, now);
}

bool contains(const std::vector<std::string> &list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

void on_keypad(State &s, char key) {
  s.entry_rejected_rated = false;
  const bool has_letter = !s.entry.empty();
  if (key == '<') {
    if (has_letter)
      s.entry.pop_back();
  } else if (key >= 'A' && key <= 'Z') {
    s.entry = std::string(1, key); // a letter always starts a new number
  } else if (key >= '0' && key <= '9') {
    if (has_letter && s.entry.size() < 4)
      s.entry += key;
  }
}

void on_timeout(Transition &t, TimePoint now) {
  State &s = t.state;
  const TimeoutAction action = s.on_deadline;
  clear_deadline(s);
  switch (action) {
  case TimeoutAction::none:
    break;
  case TimeoutAction::retry_catalog:
    if (!s.catalog_request_pending) {
      s.catalog_request_pending = true;
      t.effects.push_back(FetchCatalog{});
    }
    break;
  case TimeoutAction::go_home:
    leave(t, now);
    break;
  case TimeoutAction::attract:
    s.language = s.settings.language;
    s.screen = Screen::attract;
    break;
  case TimeoutAction::issue_offline:
    if (s.screen == Screen::issuing && !s.offline_requested)
      issue_offline(t, now);
    break;
  }
}

void expire_closed(State &s, TimePoint now) {
  for (auto it = s.closed.begin(); it != s.closed.end();)
    it = now >= it->second.second ? s.closed.erase(it) : std::next(it);
}

// The countdown shown and the next wake-up, from the deadline and `now`.
void schedule(State &s, TimePoint now) {
  const Duration window = s.settings.timings.countdown;
  s.countdown_seconds = 0;
  std::optional<TimePoint> wake = s.deadline;
  if (s.deadline && s.on_deadline == TimeoutAction::go_home && window.count() > 0) {
    const auto remaining = *s.deadline - now;
    if (remaining > window) {
      wake = *s.deadline - window;
    } else if (remaining > Duration::zero()) {
      const auto left = std::chrono::ceil<seconds>(remaining);
      s.countdown_seconds = static_cast<int>(left.count());
      wake = *s.deadline - (left - seconds(1));
    }
  }
  for (const auto &[id, closed] : s.closed)
    if (!wake || closed.second < *wake)
      wake = closed.second;
  s.wake = wake;
}

} // namespace

Transition start(ScreenSettings settings) {
  Transition t;
  t.state.settings = std::move(settings);
  t.state.language = t.state.settings.language;
  t.state.screen = Screen::connecting;
  t.state.catalog_request_pending = true;
  t.effects.push_back(FetchCatalog{});
  return t;
}

Transition start(ScreenTimings timings) {
  ScreenSettings settings;
  settings.timings = timings;
  return start(std::move(settings));
}

Transition reduce(const State &state, const Event &event, TimePoint now) {
  Transition t{state, {}, true};
  State &s = t.state;
  std::visit(
      Overloaded{
          [&](const CatalogLoaded &e) {
            s.catalog = e.catalog;
            s.catalog_request_pending = false;
            if (s.screen == Screen::connecting)
              go_home(s, now);
          },
          [&](const CatalogFailed &) {
            s.catalog_request_pending = false;
            if (s.screen == Screen::connecting)
              set_deadline(s, now + s.settings.timings.catalog_retry,
                           TimeoutAction::retry_catalog);
          },
          [&](const WaitingCountsUpdated &e) { s.waiting = e.waiting; },
          [&](const PrinterStatusChanged &e) { s.printer = e.status; },
          [&](const ServiceTapped &e) {
            // Only the services screen takes a service: a second tap while the
            // first request runs must not issue a second ticket.
            if (s.screen != Screen::services || !s.catalog ||
                !s.catalog->find_service(e.service_id) || service_closed(s, e.service_id))
              return;
            s.chosen_service_id = e.service_id;
            s.idempotency_key = e.idempotency_key;
            if (offered_priority_groups(s).empty())
              issue(t, std::nullopt, now);
            else
              enter(s, Screen::priority, now);
          },
          [&](const PriorityChosen &e) {
            if (s.screen != Screen::priority)
              return;
            if (e.group_id && !contains(s.settings.priority_groups, *e.group_id))
              return;
            issue(t, e.group_id, now);
          },
          [&](const ArrivalChosen &) {
            if (s.screen == Screen::home && !s.settings.out_of_service)
              enter(s, Screen::services, now);
          },
          [&](const DepartureChosen &) {
            if (s.screen == Screen::home)
              enter(s,
                    s.settings.ticket_link == TicketLink::before ? Screen::ticket_entry
                                                                 : Screen::rating,
                    now);
          },
          [&](const LanguageToggled &) {
            if (s.screen == Screen::connecting || s.screen == Screen::issuing)
              return;
            s.language = s.language == "vi" ? "en" : "vi";
            touch(s, now);
          },
          [&](const HomePressed &) {
            if (interactive(s.screen) && !at_home(s))
              leave(t, now);
          },
          [&](const ScreenTapped &) {
            switch (s.screen) {
            case Screen::ticket:
            case Screen::error:
            case Screen::closed:
            case Screen::thanks:
            case Screen::attract:
              go_home(s, now);
              break;
            default:
              touch(s, now);
              break;
            }
          },
          [&](const TicketIssued &e) {
            if (!current_tap(s, e.idempotency_key) || e.offline != s.offline_requested)
              return;
            s.chosen_service_id.clear();
            s.issuing_service_id.clear();
            s.issuing_group.reset();
            s.offline_requested = false;
            s.ticket = e.ticket;
            s.ticket_offline = e.offline;
            // The kiosk's last word on the line, if the station ever gave one.
            if (e.offline && s.ticket->people_ahead == 0)
              if (auto known = s.waiting.find(e.ticket.service_id);
                  known != s.waiting.end() && known->second > 0) {
                s.ticket->people_ahead = known->second;
                const Service *service =
                    s.catalog ? s.catalog->find_service(e.ticket.service_id) : nullptr;
                if (service)
                  s.ticket->estimated_wait_minutes =
                      known->second * service->avg_service_minutes;
              }
            s.print = PrintStatus::printing;
            s.print_message.clear();
            enter(s, Screen::ticket, now);
            t.effects.push_back(PrintTicket{*s.ticket, s.catalog});
          },
          [&](const OfflineIssueFailed &e) {
            if (!current_tap(s, e.idempotency_key) || !s.offline_requested)
              return;
            s.error = e.why == OfflineIssueFailed::Why::no_lease
                          ? ErrorKind::no_offline_numbers
                          : ErrorKind::server_unreachable;
            s.error_detail.clear();
            s.error_service_id = s.issuing_service_id; // named on the error screen
            s.chosen_service_id.clear();
            s.issuing_service_id.clear();
            s.issuing_group.reset();
            s.offline_requested = false;
            enter(s, Screen::error, now);
          },
          [&](const TicketFailed &e) {
            if (!current_tap(s, e.idempotency_key) || s.offline_requested)
              return;
            if (s.settings.offline_tickets && station_silent(e.failure)) {
              issue_offline(t, now);
              return;
            }
            const std::string service = s.issuing_service_id;
            s.chosen_service_id.clear();
            s.issuing_service_id.clear();
            const auto until = now + s.settings.timings.closed_recheck;
            const bool refused = e.failure.kind == IssueFailure::Kind::refused;
            if (refused && e.failure.code == kCodeOutsideHours) {
              s.closed["*"] = {ClosedReason::outside_hours, until};
              s.closed_reason = ClosedReason::outside_hours;
              s.closed_service_id.clear();
              enter(s, Screen::closed, now);
              return;
            }
            if (refused && e.failure.code == kCodeDailyCap) {
              s.closed[service] = {ClosedReason::daily_cap, until};
              s.closed_reason = ClosedReason::daily_cap;
              s.closed_service_id = service;
              enter(s, Screen::closed, now);
              return;
            }
            s.error = refused ? ErrorKind::ticket_refused : ErrorKind::server_unreachable;
            s.error_detail = e.failure.message;
            enter(s, Screen::error, now);
          },
          [&](const PrintFinished &e) {
            if (!s.ticket || s.ticket->number != e.ticket_number)
              return;
            s.print = e.ok ? PrintStatus::printed : PrintStatus::failed;
            s.print_message = e.message;
            // Without paper the number on screen is all the citizen gets:
            // leave it up long enough to note it.
            if (!e.ok && s.screen == Screen::ticket)
              set_deadline(s,
                           std::max(s.deadline.value_or(now),
                                    now + s.settings.timings.ticket_screen),
                           TimeoutAction::go_home);
          },
          [&](const LevelTapped &e) {
            if (s.screen != Screen::rating ||
                !contains(rating_level_keys(s.settings.rating_levels), e.level))
              return;
            // A second press right after a rating (a double tap, an impatient
            // finger) is the same rating: thank again, count nothing.
            if (s.last_rating_at &&
                now - *s.last_rating_at < s.settings.timings.rating_repeat) {
              clear_departure(s);
              enter(s, Screen::thanks, now);
              return;
            }
            s.level = e.level;
            s.reasons.clear();
            if (asks_reasons(e.level) && !s.settings.rating_reasons.empty())
              enter(s, Screen::reasons, now);
            else
              after_level(t, now);
          },
          [&](const ReasonToggled &e) {
            if (s.screen != Screen::reasons ||
                !contains(s.settings.rating_reasons, e.reason))
              return;
            if (auto it = std::find(s.reasons.begin(), s.reasons.end(), e.reason);
                it != s.reasons.end())
              s.reasons.erase(it);
            else
              s.reasons.push_back(e.reason);
            touch(s, now);
          },
          [&](const ReasonsDone &e) {
            if (s.screen != Screen::reasons)
              return;
            if (!e.send)
              s.reasons.clear();
            after_level(t, now);
          },
          [&](const KeypadPressed &e) {
            if (s.screen != Screen::ticket_entry)
              return;
            on_keypad(s, e.key);
            touch(s, now);
          },
          [&](const TicketEntryDone &e) {
            if (s.screen != Screen::ticket_entry)
              return;
            s.linked_ticket.reset();
            if (!e.skip) {
              auto number = normalise_ticket_number(s, s.entry);
              if (!number)
                return;
              if (s.rated_tickets.count(*number)) {
                s.entry_rejected_rated = true;
                touch(s, now);
                return;
              }
              s.linked_ticket = number;
            }
            if (s.settings.ticket_link == TicketLink::before && s.level.empty())
              enter(s, Screen::rating, now);
            else
              submit_rating(t, now);
          },
          [&](const Tick &) {
            const Screen before = s.screen;
            const int countdown = s.countdown_seconds;
            const auto closed = s.closed.size();
            expire_closed(s, now);
            if (s.deadline && now >= *s.deadline)
              on_timeout(t, now);
            schedule(s, now);
            t.redraw = s.screen != before || s.countdown_seconds != countdown ||
                       s.closed.size() != closed;
          },
      },
      event);
  if (!std::holds_alternative<Tick>(event))
    schedule(s, now);
  return t;
}

std::optional<TimePoint> next_deadline(const State &state) { return state.wake; }

} // namespace motcua::kiosk
