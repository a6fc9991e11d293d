#pragma once
// The kiosk screens as a pure reducer: (state, event, now) -> (state, effects).
// No clock, no I/O: the loop passes the time in and carries the effects out.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/effects.hpp"
#include "kiosk/app/events.hpp"
#include "kiosk/app/screen_state.hpp"

#include <optional>

namespace motcua::kiosk {

struct Transition {
  State state;
  Effects effects;
  // False when the picture is the same as before (a tick that changed
  // nothing visible): the loop then does not redraw.
  bool redraw = true;
};

// The connecting screen, already asking for the catalog.
Transition start(ScreenSettings settings);
Transition start(ScreenTimings timings); // arrival mode, default settings

Transition reduce(const State &state, const Event &event, TimePoint now);

// When the loop must wake up (and send a Tick) even if nothing else happens:
// a screen's timeout, each second of a visible countdown, a closed service
// opening again.
std::optional<TimePoint> next_deadline(const State &state);

} // namespace motcua::kiosk
