#include "kiosk/shell/setup_wizard.hpp"

#include "kiosk/app/technician_setup.hpp"
#include "kiosk/shell/technician_session.hpp"
#include "kiosk/ui/screen_painter.hpp"
#include "net/system/log.hpp"

#include <SDL2/SDL.h>

#include <cstdlib>

namespace motcua::kiosk {

namespace {

void log(const std::string &line, LogLevel level = LogLevel::info) {
  log_line("motcua-kiosk", level, "setup: " + line);
}

} // namespace

int run_setup_wizard(const CliOptions &options, KioskDisplay &display) {
  std::map<std::string, Texts, std::less<>> texts;
  for (const char *language : {"vi", "en"}) {
    auto t = Texts::load_language(options.assets_dir, language);
    if (!t) {
      log(t.error(), LogLevel::error);
      return 2;
    }
    texts.emplace(language, std::move(t.value()));
  }
  ui::Window &window = display.window();
  UiLoop &loop = display.loop();
  const EventBridge &bridge = display.bridge();
  const char *env = std::getenv("STATE_DIRECTORY");
  const KioskConfig none; // where a configuration without state_dir keeps its state
  ui::TechnicianPainter painter(window.renderer(), display.text(), texts);
  TechnicianSession wizard({options.config_path,
                            none,
                            resolve_state_dir(none, options.config_path, env ? env : ""),
                            resolve_token_path(none, options.config_path, env ? env : ""),
                            {},
                            [&bridge] { bridge.push(Tick{}); },
                            {},
                            options.assets_dir},
                           painter);
  ui::ScreenPainter citizen(window.renderer(), display.text(), texts);
  loop.host().set_screens(&citizen, &wizard);
  const State no_screens; // the citizen screens do not run yet

  log("no configuration at " + options.config_path + ": the setup wizard starts");
  wizard.start_setup(Clock::now());
  int status = 0;
  bool dirty = true;
  for (;;) {
    dirty = wizard.pump(Clock::now()) || dirty;
    if (auto changes = wizard.take_changes(); changes && changes->config) {
      status = kSetupDone;
      break;
    }
    // The chosen orientation shows at once, so the technician sees the
    // screens stand up before typing on them.
    if (tech::is_setup(wizard.state().screen) &&
        wizard.state().orientation != window.orientation()) {
      window.set_orientation(wizard.state().orientation);
      dirty = true;
    }
    if (dirty) {
      window.begin_frame();
      wizard.paint(window.width(), window.height());
      loop.present();
      dirty = false;
    }
    auto turn = loop.next(no_screens, std::nullopt);
    if (turn.ended) {
      status = *turn.ended;
      break;
    }
    if (!turn.event)
      continue;
    const SDL_Event &sdl = *turn.event;
    if (sdl.type == SDL_QUIT)
      break;
    if (bridge.take(sdl)) // a wake-up: pump() picks up the result
      continue;
    if (sdl.type == SDL_WINDOWEVENT)
      dirty = true;
    else if (wizard.handle(sdl, window.width(), window.height(), Clock::now()))
      dirty = true;
  }
  loop.host().set_screens(nullptr, nullptr);
  bridge.discard_pending();
  return status;
}

} // namespace motcua::kiosk
