#include "kiosk/app/technician_setup.hpp"

#include "kiosk/app/overloaded.hpp"
#include "kiosk/app/technician_pin.hpp"

#include <algorithm>
#include <cctype>

namespace motcua::kiosk::tech {

namespace {

void say(State &s, std::string key, bool bad, std::string detail = {}) {
  s.message_key = std::move(key);
  s.message_bad = bad;
  s.message_detail = std::move(detail);
}

// Opening a step: what it shows typed already.
void go(State &s, Screen screen) {
  s.screen = screen;
  s.entry.clear();
  say(s, "", false);
  if (screen == Screen::setup_station)
    s.entry = s.setup.station_url.empty() ? "http://" : s.setup.station_url;
}

std::size_t max_length(Screen screen) {
  return screen == Screen::setup_pin ? static_cast<std::size_t>(kPinMaxDigits) : 60;
}

bool station_url_has_host(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://"})
    if (url.starts_with(scheme) && url.size() > scheme.size())
      return true;
  return false;
}

void submit(State &s, std::vector<Effect> &effects) {
  switch (s.screen) {
  case Screen::setup_language:
    go(s, Screen::setup_orientation);
    return;
  case Screen::setup_orientation:
    go(s, Screen::setup_station);
    return;
  case Screen::setup_station:
    if (!station_url_has_host(s.entry)) {
      say(s, "tech.setup.station_missing", true);
      return;
    }
    s.setup.busy = true;
    say(s, "tech.setup.station_checking", false);
    effects.push_back(CheckStation{s.entry});
    return;
  case Screen::setup_code:
    if (s.entry.size() < 4) {
      say(s, "tech.enroll.too_short", true);
      return;
    }
    s.setup.busy = true;
    say(s, "tech.enroll.working", false);
    effects.push_back(Enroll{s.entry});
    return;
  case Screen::setup_printer:
    if (s.setup.queue.empty()) {
      say(s, "tech.setup.printer_missing", true);
      return;
    }
    go(s, Screen::setup_mode);
    return;
  case Screen::setup_printer_address:
    if (s.entry.empty()) {
      say(s, "tech.setup.address_missing", true);
      return;
    }
    s.setup.busy = true;
    say(s, "tech.setup.printer_adding", false);
    effects.push_back(AddPrinter{s.entry});
    return;
  case Screen::setup_mode:
    go(s, Screen::setup_pin);
    return;
  case Screen::setup_pin:
    if (pin_problem(s.entry)) {
      say(s, "tech.pin.too_short", true);
      return;
    }
    s.setup.busy = true;
    say(s, "tech.setup.finishing", false);
    effects.push_back(FinishSetup{s.setup.station_url, s.setup.queue,
                                  s.setup.paper_width_dots, s.mode, s.kiosk_language,
                                  s.orientation, s.entry});
    return;
  default:
    return;
  }
}

} // namespace

bool accepts_key(Screen screen, char c) {
  const bool digit = std::isdigit(static_cast<unsigned char>(c));
  switch (screen) {
  case Screen::setup_station:
    return digit || (c >= 'a' && c <= 'z') || c == '.' || c == ':' || c == '/' ||
           c == '-';
  case Screen::setup_printer_address:
    return digit || (c >= 'a' && c <= 'z') || c == '.' || c == ':' || c == '-';
  case Screen::setup_code:
  case Screen::enroll:
    return digit || (c >= 'A' && c <= 'Z') || c == '-';
  case Screen::pin:
  case Screen::setup_pin:
    return digit;
  default:
    return false;
  }
}

bool is_setup(Screen screen) { return screen >= Screen::setup_language; }

int setup_step(Screen screen) {
  switch (screen) {
  case Screen::setup_language:
    return 1;
  case Screen::setup_orientation:
    return 2;
  case Screen::setup_station:
    return 3;
  case Screen::setup_code:
    return 4;
  case Screen::setup_printer:
  case Screen::setup_printer_address:
    return 5;
  case Screen::setup_mode:
    return 6;
  case Screen::setup_pin:
    return 7;
  default:
    return 0;
  }
}

bool reduce_setup(State &s, const Event &event, std::vector<Effect> &effects) {
  if (const auto *start = std::get_if<StartSetup>(&event)) {
    s = State{};
    s.language = s.kiosk_language = start->language;
    s.mode = KioskMode::both;
    go(s, Screen::setup_language);
    return true;
  }
  if (!is_setup(s.screen))
    return false;
  auto done = [&s] { s.setup.busy = false; };
  std::visit(Overloaded{
                 [&](const Key &e) {
                   if (s.setup.busy)
                     return;
                   const std::string before = s.entry;
                   if (e.key == '<') {
                     if (!s.entry.empty())
                       s.entry.pop_back();
                   } else if (accepts_key(s.screen, e.key) &&
                              s.entry.size() < max_length(s.screen)) {
                     s.entry.push_back(e.key);
                   }
                   // What was said about the old text is not true of the new.
                   if (s.entry != before)
                     say(s, "", false);
                 },
                 [&](const Submit &) {
                   if (!s.setup.busy)
                     submit(s, effects);
                 },
                 [&](const Show &e) { // the wizard's back buttons
                   if (is_setup(e.screen) && !s.setup.busy)
                     go(s, e.screen);
                 },
                 [&](const LanguageChosen &e) {
                   if (s.screen == Screen::setup_language &&
                       (e.language == "vi" || e.language == "en"))
                     s.language = s.kiosk_language = e.language;
                 },
                 [&](const ModeChosen &e) {
                   if (s.screen == Screen::setup_mode)
                     s.mode = e.mode;
                 },
                 [&](const OrientationChosen &e) {
                   if (s.screen == Screen::setup_orientation)
                     s.orientation = e.orientation;
                 },
                 [&](const PaperChosen &e) {
                   if (s.screen == Screen::setup_printer && !s.setup.busy &&
                       is_paper_width(e.dots))
                     s.setup.paper_width_dots = e.dots;
                 },
                 [&](const StationChecked &e) {
                   if (s.screen != Screen::setup_station || !s.setup.busy)
                     return;
                   done();
                   if (!e.ok) {
                     say(s, "tech.setup.station_failed", true, e.detail);
                     return;
                   }
                   s.setup.station_url = s.entry;
                   s.station_url = s.entry;
                   go(s, Screen::setup_code);
                   say(s, "tech.setup.station_ok", false, e.detail);
                 },
                 [&](const EnrollFinished &e) {
                   if (s.screen != Screen::setup_code || !s.setup.busy)
                     return;
                   done();
                   if (!e.ok) {
                     say(s, "tech.enroll.failed", true, e.detail);
                     return;
                   }
                   s.setup.enrolled = true;
                   go(s, Screen::setup_printer);
                   say(s, "tech.enroll.done", false, e.detail);
                   s.setup.busy = true;
                   effects.push_back(ListQueues{});
                 },
                 [&](const QueuesListed &e) {
                   done();
                   s.setup.queues = e.queues;
                   if (!e.error.empty())
                     say(s, "tech.setup.printers_failed", true, e.error);
                   else if (e.queues.empty())
                     say(s, "tech.setup.no_printers", false);
                 },
                 [&](const QueueChosen &e) {
                   if (s.screen != Screen::setup_printer || s.setup.busy)
                     return;
                   s.setup.queue = e.queue;
                   s.setup.test_printed = false;
                   say(s, "", false);
                 },
                 [&](const TestPrint &) {
                   if (s.screen != Screen::setup_printer || s.setup.busy ||
                       s.setup.queue.empty())
                     return;
                   s.setup.busy = true;
                   say(s, "tech.setup.printing", false);
                   effects.push_back(PrintTest{s.setup.queue, s.setup.paper_width_dots});
                 },
                 [&](const PrintTested &e) {
                   if (s.screen != Screen::setup_printer)
                     return;
                   done();
                   s.setup.test_printed = e.ok;
                   say(s, e.ok ? "tech.setup.printed" : "tech.setup.print_failed", !e.ok,
                       e.detail);
                 },
                 [&](const PrinterAdded &e) {
                   if (s.screen != Screen::setup_printer_address || !s.setup.busy)
                     return;
                   done();
                   if (!e.ok) {
                     say(s, "tech.setup.printer_add_failed", true, e.detail);
                     return;
                   }
                   if (std::find(s.setup.queues.begin(), s.setup.queues.end(), e.queue) ==
                       s.setup.queues.end())
                     s.setup.queues.push_back(e.queue);
                   s.setup.queue = e.queue;
                   s.setup.test_printed = false;
                   go(s, Screen::setup_printer);
                   say(s, "tech.setup.printer_added", false, e.queue);
                 },
                 [&](const SetupFinished &e) {
                   if (s.screen != Screen::setup_pin || !s.setup.busy)
                     return;
                   done();
                   if (!e.ok) {
                     say(s, "tech.setup.finish_failed", true, e.detail);
                     return;
                   }
                   s = State{};
                   effects.push_back(ReturnToService{true});
                 },
                 [&](const auto &) {},
             },
             event);
  return true;
}

} // namespace motcua::kiosk::tech
