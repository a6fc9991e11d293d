#pragma once
// The kiosk's notion of time: monotonic, always passed in, never read by the
// state machine itself.
#include <chrono>

namespace motcua::kiosk {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = std::chrono::milliseconds;

} // namespace motcua::kiosk
