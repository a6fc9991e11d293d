#pragma once
// The kiosk's settings file (JSON, format_version 1). A bad file is refused
// with the field named; it is never silently replaced by defaults.
#include "kiosk/app/orientation.hpp"
#include "kiosk/app/screen_state.hpp"
#include "net/protocol/result.hpp"
#include "printer/receipt_blocks.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk {

// The two receipt papers, in dots across at 203 dpi.
using printer::kPaper58mmDots;
using printer::kPaper80mmDots;
// 576 for "80", 384 for "58" (millimetres); nullopt for anything else.
std::optional<int> paper_dots_for_mm(std::string_view millimetres);
// One of the two: what the wizard and the settings page offer.
bool is_paper_width(int dots);

struct PrinterSettings {
  std::string queue;       // CUPS queue name
  std::string cups_server; // "localhost:631"; empty: libcups default (CUPS_SERVER)
  int paper_width_dots = kPaper80mmDots;
  // What goes to the queue: "auto" (from what CUPS reports: raw queue →
  // ESC/POS, IPP Everywhere → PWG raster), "escpos" or "pwg-raster".
  std::string format = "auto";
  // "HOST:PORT": ESC/POS straight to a network receipt printer (TCP 9100),
  // without CUPS; empty: the CUPS queue.
  std::string direct;
};

// What the kiosk adds to every printed ticket (config "receipt").
struct ReceiptSettings {
  // Printed above the QR code; empty: the "ticket.please_wait" text.
  std::string footer;
  // Base of the URL in the QR code, `<ticket_url>/t/<day>/<number>`, which the
  // station answers with the ticket's state. Absent from the file: station_url.
  // Set it to an address citizens' phones reach (the station's address on the
  // waiting room's Wi-Fi); empty: no QR code.
  std::string ticket_url;
  // PNG printed at the top; absent: <assets>/images/emblem.png; empty: no logo.
  std::optional<std::string> logo_path;
};

struct KioskConfig {
  std::string station_url; // "http://127.0.0.1:8080" or "https://station.local:8443"
  // With https: the station certificate's SHA-256 (64 lowercase hex digits),
  // pinned at enrollment by `provision`; required with https, refused without.
  std::string station_certificate_sha256;
  PrinterSettings printer;
  ReceiptSettings receipt;
  std::string language = "vi";                      // screen language: "vi" or "en"
  Orientation orientation = Orientation::automatic; // "auto", "landscape", "portrait"
  int ticket_screen_seconds = 8;                    // how long the number stays on screen
  int request_timeout_ms = 3000;                    // per station request
  // How often a running kiosk asks for the station's catalog again, so an
  // admin's edit (names, hours, caps) reaches a kiosk that runs for weeks.
  int catalog_refresh_seconds = 300;

  KioskMode mode = KioskMode::arrival;      // "arrival", "departure" or "both"
  std::vector<std::string> priority_groups; // catalog group ids offered after the service
  int rating_levels = 3;                    // 3, 4 or 5 faces
  std::vector<std::string> rating_reasons =
      kDefaultRatingReasons;                // chips on unhappy levels
  TicketLink ticket_link = TicketLink::off; // "off", "before" or "after" the rating
  bool out_of_service = false;              // nothing can issue
  int inactivity_seconds = 30;   // idle time before an interactive screen goes home
  int countdown_seconds = 5;     // last seconds shown before going home
  int attract_seconds = 120;     // idle time at home before the attract screen
  int thanks_seconds = 4;        // the thank-you screen
  int rating_repeat_seconds = 5; // repeated rating presses inside this count once

  // Where the durable journal lives. Empty state_dir: $STATE_DIRECTORY (the
  // systemd unit's StateDirectory=), else the folder of the config file.
  std::string state_dir;
  std::string journal_path;       // empty: <state_dir>/journal.db
  int journal_retention_days = 7; // sent ratings are pruned after this

  // Tickets from leased number blocks when the station does not answer.
  bool offline_tickets = true;
  int offline_fallback_ms = 1000; // the longest a citizen waits for the station
  int offline_lease_size = 10;    // numbers asked per block and service
  int offline_refill_below = 4;   // ask for a block when fewer are left
};

// The kiosk's state folder (with a trailing '/'): the config's state_dir,
// else $STATE_DIRECTORY (`state_directory_env`, the systemd unit's
// StateDirectory=), else the folder of the config file.
std::string resolve_state_dir(const KioskConfig &config, const std::string &config_path,
                              const std::string &state_directory_env);
// The journal file: journal_path, else <state dir>/journal.db.
std::string resolve_journal_path(const KioskConfig &config,
                                 const std::string &config_path,
                                 const std::string &state_directory_env);
// The bearer token from enrollment (motcua-kiosk provision): <state dir>/kiosk.token.
std::string resolve_token_path(const KioskConfig &config, const std::string &config_path,
                               const std::string &state_directory_env);

// The parts of the config that shape the screens.
ScreenSettings screen_settings(const KioskConfig &config);

constexpr int kKioskConfigFormatVersion = 1;

struct ConfigError {
  std::string source; // file name
  std::string field;  // JSON path, e.g. "printer.queue"
  std::string message;
  std::string to_string() const; // "kiosk.json: printer.queue: is missing"
};

Result<KioskConfig, ConfigError> parse_kiosk_config(std::string_view json_text,
                                                    std::string_view source);
Result<KioskConfig, ConfigError> load_kiosk_config(const std::string &path);

} // namespace motcua::kiosk
