#pragma once
// The diagnostics page's rows from the facts the shell gathered: the same
// checks as `motcua-kiosk doctor`, in the technician's language. Pure.
#include "kiosk/app/technician_state.hpp"

#include <map>
#include <optional>
#include <string>

namespace motcua::kiosk::tech {

struct DiagnosticFacts {
  std::string station_url;
  std::optional<long> station_ms; // the catalog's round trip; nullopt: no answer
  std::string station_error;      // why not
  int services = 0;
  bool enrolled = false;
  bool printer_ok = false;
  std::string printer_name;  // "receipt", "192.168.1.50:9100 (direct)"
  std::string printer_state; // the printer's state in the page's language
  int outbox_depth = 0;      // ratings and offline tickets not yet sent
  std::map<std::string, int, std::less<>> leases; // offline numbers left per service
  std::optional<long> disk_free_mb;               // nullopt: state folder missing
  std::string version;
  long uptime_seconds = 0;
  std::string last_problem; // the last warning in the log; "" none
};

// Below this free space the journal may fail to commit: shown as failed.
inline constexpr long kDiskFreeMinMb = 100;

std::vector<DiagnosticRow> diagnostic_rows(const DiagnosticFacts &facts,
                                           std::string_view language);

// "2 d 3 h", "3 h 12 min", "4 min 5 s".
std::string uptime_text(long seconds);

} // namespace motcua::kiosk::tech
