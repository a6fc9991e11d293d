#include "kiosk/shell/printer_probe.hpp"

#include "printer/cups_status.hpp"
#include "printer/escpos_status.hpp"
#include "printer/tcp_stream.hpp"

namespace motcua::kiosk {

namespace {
constexpr int kDirectStatusTimeoutMs = 3000;
}

printer::PrinterStatus printer_status_now(const PrinterSettings &p) {
  if (!p.direct.empty()) {
    auto address = printer::parse_host_port(p.direct);
    if (!address)
      return printer::PrinterStatus{};
    auto status = printer::query_escpos_status(*address, kDirectStatusTimeoutMs);
    if (status)
      return *status;
    // A printer that does not answer DLE EOT is not known to be broken: its
    // status stays unknown, with the reason for a technician.
    printer::PrinterStatus unanswered;
    unanswered.detail = status.error();
    return unanswered;
  }
  return printer::read_printer_status(printer::CupsQueue{p.queue, p.cups_server});
}

std::string printer_name(const PrinterSettings &p) {
  return p.direct.empty() ? p.queue : p.direct + " (direct)";
}

} // namespace motcua::kiosk
