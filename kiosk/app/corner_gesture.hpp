#pragma once
// The hidden way to the technician PIN pad: five taps in the top-left corner
// of the screen within three seconds. Citizens rarely tap there (no button
// sits in that corner on the home screens) and never five times so fast;
// a technician needs no keyboard. Pure: fed every tap's position and time.
#include "kiosk/app/clock.hpp"

#include <deque>

namespace motcua::kiosk {

inline constexpr int kCornerTaps = 5;
inline constexpr Duration kCornerWindow{3000};

class CornerGesture {
public:
  // A tap (finger or mouse released) at window pixels; true when it completes
  // the gesture (the taps are then forgotten, so a sixth starts again).
  bool tap(int x, int y, int width, int height, TimePoint now);

  // The corner's side: a tenth of the shorter side of the window.
  static int corner_side(int width, int height);

private:
  std::deque<TimePoint> taps_;
};

} // namespace motcua::kiosk
