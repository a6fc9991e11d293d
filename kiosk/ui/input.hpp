#pragma once
// Turns raw SDL touch and mouse events into presses and taps in window
// pixels. One finger at a time: a second finger while the first is down
// (a palm, a child's extra hand) cancels the press, and nothing is tapped
// until every finger has left the glass.
#include <SDL2/SDL_events.h>

#include <optional>
#include <set>

namespace motcua::kiosk::ui {

struct Touch {
  enum class Phase {
    down,     // pressed here: show the button under it as pressed
    up,       // released here: a tap
    cancelled // the press ended without a tap
  };
  Phase phase = Phase::down;
  int x = 0;
  int y = 0;
};

class TapInput {
public:
  std::optional<Touch> handle(const SDL_Event &event, int window_w, int window_h);

private:
  std::optional<SDL_FingerID> finger_; // the one press that may become a tap
  std::set<SDL_FingerID> down_;        // every finger on the glass
  bool spoiled_ = false;               // several fingers: no tap until all are up
  bool mouse_down_ = false;
};

} // namespace motcua::kiosk::ui
