#pragma once
// What a technician does to CUPS when setting a kiosk up, without lpadmin:
// list the queues, and add a network ESC/POS receipt printer (TCP 9100) as
// a raw queue, accepting and enabled — the libcups equivalent of
//   lpadmin -p NAME -E -v socket://HOST:PORT -m raw
// Blocking, bounded by the connection's timeout.
#include "net/protocol/result.hpp"
#include "printer/cups_connection.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::printer {

struct CupsDestination {
  std::string name;       // "receipt"
  std::string info;       // its description, "MotCua ESC/POS receipt printer"
  std::string device_uri; // "socket://192.168.1.50:9100"
  int state = 0;          // IPP printer-state: 3 idle, 4 processing, 5 stopped
};

// The queues of the server `server.server` names (empty: libcups' default).
Result<std::vector<CupsDestination>> list_cups_queues(const CupsQueue &server);

// Why `name` cannot be a CUPS queue name (letters, digits, '-', '_', at most
// 127), or nullopt.
std::optional<std::string> queue_name_problem(std::string_view name);
// "192.168.1.50" or "192.168.1.50:9100" or "printer.lan" → socket://…:9100;
// an error in plain words for anything else.
Result<std::string> receipt_printer_uri(std::string_view address);

// Creates (or changes) queue `name` → `device_uri`, raw, accepting jobs and
// enabled. An error names what CUPS refused.
std::optional<std::string> add_raw_queue(const CupsQueue &server, const std::string &name,
                                         const std::string &device_uri,
                                         const std::string &info);

} // namespace motcua::printer
