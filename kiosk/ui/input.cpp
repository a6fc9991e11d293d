#include "kiosk/ui/input.hpp"

#include <SDL2/SDL_touch.h>

#include <algorithm>
#include <cmath>

namespace motcua::kiosk::ui {

namespace {
// Finger coordinates arrive normalised to 0..1 of the window.
int to_pixels(float normalized, int extent) {
  const int px = static_cast<int>(std::lround(normalized * static_cast<float>(extent)));
  return std::clamp(px, 0, std::max(0, extent - 1));
}
} // namespace

std::optional<Tap> TapInput::handle(const SDL_Event &event, int window_w, int window_h) {
  switch (event.type) {
  case SDL_FINGERDOWN:
    if (!finger_)
      finger_ = event.tfinger.fingerId;
    return std::nullopt;
  case SDL_FINGERUP:
    if (!finger_ || *finger_ != event.tfinger.fingerId)
      return std::nullopt;
    finger_.reset();
    return Tap{to_pixels(event.tfinger.x, window_w),
               to_pixels(event.tfinger.y, window_h)};
  case SDL_MOUSEBUTTONDOWN:
    // Mouse events SDL synthesised from a touch were already seen as fingers.
    if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
      return std::nullopt;
    mouse_down_ = true;
    return std::nullopt;
  case SDL_MOUSEBUTTONUP:
    if (event.button.which == SDL_TOUCH_MOUSEID ||
        event.button.button != SDL_BUTTON_LEFT || !mouse_down_)
      return std::nullopt;
    mouse_down_ = false;
    return Tap{event.button.x, event.button.y};
  default:
    return std::nullopt;
  }
}

} // namespace motcua::kiosk::ui
