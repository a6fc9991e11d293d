#pragma once
// The first boot: no configuration file yet, so the kiosk shows the setup
// wizard (kiosk/app/technician_setup.hpp) full screen until it wrote the
// configuration, the token and the technician PIN; the kiosk then opens its
// citizen screens on the same display (and a script plays on).
#include "kiosk/app/cli_options.hpp"
#include "kiosk/shell/kiosk_display.hpp"

namespace motcua::kiosk {

inline constexpr int kSetupDone = -1; // configured: start the kiosk

// kSetupDone, or the exit status (0 when the window closed or a script
// ended in the wizard, 2 for bad texts, 3 when a script step failed).
int run_setup_wizard(const CliOptions &options, KioskDisplay &display);

} // namespace motcua::kiosk
