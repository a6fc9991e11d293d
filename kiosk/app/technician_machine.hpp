#pragma once
// (State, Event, now) -> (State, Effects) for the technician screens.
#include "kiosk/app/technician_state.hpp"

namespace motcua::kiosk::tech {

struct Transition {
  State state;
  std::vector<Effect> effects;
};

Transition reduce(const State &state, const Event &event, TimePoint now);

// When the loop must wake for this state (idle close, the end of a lock).
std::optional<TimePoint> next_deadline(const State &state);

// "technician=pin entry=3 tries=4" for scripts (print-state) and the log.
std::string describe(const State &state);

} // namespace motcua::kiosk::tech
