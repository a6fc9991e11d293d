#include "kiosk/app/printer_health.hpp"

namespace motcua::kiosk {

namespace {
using C = printer::PrinterCondition;

std::string paper_word(const printer::PrinterStatus &status) {
  if (status.has(C::media_empty))
    return "out";
  if (status.has(C::media_low))
    return "low";
  // Unreachable or silent printers say nothing about their paper.
  if (status.has(C::offline) || status.flags() == 0 || status.headline() == C::unknown)
    return "unknown";
  return "ok";
}
} // namespace

void report_printer_health(const State &state, KioskHealth &health) {
  const bool last_failed = state.ticket && state.print == PrintStatus::failed;
  if (state.printer.flags() != 0) {
    health.printer_state = state.printer.names();
    if (last_failed)
      health.printer_state += " (last print failed: " + state.print_message + ")";
    health.paper = paper_word(state.printer);
    return;
  }
  health.printer_state = "unknown";
  health.paper = "unknown";
  if (!state.ticket)
    return;
  // Not polled (yet): the last job is all that is known.
  health.printer_state = std::string(print_status_name(state.print)) +
                         (state.print_message.empty() ? "" : ": " + state.print_message);
  if (last_failed && state.print_message.find("media-empty") != std::string::npos)
    health.paper = "out";
  else if (state.print == PrintStatus::printed)
    health.paper = "ok";
}

} // namespace motcua::kiosk
