#include "kiosk/shell/user_events.hpp"

#include <SDL2/SDL.h>

#include <memory>

namespace motcua::kiosk {

Result<EventBridge> EventBridge::create() {
  const Uint32 type = SDL_RegisterEvents(1);
  if (type == static_cast<Uint32>(-1))
    return unexpected(std::string("SDL_RegisterEvents: no user event types left"));
  return EventBridge(type);
}

bool EventBridge::push(Event event) const {
  SDL_Event e{};
  e.type = type_;
  auto owned = std::make_unique<Event>(std::move(event));
  e.user.data1 = owned.get();
  if (SDL_PushEvent(&e) != 1)
    return false;
  owned.release(); // the UI thread takes it back in take()
  return true;
}

std::optional<Event> EventBridge::take(const SDL_Event &sdl_event) const {
  if (sdl_event.type != type_)
    return std::nullopt;
  std::unique_ptr<Event> owned(static_cast<Event *>(sdl_event.user.data1));
  return std::move(*owned);
}

void EventBridge::discard_pending() const {
  SDL_Event e;
  while (SDL_PeepEvents(&e, 1, SDL_GETEVENT, type_, type_) == 1)
    take(e);
}

} // namespace motcua::kiosk
