#pragma once
// What every turn of the kiosk's UI loop does, whichever screens it serves
// (the first-boot setup wizard, then the citizen screens): show the drawn
// frame (READY to systemd after the first), feed the watchdog, play the
// automation script's next command while no input waits, and wait for the
// next event with touches turned onto the screens. One object lives from the
// first frame to the exit, so a script plays on from the wizard into the
// citizen screens as a real first boot goes on.
#include "kiosk/app/script_player.hpp"
#include "kiosk/shell/sdl_script_host.hpp"
#include "kiosk/ui/window.hpp"
#include "net/system/systemd_notify.hpp"

#include <SDL2/SDL_events.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace motcua::kiosk {

class UiLoop {
public:
  UiLoop(ui::Window &window, std::optional<std::vector<script::Line>> script,
         const std::string &script_path, std::ostream &script_out);

  // Scripts tap and photograph whichever screens the host is pointed at.
  SdlScriptHost &host() { return host_; }
  script::Player *player() { return player_ ? &*player_ : nullptr; }

  // Shows the frame just drawn; true for the first one of the process.
  bool present();

  struct Turn {
    std::optional<SDL_Event> event; // none: `wake` came
    std::optional<int> ended;       // the script ended: 0 done, 3 a step failed
  };
  // `state`: the citizen screens' (what script waits look at).
  Turn next(const State &state, std::optional<TimePoint> wake);
  // An event already queued, without waiting.
  std::optional<SDL_Event> poll();
  void stopping() const { systemd_.stopping(); }

private:
  SDL_Event arrived(SDL_Event event);

  ui::Window &window_;
  SdlScriptHost host_;
  std::optional<script::Player> player_;
  SystemdNotifier systemd_;
  std::optional<std::chrono::milliseconds> alive_every_;
  TimePoint next_alive_;
  bool first_frame_ = true;
};

} // namespace motcua::kiosk
