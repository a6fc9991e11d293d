#include "kiosk/app/technician_machine.hpp"

#include "kiosk/app/overloaded.hpp"
#include "kiosk/app/technician_pin.hpp"
#include "kiosk/app/technician_setup.hpp"

#include <algorithm>
#include <cctype>

namespace motcua::kiosk::tech {

namespace {

constexpr std::string_view kScreenNames[] = {"closed",
                                             "pin",
                                             "diagnostics",
                                             "settings",
                                             "enroll",
                                             "setup-language",
                                             "setup-orientation",
                                             "setup-station",
                                             "setup-code",
                                             "setup-printer",
                                             "setup-printer-address",
                                             "setup-mode",
                                             "setup-pin"};

void say(State &s, std::string key, bool bad, std::string detail = {}) {
  s.message_key = std::move(key);
  s.message_bad = bad;
  s.message_detail = std::move(detail);
}

bool locked(const State &s, TimePoint now) {
  return s.locked_until && now < *s.locked_until;
}

// Typing: digits on the PIN pad, code characters on the enrollment keyboard.
void type(State &s, char key, TimePoint now) {
  const std::string before = s.entry;
  if (key == '<') {
    if (!s.entry.empty())
      s.entry.pop_back();
  } else if (!accepts_key(s.screen, key)) {
    return;
  } else if (s.screen == Screen::pin) {
    if (!locked(s, now) && !s.checking &&
        s.entry.size() < static_cast<std::size_t>(kPinMaxDigits))
      s.entry.push_back(key);
  } else if (!s.enrolling && s.entry.size() < kCodeMaxLength) {
    s.entry.push_back(key);
  }
  // A refused code is not the code being typed now; the PIN pad's words
  // (tries left, locked) stay, they are about the pad.
  if (s.screen == Screen::enroll && s.entry != before && s.message_bad)
    say(s, "", false);
}

void go(State &s, Screen screen) {
  s.screen = screen;
  s.entry.clear();
  say(s, "", false);
}

Transition leave(State s) {
  const bool changed = s.changed;
  s = State{};
  return {std::move(s), {ReturnToService{changed}}};
}

} // namespace

std::string_view screen_name(Screen screen) {
  return kScreenNames[static_cast<std::size_t>(screen)];
}

std::optional<Screen> parse_screen_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kScreenNames); ++i)
    if (kScreenNames[i] == name)
      return static_cast<Screen>(i);
  return std::nullopt;
}

