#pragma once
// The kiosk's settings file (JSON, format_version 1). A bad file is refused
// with the field named; it is never silently replaced by defaults.
#include "net/protocol/result.hpp"

#include <string>
#include <string_view>

namespace motcua::kiosk {

struct PrinterSettings {
  std::string queue;          // CUPS queue name
  std::string cups_server;    // "localhost:631"; empty: libcups default (CUPS_SERVER)
  int paper_width_dots = 576; // 80 mm paper at 203 dpi
};

struct KioskConfig {
  std::string station_url; // "http://127.0.0.1:8080"
  PrinterSettings printer;
  std::string language = "vi";   // screen language: "vi" or "en"
  int ticket_screen_seconds = 8; // how long the number stays on screen
  int request_timeout_ms = 3000; // per station request
};

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
