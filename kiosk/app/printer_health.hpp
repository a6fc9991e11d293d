#pragma once
// What the kiosk's health report says about its printer: the polled status
// when there is one, else the last print result.
#include "kiosk/app/screen_state.hpp"
#include "net/protocol/kiosk_health.hpp"

namespace motcua::kiosk {

// Sets health.printer_state ("ready", "media-empty,stopped", "printed", ...;
// a failed last print is added in parentheses) and health.paper ("ok", "low",
// "out", "unknown").
void report_printer_health(const State &state, KioskHealth &health);

} // namespace motcua::kiosk
