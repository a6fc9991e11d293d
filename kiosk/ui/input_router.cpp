#include "kiosk/ui/input_router.hpp"

namespace motcua::kiosk::ui {

InputRouter::Outcome InputRouter::handle(const SDL_Event &sdl, const State &state,
                                         int width, int height) {
  auto touch = input_.handle(sdl, width, height);
  if (!touch)
    return {};
  Outcome out;
  const auto layout = layout_screen(state, width, height);
  const auto under = button_at(layout, touch->x, touch->y);
  switch (touch->phase) {
  case Touch::Phase::down: {
    auto next = under && layout.buttons[*under].enabled ? under : std::nullopt;
    out.redraw = next != pressed_;
    pressed_ = next;
    break;
  }
  case Touch::Phase::cancelled:
    out.redraw = pressed_.has_value();
    pressed_.reset();
    break;
  case Touch::Phase::up: {
    const auto was = pressed_;
    out.redraw = pressed_.has_value();
    pressed_.reset();
    // Sliding off a button before lifting cancels it, as on a phone.
    if (was && under == was) {
      Event event = layout.buttons[*was].event;
      if (auto *service = std::get_if<ServiceTapped>(&event))
        service->idempotency_key = new_key_();
      out.event = std::move(event);
    } else {
      out.event = ScreenTapped{};
    }
    break;
  }
  }
  return out;
}

} // namespace motcua::kiosk::ui
