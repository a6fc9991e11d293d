#pragma once
// The first boot: no configuration file yet, so the kiosk shows the setup
// wizard (kiosk/app/technician_setup.hpp) full screen until it wrote the
// configuration, the token and the technician PIN. Under systemd it says
// READY and pings the watchdog like the citizen loop.
#include "kiosk/app/cli_options.hpp"

namespace motcua::kiosk {

inline constexpr int kSetupDone = -1; // configured: start the kiosk

// kSetupDone, or the exit status (0 when the window closed or a script
// quit before the end, 1 when SDL or the fonts cannot start, 2 for bad
// texts or script, 3 when a script step failed).
int run_setup_wizard(const CliOptions &options);

} // namespace motcua::kiosk
