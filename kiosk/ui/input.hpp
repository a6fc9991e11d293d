#pragma once
// Turns raw SDL touch and mouse events into taps in window pixels. One
// finger at a time: a second finger while the first is down is ignored, so a
// palm or a child's extra hand cannot double a tap.
#include <SDL2/SDL_events.h>

#include <optional>

namespace motcua::kiosk::ui {

struct Tap {
  int x = 0;
  int y = 0;
};

class TapInput {
public:
  // A tap completes on release, where the finger or pointer is lifted.
  std::optional<Tap> handle(const SDL_Event &event, int window_w, int window_h);

private:
  std::optional<SDL_FingerID> finger_;
  bool mouse_down_ = false;
};

} // namespace motcua::kiosk::ui
