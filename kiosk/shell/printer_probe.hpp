#pragma once
// The configured printer's health, read the way its transport allows: from
// CUPS (and an IPP printer's own URI) for a queue, with DLE EOT for a network
// ESC/POS printer. Blocking and bounded by its timeouts: call it from the
// printer monitor's thread or a command-line tool, never the UI loop.
#include "kiosk/app/kiosk_config.hpp"
#include "printer/printer_status.hpp"

#include <string>

namespace motcua::kiosk {

printer::PrinterStatus printer_status_now(const PrinterSettings &printer);
// "receipt" or "192.168.1.50:9100 (direct)".
std::string printer_name(const PrinterSettings &printer);

} // namespace motcua::kiosk
