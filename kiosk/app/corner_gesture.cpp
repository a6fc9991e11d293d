#include "kiosk/app/corner_gesture.hpp"

#include <algorithm>

namespace motcua::kiosk {

int CornerGesture::corner_side(int width, int height) {
  return std::max(1, std::min(width, height) / 10);
}

bool CornerGesture::tap(int x, int y, int width, int height, TimePoint now) {
  const int side = corner_side(width, height);
  if (x < 0 || y < 0 || x >= side || y >= side) {
    // A tap elsewhere breaks the sequence: it must be deliberate.
    taps_.clear();
    return false;
  }
  taps_.push_back(now);
  while (!taps_.empty() && now - taps_.front() > kCornerWindow)
    taps_.pop_front();
  if (static_cast<int>(taps_.size()) < kCornerTaps)
    return false;
  taps_.clear();
  return true;
}

} // namespace motcua::kiosk
