#pragma once
// The first-boot setup wizard's part of the technician reducer: language,
// station address, enrollment code, printer (chosen, or added by address,
// and a test print), mode, technician PIN; each step checks what was given
// and says what is wrong before the next. Pure.
#include "kiosk/app/technician_state.hpp"

namespace motcua::kiosk::tech {

bool is_setup(Screen screen);
// Whether a keyboard key types `c` on this screen (digits on the PIN pads,
// code characters, address characters); a key that types nothing is drawn
// disabled.
bool accepts_key(Screen screen, char c);
// The step number (1..7) of a setup screen, for its title.
int setup_step(Screen screen);
inline constexpr int kSetupSteps = 7;

// Handles `event` when the wizard shows (or StartSetup); false: not the
// wizard's, the technician reducer goes on.
bool reduce_setup(State &state, const Event &event, std::vector<Effect> &effects);

} // namespace motcua::kiosk::tech
