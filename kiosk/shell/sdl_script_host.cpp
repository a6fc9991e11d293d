#include "kiosk/shell/sdl_script_host.hpp"

#include "kiosk/app/layout.hpp"
#include "kiosk/app/technician_machine.hpp"
#include "kiosk/ui/screenshot.hpp"

#include <SDL2/SDL.h>

namespace motcua::kiosk {

Result<bool> SdlScriptHost::tap_service(const State &state,
                                        const std::string &service_id) {
  if (!state.catalog)
    return unexpected(std::string("no catalog yet, so no buttons"));
  return tap_button(state, "service:" + service_id, script::Pointer::finger);
}

Result<bool> SdlScriptHost::tap_button(const State &state, const std::string &button_id,
                                       script::Pointer pointer) {
  if (technician_ && technician_->active()) {
    auto at = technician_->button_centre(button_id, window_.width(), window_.height());
    if (!at)
      return unexpected("no button " + button_id + " on the technician " +
                        std::string(tech::screen_name(technician_->state().screen)) +
                        " screen");
    return pointer == script::Pointer::finger ? finger(at->first, at->second)
                                              : click(at->first, at->second);
  }
  const auto layout = layout_screen(state, window_.width(), window_.height());
  const Button *b = layout.find(button_id);
  if (!b) {
    std::string ids;
    for (const auto &button : layout.buttons)
      ids += (ids.empty() ? "" : ", ") + button.id;
    return unexpected("no button " + button_id + " on the " +
                      std::string(screen_name(state.screen)) + " screen (" + ids + ")");
  }
  if (pointer == script::Pointer::finger)
    return finger(b->rect.center_x(), b->rect.center_y());
  return click(b->rect.center_x(), b->rect.center_y());
}

// Script positions are on the screens; the events land where the finger
// would touch the output, so a turned picture turns them back as a real touch.
Result<bool> SdlScriptHost::finger(int px, int py) {
  const auto [ox, oy] = window_.to_output(px, py);
  const auto [ow, oh] = window_.output_size();
  const float x = (ox + 0.5f) / static_cast<float>(ow);
  const float y = (oy + 0.5f) / static_cast<float>(oh);
  for (Uint32 type : {Uint32(SDL_FINGERDOWN), Uint32(SDL_FINGERUP)}) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.timestamp = SDL_GetTicks();
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.pressure = 1.0f;
    e.tfinger.windowID = SDL_GetWindowID(window_.sdl_window());
    if (SDL_PushEvent(&e) != 1)
      return unexpected(std::string("SDL_PushEvent failed: ") + SDL_GetError());
  }
  return true;
}

Result<bool> SdlScriptHost::click(int view_x, int view_y) {
  const auto [x, y] = window_.to_output(view_x, view_y);
  for (Uint32 type : {Uint32(SDL_MOUSEBUTTONDOWN), Uint32(SDL_MOUSEBUTTONUP)}) {
    SDL_Event e{};
    e.type = type;
    e.button.timestamp = SDL_GetTicks();
    e.button.windowID = SDL_GetWindowID(window_.sdl_window());
    e.button.which = 0;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    if (SDL_PushEvent(&e) != 1)
      return unexpected(std::string("SDL_PushEvent failed: ") + SDL_GetError());
  }
  return true;
}

std::string SdlScriptHost::technician_screen() const {
  return std::string(tech::screen_name(technician_ ? technician_->state().screen
                                                   : tech::Screen::closed));
}

std::string SdlScriptHost::technician_state() const {
  if (!technician_ || !technician_->active())
    return {};
  return " " + tech::describe(technician_->state());
}

Result<bool> SdlScriptHost::screenshot(const State &state, const std::string &path) {
  window_.begin_frame();
  if (technician_ && technician_->active())
    technician_->paint(window_.width(), window_.height());
  else if (painter_)
    painter_->paint(state, window_.width(), window_.height());
  else
    return unexpected(std::string("no screens to photograph"));
  auto saved = ui::save_screenshot(window_.renderer(), path);
  window_.present();
  return saved;
}

} // namespace motcua::kiosk
