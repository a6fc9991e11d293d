#pragma once
// The technician screens, apart from the citizen ones: a PIN pad behind a
// hidden gesture, then diagnostics, settings and re-enrollment, until
// "return to service" (or a few idle minutes) hands the screen back. A pure
// state machine like the citizen screens (technician_machine.hpp): the shell
// checks PINs, gathers diagnostics, writes the configuration and enrolls.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/screen_state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace motcua::kiosk::tech {

enum class Screen {
  closed,      // the citizen screens show
  pin,         // the PIN pad (or why it is locked)
  diagnostics, // the technician's home: checks, and the way to everything else
  settings,    // mode and language
  enroll,      // a new enrollment code from the station's admin page
  // The first-boot setup wizard, in this order:
  setup_language,    // Tiếng Việt / English
  setup_orientation, // landscape / portrait / follow the screen, shown at once
  setup_station,     // the station's address, typed
  setup_code,        // the enrollment code (→ token)
  setup_printer,     // a CUPS queue, or a network printer added by address; test print
  setup_printer_address,
  setup_mode, // arrival / departure / both
  setup_pin,  // the technician PIN
};
std::string_view screen_name(Screen screen); // "pin", "diagnostics", ...
std::optional<Screen> parse_screen_name(std::string_view name);

// One line of the diagnostics page: what, whether it is well, the figures.
struct DiagnosticRow {
  enum class Health { ok, warning, failed };
  std::string label_key; // a text key, "tech.diag.station"
  Health health = Health::ok;
  std::string value; // "3 ms", "ready", "12", "80109 MB free"
};

// What the setup wizard has gathered so far.
struct SetupDraft {
  std::string station_url;
  bool enrolled = false;
  std::vector<std::string> queues; // CUPS's, as listed
  std::string queue;               // the chosen one
  int paper_width_dots = kPaper80mmDots;
  bool test_printed = false;
  bool busy = false; // a check, an enrollment, a print or the final write runs
};

// What the technician sees; the message line says what just happened.
struct State {
  Screen screen = Screen::closed;
  std::string language = "vi"; // the technician pages' language
  std::string station_url;     // where the kiosk enrolls
  std::string entry;           // the PIN digits (drawn as dots) or the code typed

  bool pin_set = true; // false: no PIN stored yet, the pad cannot open
  int tries_left = 5;
  std::optional<TimePoint> locked_until; // cleared once passed (on a Tick)
  bool checking = false;                 // a PIN check is running

  std::vector<DiagnosticRow> diagnostics;
  bool gathering = false; // diagnostics are being collected

  // The settings as edited, and what the file holds.
  KioskMode mode = KioskMode::arrival;
  std::string kiosk_language = "vi";
  int paper_width_dots = kPaper80mmDots;
  Orientation orientation = Orientation::automatic;
  KioskMode saved_mode = KioskMode::arrival;
  std::string saved_language = "vi";
  int saved_paper_width_dots = kPaper80mmDots;
  Orientation saved_orientation = Orientation::automatic;
  bool changed = false; // settings or enrollment were saved this visit

  bool enrolling = false;
  SetupDraft setup;

  std::string message_key;    // "tech.pin.wrong", ...; empty: none
  std::string message_detail; // the station's or the file's words
  bool message_bad = false;

  TimePoint last_activity{};
};

// Events -------------------------------------------------------------------

// The gesture was made. What the PIN file says, read by the shell.
struct Opened {
  KioskMode mode = KioskMode::arrival;
  std::string language = "vi"; // the kiosk's configured language
  std::string station_url;
  int paper_width_dots = kPaper80mmDots;
  Orientation orientation = Orientation::automatic;
  bool pin_set = true;
  int tries_left = 5;
  std::optional<TimePoint> locked_until;
};
struct Key { // a digit, a letter, '-'; '<' erases one
  char key = 0;
};
struct Submit {}; // OK on the PIN pad or the code keyboard
struct PinChecked {
  bool accepted = false;
  int tries_left = 0;
  std::optional<TimePoint> locked_until;
};
struct Show {
  Screen screen = Screen::diagnostics;
};
struct Refresh {}; // gather the diagnostics again
struct DiagnosticsGathered {
  std::vector<DiagnosticRow> rows;
};
struct ModeChosen {
  KioskMode mode = KioskMode::arrival;
};
struct LanguageChosen {
  std::string language;
};
struct PaperChosen { // 80 mm or 58 mm receipt paper
  int dots = kPaper80mmDots;
};
struct OrientationChosen {
  Orientation orientation = Orientation::automatic;
};
struct SaveSettings {};
struct SettingsSaved {
  bool ok = false;
  std::string detail; // why not
};
struct EnrollFinished {
  bool ok = false;
  std::string detail; // the kiosk id, or why not
};
// No configuration yet: the setup wizard starts (no PIN asked).
struct StartSetup {
  std::string language = "vi";
};
struct StationChecked {
  bool ok = false;
  std::string detail; // "8 services" or why not
};
struct QueuesListed {
  std::vector<std::string> queues;
  std::string error; // CUPS could not be asked
};
struct QueueChosen {
  std::string queue;
};
struct TestPrint {}; // the "test print" button
struct PrinterAdded {
  bool ok = false;
  std::string queue;  // the new queue
  std::string detail; // why not
};
struct PrintTested {
  bool ok = false;
  std::string detail;
};
struct SetupFinished {
  bool ok = false;
  std::string detail; // why the files could not be written
};
struct Leave {};   // return to service
struct Touched {}; // a touch on no button: activity
struct Tick {};

using Event =
    std::variant<Opened, Key, Submit, PinChecked, Show, Refresh, DiagnosticsGathered,
                 ModeChosen, LanguageChosen, SaveSettings, SettingsSaved, EnrollFinished,
                 Leave, Touched, Tick, StartSetup, StationChecked, QueuesListed,
                 QueueChosen, TestPrint, PrinterAdded, PrintTested, SetupFinished,
                 PaperChosen, OrientationChosen>;

// Effects ------------------------------------------------------------------

struct CheckPin {
  std::string pin;
};
struct GatherDiagnostics {};
struct WriteSettings {
  KioskMode mode = KioskMode::arrival;
  std::string language;
  int paper_width_dots = kPaper80mmDots;
  Orientation orientation = Orientation::automatic;
};
struct Enroll {
  std::string code;
};
struct CheckStation {
  std::string url;
};
struct ListQueues {};
struct AddPrinter {
  std::string address; // "192.168.1.50[:9100]"
};
struct PrintTest {
  std::string queue;
  int paper_width_dots = kPaper80mmDots;
};
// Write the configuration, token and PIN the wizard gathered.
struct FinishSetup {
  std::string station_url;
  std::string queue;
  int paper_width_dots = kPaper80mmDots;
  KioskMode mode = KioskMode::both;
  std::string language;
  Orientation orientation = Orientation::automatic;
  std::string pin;
};
// The citizen screens take over again; `changed`: with the new settings.
struct ReturnToService {
  bool changed = false;
};

using Effect =
    std::variant<CheckPin, GatherDiagnostics, WriteSettings, Enroll, ReturnToService,
                 CheckStation, ListQueues, AddPrinter, PrintTest, FinishSetup>;

inline constexpr Duration kPinIdle{30000};    // an untouched PIN pad closes
inline constexpr Duration kPagesIdle{180000}; // technician pages return to service
inline constexpr std::size_t kCodeMaxLength = 20;

} // namespace motcua::kiosk::tech
