#include "tests/unit/kiosk/sample_states.hpp"

#include <stdexcept>

namespace motcua::kiosk::samples {

namespace {
const TimePoint t0{std::chrono::seconds(1000)};

State step(const State &s, const Event &e) { return reduce(s, e, t0).state; }

State home(KioskMode mode, const std::string &language) {
  auto st = start(settings(mode)).state;
  st = step(st, CatalogLoaded{default_catalog()});
  if (language != st.language)
    st = step(st, LanguageToggled{});
  return st;
}
} // namespace

std::shared_ptr<const Catalog> default_catalog() {
  static std::shared_ptr<const Catalog> catalog = [] {
    auto c = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
    if (!c)
      throw std::runtime_error(c.error().to_string());
    return std::make_shared<const Catalog>(c.value());
  }();
  return catalog;
}

ScreenSettings settings(KioskMode mode) {
  ScreenSettings s;
  s.mode = mode;
  for (const auto &g : default_catalog()->priority_groups)
    s.priority_groups.push_back(g.id);
  s.ticket_link = TicketLink::after;
  return s;
}

Ticket ticket_d015() {
  Ticket t;
  t.number = "D015";
  t.service_id = "D";
  t.sequence = 15;
  t.issued_at = "2026-05-12T08:15:03+07:00";
  t.people_ahead = 5;
  t.estimated_wait_minutes = 20;
  return t;
}

std::vector<Sample> all(const std::string &language) {
  std::vector<Sample> out;
  auto both = home(KioskMode::both, language);
  out.push_back({"choice", both});

  // The station refused E for today: its button then shows why.
  auto s = step(both, ArrivalChosen{});
  s = step(s, ServiceTapped{"E", "k0"});
  s = step(s, PriorityChosen{std::nullopt});
  s = step(
      s, TicketFailed{{IssueFailure::Kind::refused, std::string(kCodeDailyCap), "cap"}});
  auto closed_cap = s;
  s = step(s, ScreenTapped{});
  s = step(s, ArrivalChosen{});
  s = step(s, WaitingCountsUpdated{{{"A", 3}, {"B", 0}, {"C", 12}, {"D", 5}}});
  if (language != s.language)
    s = step(s, LanguageToggled{});
  out.push_back({"services", s});
  // The printer monitor found the paper out while the kiosk was idle: the
  // prompt warns before a citizen taps.
  out.push_back(
      {"services-no-paper", step(s, PrinterStatusChanged{printer::PrinterStatus::of(
                                        {printer::PrinterCondition::media_empty})})});

  auto priority = step(s, ServiceTapped{"D", "k1"});
  out.push_back({"priority", priority});
  auto issuing = step(priority, PriorityChosen{std::nullopt});
  out.push_back({"issuing", issuing, false});
  auto ticket = step(issuing, TicketIssued{ticket_d015()});
  out.push_back({"ticket-printing", ticket, false});
  out.push_back({"ticket", step(ticket, PrintFinished{"D015", true, "job 1"})});
  out.push_back(
      {"ticket-no-paper", step(ticket, PrintFinished{"D015", false, "media-empty"})});
  out.push_back({"closed-daily-cap", closed_cap, false});
  auto hours = step(priority, PriorityChosen{std::nullopt});
  hours = step(hours, TicketFailed{{IssueFailure::Kind::refused,
                                    std::string(kCodeOutsideHours), "x"}});
  out.push_back({"closed", hours});
  auto error =
      step(issuing, TicketFailed{{IssueFailure::Kind::timeout, "", "no answer"}});
  out.push_back({"error", error, false});
  // The station silent and no leased number left for D: the kiosk says so
  // rather than invent one.
  auto silent = issuing;
  silent.settings.offline_tickets = true;
  silent = step(silent, TicketFailed{{IssueFailure::Kind::unreachable, "", "refused"}});
  silent =
      step(silent, OfflineIssueFailed{OfflineIssueFailed::Why::no_lease, "", "none"});
  out.push_back({"error-no-lease", silent, false});

  auto rating = step(both, DepartureChosen{});
  out.push_back({"rating", rating});
  auto reasons = step(rating, LevelTapped{"dissatisfied"});
  reasons = step(reasons, ReasonToggled{"waiting_time"});
  out.push_back({"reasons", reasons});
  // The last seconds before going home show a countdown.
  auto countdown =
      reduce(reasons, Tick{},
             t0 + reasons.settings.timings.inactivity - std::chrono::milliseconds(2500))
          .state;
  out.push_back({"reasons-countdown", countdown, false});
  auto keypad = step(reasons, ReasonsDone{true});
  for (char k : {'A', '1', '5'})
    keypad = step(keypad, KeypadPressed{k});
  out.push_back({"keypad", keypad});
  out.push_back({"thanks", step(keypad, TicketEntryDone{false})});

  auto five = settings(KioskMode::departure);
  five.rating_levels = 5;
  auto st = start(five).state;
  st = step(st, CatalogLoaded{default_catalog()});
  if (language != st.language)
    st = step(st, LanguageToggled{});
  out.push_back({"rating-5-levels", st, false});

  auto attract = reduce(both, Tick{}, t0 + both.settings.timings.attract).state;
  out.push_back({"attract", attract, false});
  auto connecting = start(settings(KioskMode::both)).state;
  if (language != connecting.language)
    connecting.language = language;
  out.push_back({"connecting", connecting, false});
  return out;
}

} // namespace motcua::kiosk::samples
