#pragma once
// From SDL input to kiosk events: presses light up the button under the
// finger at once; a release on the same button sends its event, anything
// else counts as a plain touch (activity, dismisses message screens).
#include "kiosk/app/events.hpp"
#include "kiosk/app/layout.hpp"
#include "kiosk/app/screen_state.hpp"
#include "kiosk/ui/input.hpp"

#include <functional>
#include <optional>
#include <string>

namespace motcua::kiosk::ui {

class InputRouter {
public:
  // Makes the idempotency key of each service tap.
  explicit InputRouter(std::function<std::string()> new_key)
      : new_key_(std::move(new_key)) {}

  struct Outcome {
    std::optional<Event> event;
    bool redraw = false; // the pressed button changed
  };
  Outcome handle(const SDL_Event &sdl, const State &state, int width, int height);

  // The button drawn pressed, as an index into the current screen's layout.
  std::optional<std::size_t> pressed() const { return pressed_; }
  // The screen changed under the finger: its buttons are gone.
  void forget_press() { pressed_.reset(); }

private:
  std::function<std::string()> new_key_;
  TapInput input_;
  std::optional<std::size_t> pressed_;
};

} // namespace motcua::kiosk::ui
