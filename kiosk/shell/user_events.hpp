#pragma once
// Carries kiosk events from worker threads (station client, printer) to the
// UI thread as SDL user events, so the state machine sees one ordered stream.
#include "kiosk/app/events.hpp"
#include "net/protocol/result.hpp"

#include <SDL2/SDL_events.h>

#include <optional>

namespace motcua::kiosk {

class EventBridge {
public:
  // Registers the SDL event type; SDL must be initialised.
  static Result<EventBridge> create();

  // Safe from any thread. False if SDL's queue refused the event.
  bool push(Event event) const;
  // The kiosk event inside an SDL event of ours (ownership moves to the caller).
  std::optional<Event> take(const SDL_Event &sdl_event) const;
  // Frees events still queued; call when no thread pushes any more.
  void discard_pending() const;

private:
  explicit EventBridge(Uint32 type) : type_(type) {}
  Uint32 type_;
};

} // namespace motcua::kiosk
