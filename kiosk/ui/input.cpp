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

std::optional<Touch> TapInput::handle(const SDL_Event &event, int window_w,
                                      int window_h) {
  switch (event.type) {
  case SDL_FINGERDOWN: {
    down_.insert(event.tfinger.fingerId);
    const int x = to_pixels(event.tfinger.x, window_w);
    const int y = to_pixels(event.tfinger.y, window_h);
    if (down_.size() > 1 || mouse_down_) {
      const bool had_press = finger_.has_value() || mouse_down_;
      finger_.reset();
      mouse_down_ = false;
      spoiled_ = true;
      if (had_press)
        return Touch{Touch::Phase::cancelled, x, y};
      return std::nullopt;
    }
    if (spoiled_)
      return std::nullopt;
    finger_ = event.tfinger.fingerId;
    return Touch{Touch::Phase::down, x, y};
  }
  case SDL_FINGERUP: {
    down_.erase(event.tfinger.fingerId);
    if (down_.empty())
      spoiled_ = false;
    if (!finger_ || *finger_ != event.tfinger.fingerId)
      return std::nullopt;
    finger_.reset();
    return Touch{Touch::Phase::up, to_pixels(event.tfinger.x, window_w),
                 to_pixels(event.tfinger.y, window_h)};
  }
  case SDL_MOUSEBUTTONDOWN:
    // Mouse events SDL synthesised from a touch were already seen as fingers.
    if (event.button.which == SDL_TOUCH_MOUSEID ||
        event.button.button != SDL_BUTTON_LEFT || !down_.empty())
      return std::nullopt;
    mouse_down_ = true;
    return Touch{Touch::Phase::down, event.button.x, event.button.y};
  case SDL_MOUSEBUTTONUP:
    if (event.button.which == SDL_TOUCH_MOUSEID ||
        event.button.button != SDL_BUTTON_LEFT || !mouse_down_)
      return std::nullopt;
    mouse_down_ = false;
    return Touch{Touch::Phase::up, event.button.x, event.button.y};
  default:
    return std::nullopt;
  }
}

} // namespace motcua::kiosk::ui