Transition reduce(const State &state, const Event &event, TimePoint now) {
  State s = state;
  std::vector<Effect> effects;
  // The wizard has no PIN before it and no idle time: a kiosk without a
  // configuration has nothing else to show.
  if (reduce_setup(s, event, effects))
    return {std::move(s), std::move(effects)};
  const bool open = s.screen != Screen::closed;
  // Any event a person causes counts as activity; results and ticks do not.
  const bool by_hand = !std::holds_alternative<Tick>(event) &&
                       !std::holds_alternative<PinChecked>(event) &&
                       !std::holds_alternative<DiagnosticsGathered>(event) &&
                       !std::holds_alternative<SettingsSaved>(event) &&
                       !std::holds_alternative<EnrollFinished>(event);
  if (by_hand)
    s.last_activity = now;

  std::visit(Overloaded{
                 [&](const Opened &e) {
                   if (open)
                     return;
                   s = State{};
                   s.screen = Screen::pin;
                   s.language = e.language;
                   s.station_url = e.station_url;
                   s.kiosk_language = s.saved_language = e.language;
                   s.mode = s.saved_mode = e.mode;
                   s.paper_width_dots = s.saved_paper_width_dots = e.paper_width_dots;
                   s.orientation = s.saved_orientation = e.orientation;
                   s.pin_set = e.pin_set;
                   s.tries_left = e.tries_left;
                   s.locked_until = e.locked_until;
                   s.last_activity = now;
                   if (!e.pin_set)
                     say(s, "tech.pin.not_set", true);
                   else if (locked(s, now))
                     say(s, "tech.pin.locked", true);
                 },
                 [&](const Key &e) {
                   if (open && (s.screen == Screen::pin || s.screen == Screen::enroll))
                     type(s, e.key, now);
                 },
                 [&](const Submit &) {
                   if (s.screen == Screen::pin && s.pin_set && !locked(s, now) &&
                       !s.checking) {
                     if (s.entry.size() < static_cast<std::size_t>(kPinMinDigits)) {
                       say(s, "tech.pin.too_short", true);
                       return;
                     }
                     s.checking = true;
                     say(s, "tech.pin.checking", false);
                     effects.push_back(CheckPin{s.entry});
                   } else if (s.screen == Screen::enroll && !s.enrolling) {
                     if (s.entry.size() < 4) {
                       say(s, "tech.enroll.too_short", true);
                       return;
                     }
                     s.enrolling = true;
                     say(s, "tech.enroll.working", false);
                     effects.push_back(Enroll{s.entry});
                   }
                 },
                 [&](const PinChecked &e) {
                   if (s.screen != Screen::pin || !s.checking)
                     return;
                   s.checking = false;
                   s.entry.clear();
                   s.tries_left = e.tries_left;
                   s.locked_until = e.locked_until;
                   if (e.accepted) {
                     go(s, Screen::diagnostics);
                     s.gathering = true;
                     effects.push_back(GatherDiagnostics{});
                   } else if (locked(s, now)) {
                     say(s, "tech.pin.locked", true);
                   } else {
                     say(s, "tech.pin.wrong", true, std::to_string(e.tries_left));
                   }
                 },
                 [&](const Show &e) {
                   // Past the PIN only: the pad is the one way in.
                   if (s.screen == Screen::closed || s.screen == Screen::pin ||
                       e.screen == Screen::closed || e.screen == Screen::pin)
                     return;
                   go(s, e.screen);
                   if (e.screen == Screen::settings) {
                     s.mode = s.saved_mode;
                     s.kiosk_language = s.saved_language;
                     s.paper_width_dots = s.saved_paper_width_dots;
                     s.orientation = s.saved_orientation;
                   }
                   if (e.screen == Screen::diagnostics && !s.gathering) {
                     s.gathering = true;
                     effects.push_back(GatherDiagnostics{});
                   }
                 },
                 [&](const Refresh &) {
                   if (s.screen == Screen::diagnostics && !s.gathering) {
                     s.gathering = true;
                     effects.push_back(GatherDiagnostics{});
                   }
                 },
                 [&](const DiagnosticsGathered &e) {
                   s.gathering = false;
                   if (open)
                     s.diagnostics = e.rows;
                 },
                 [&](const ModeChosen &e) {
                   if (s.screen == Screen::settings)
                     s.mode = e.mode;
                 },
                 [&](const LanguageChosen &e) {
                   if (s.screen == Screen::settings &&
                       (e.language == "vi" || e.language == "en"))
                     s.kiosk_language = e.language;
                 },
                 [&](const OrientationChosen &e) {
                   if (s.screen == Screen::settings)
                     s.orientation = e.orientation;
                 },
                 [&](const PaperChosen &e) {
                   if (s.screen == Screen::settings && is_paper_width(e.dots))
                     s.paper_width_dots = e.dots;
                 },
                 [&](const SaveSettings &) {
                   if (s.screen != Screen::settings)
                     return;
                   if (s.mode == s.saved_mode && s.kiosk_language == s.saved_language &&
                       s.paper_width_dots == s.saved_paper_width_dots &&
                       s.orientation == s.saved_orientation) {
                     say(s, "tech.settings.unchanged", false);
                     return;
                   }
                   effects.push_back(WriteSettings{s.mode, s.kiosk_language,
                                                   s.paper_width_dots, s.orientation});
                 },
                 [&](const SettingsSaved &e) {
                   if (s.screen != Screen::settings)
                     return;
                   if (!e.ok) {
                     say(s, "tech.settings.failed", true, e.detail);
                     return;
                   }
                   s.saved_mode = s.mode;
                   s.saved_language = s.kiosk_language;
                   s.saved_paper_width_dots = s.paper_width_dots;
                   s.saved_orientation = s.orientation;
                   // The technician reads the pages in the language just chosen.
                   s.language = s.kiosk_language;
                   s.changed = true;
                   say(s, "tech.settings.saved", false);
                 },
                 [&](const EnrollFinished &e) {
                   if (s.screen != Screen::enroll || !s.enrolling)
                     return;
                   s.enrolling = false;
                   if (!e.ok) {
                     say(s, "tech.enroll.failed", true, e.detail);
                     return;
                   }
                   s.entry.clear();
                   s.changed = true;
                   say(s, "tech.enroll.done", false, e.detail);
                 },
                 [&](const Leave &) {},
                 [&](const Touched &) {},
                 [&](const auto &) {}, // the wizard's events, outside the wizard
                 [&](const Tick &) {
                   if (s.locked_until && now >= *s.locked_until) {
                     s.locked_until.reset();
                     s.tries_left = kPinTries;
                     if (s.message_key == "tech.pin.locked")
                       say(s, "", false);
                   }
                 },
             },
             event);

  if (std::holds_alternative<Leave>(event) && open)
    return leave(std::move(s));
  // Nobody left the kiosk in technician hands: idle time hands it back.
  if (s.screen != Screen::closed && !s.checking && !s.enrolling) {
    const Duration idle = s.screen == Screen::pin ? kPinIdle : kPagesIdle;
    if (now - s.last_activity >= idle)
      return leave(std::move(s));
  }
  return {std::move(s), std::move(effects)};
}

std::optional<TimePoint> next_deadline(const State &s) {
  if (s.screen == Screen::closed || is_setup(s.screen))
    return std::nullopt;
  const Duration idle = s.screen == Screen::pin ? kPinIdle : kPagesIdle;
  TimePoint wake = s.last_activity + idle;
  if (s.locked_until)
    wake = std::min(wake, *s.locked_until);
  return wake;
}

std::string describe(const State &s) {
  std::string out = "technician=" + std::string(screen_name(s.screen));
  if (s.screen == Screen::closed)
    return out;
  if (s.screen == Screen::pin)
    out += " entered=" + std::to_string(s.entry.size()) +
           " tries=" + std::to_string(s.tries_left) + (s.locked_until ? " locked" : "");
  if (is_setup(s.screen))
    out += " entered=" + std::to_string(s.entry.size()) + " queue=" + s.setup.queue;
  if (!s.message_key.empty())
    out += " message=" + s.message_key;
  out += std::string(" mode=") + std::string(mode_name(s.saved_mode)) +
         " language=" + s.saved_language + " paper=" +
         std::to_string(is_setup(s.screen) ? s.setup.paper_width_dots
                                           : s.saved_paper_width_dots);
  out += " orientation=" + std::string(orientation_name(
                               is_setup(s.screen) ? s.orientation : s.saved_orientation));
  return out;
}

} // namespace motcua::kiosk::tech
