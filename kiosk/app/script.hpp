#pragma once
// The automation script a test hands to `motcua-kiosk --script FILE`: one
// command per line, '#' starts a comment. Parsing is pure; the kiosk loop
// plays the commands between events.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/screen_state.hpp"
#include "net/protocol/result.hpp"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace motcua::kiosk::script {

constexpr Duration kDefaultTimeout{10000};

struct WaitScreen { // wait-screen NAME [TIMEOUT_MS]
  Screen screen;
  Duration timeout = kDefaultTimeout;
};
// wait-technician NAME [TIMEOUT_MS]: the technician screens show NAME
// (pin, diagnostics, settings, enroll; closed: the citizen screens).
struct WaitTechnician {
  std::string screen;
  Duration timeout = kDefaultTimeout;
};
// wait-label ID TIMEOUT_MS TEXT...: service ID's name in the language shown
// reads TEXT (the rest of the line), e.g. after an admin's edit.
struct WaitLabel {
  std::string service_id;
  Duration timeout = kDefaultTimeout;
  std::string text;
};
struct TapService { // tap-service ID
  std::string service_id;
};
// The input device a script command imitates.
enum class Pointer { finger, mouse };
struct TapButton {       // tap BUTTON_ID (finger) | click-button BUTTON_ID (mouse)
  std::string button_id; // as in the layout: "service:A", "level:satisfied", "key:5"
  Pointer pointer = Pointer::finger;
};
struct Click { // click X Y  (window pixels)
  int x = 0;
  int y = 0;
};
struct WaitPrint { // wait-print [TIMEOUT_MS]
  Duration timeout = kDefaultTimeout;
};
struct WaitPrinter { // wait-printer CONDITION [TIMEOUT_MS]: "media-empty", "ready"...
  printer::PrinterCondition condition;
  Duration timeout = kDefaultTimeout;
};
struct Screenshot { // screenshot PATH
  std::string path;
};
struct PrintState {}; // print-state
struct Sleep {        // sleep MS: let the kiosk run (outbox, timers) untouched
  Duration duration{0};
};
struct Quit {}; // quit

using Command =
    std::variant<WaitScreen, TapService, TapButton, Click, WaitPrint, WaitPrinter,
                 Screenshot, PrintState, Quit, Sleep, WaitTechnician, WaitLabel>;

struct Line {
  int number = 0; // 1-based line in the file, for error messages
  Command command;
};

// Errors name the source and line: "run.script:3: unknown command \"tap\"".
Result<std::vector<Line>> parse(std::string_view text, std::string_view source);

} // namespace motcua::kiosk::script
