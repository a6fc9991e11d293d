#include "kiosk/shell/setup_wizard.hpp"

#include "kiosk/app/read_file.hpp"
#include "kiosk/app/script_player.hpp"
#include "kiosk/shell/sdl_script_host.hpp"
#include "kiosk/shell/technician_session.hpp"
#include "kiosk/shell/user_events.hpp"
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/window.hpp"
#include "net/system/log.hpp"
#include "net/system/systemd_notify.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace motcua::kiosk {

namespace {

void log(const std::string &line, LogLevel level = LogLevel::info) {
  log_line("motcua-kiosk", level, "setup: " + line);
}

} // namespace

int run_setup_wizard(const CliOptions &options) {
  std::map<std::string, Texts, std::less<>> texts;
  for (const char *language : {"vi", "en"}) {
    auto t = Texts::load_language(options.assets_dir, language);
    if (!t) {
      log(t.error(), LogLevel::error);
      return 2;
    }
    texts.emplace(language, std::move(t.value()));
  }
  std::optional<std::vector<script::Line>> lines;
  if (!options.script_path.empty()) {
    auto text = read_text_file(options.script_path);
    auto parsed = text ? script::parse(*text, options.script_path)
                       : Result<std::vector<script::Line>>(unexpected(text.error()));
    if (!parsed) {
      log(parsed.error(), LogLevel::error);
      return 2;
    }
    lines = std::move(parsed.value());
  }
  auto session = ui::SdlSession::start();
  auto bridge = session ? EventBridge::create() : unexpected(std::string());
  if (!session || !bridge) {
    log(session ? bridge.error() : session.error(), LogLevel::error);
    return 1;
  }
  auto window = ui::Window::open(
      {options.windowed ? ui::WindowMode::windowed : ui::WindowMode::fullscreen,
       options.width, options.height, "MotCua"});
  if (!window) {
    log(window.error(), LogLevel::error);
    return 1;
  }
  auto text = ui::TextCache::open((*window)->renderer(),
                                  options.assets_dir + "/fonts/NotoSans-Regular.ttf",
                                  options.assets_dir + "/fonts/NotoSans-Bold.ttf");
  if (!text) {
    log(text.error(), LogLevel::error);
    return 1;
  }
  int status = 0;
  {
    const char *env = std::getenv("STATE_DIRECTORY");
    const KioskConfig none; // where a configuration without state_dir keeps its state
    ui::TechnicianPainter painter((*window)->renderer(), **text, texts);
    TechnicianSession wizard(
        {options.config_path,
         none,
         resolve_state_dir(none, options.config_path, env ? env : ""),
         resolve_token_path(none, options.config_path, env ? env : ""),
         {},
         [&bridge] { bridge->push(Tick{}); },
         {},
         options.assets_dir},
        painter);
    ui::ScreenPainter citizen((*window)->renderer(), **text, texts);
    SdlScriptHost host(**window, citizen);
    host.set_technician(&wizard);
    std::optional<script::Player> player;
    if (lines)
      player.emplace(std::move(*lines), options.script_path, host, std::cout);
    const State no_screens; // the citizen screens do not run yet

    log("no configuration at " + options.config_path + ": the setup wizard starts");
    wizard.start_setup(Clock::now());
    const auto systemd = SystemdNotifier::from_environment();
    const auto alive_every = systemd.alive_interval();
    TimePoint next_alive = Clock::now();
    bool first_frame = true;
    bool dirty = true;
    for (;;) {
      TimePoint now = Clock::now();
      dirty = wizard.pump(now) || dirty;
      if (auto changes = wizard.take_changes(); changes && changes->config) {
        status = kSetupDone;
        break;
      }
      if (dirty) {
        wizard.paint((*window)->width(), (*window)->height());
        SDL_RenderPresent((*window)->renderer());
        dirty = false;
        if (std::exchange(first_frame, false))
          systemd.ready();
      }
      std::optional<TimePoint> wake;
      if (alive_every) {
        if (now >= next_alive) {
          systemd.alive();
          next_alive = now + *alive_every;
        }
        wake = next_alive;
      }
      if (player && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) {
        auto step = player->advance(no_screens, now);
        if (step.status == script::Step::Status::failed) {
          log("script failed: " + step.error, LogLevel::error);
          status = 3;
          break;
        }
        if (step.status == script::Step::Status::finished)
          break;
        if (step.wake)
          wake = wake ? std::min(*wake, *step.wake) : *step.wake;
      }
      SDL_Event sdl;
      const auto ms =
          wake ? std::chrono::ceil<std::chrono::milliseconds>(*wake - now).count() : 1000;
      if (!SDL_WaitEventTimeout(&sdl,
                                static_cast<int>(std::clamp<long long>(ms, 0, 1000))))
        continue;
      if (sdl.type == SDL_QUIT)
        break;
      if (bridge->take(sdl)) // a wake-up: pump() picks up the result
        continue;
      if (sdl.type == SDL_WINDOWEVENT)
        dirty = true;
      else if (wizard.handle(sdl, (*window)->width(), (*window)->height(), Clock::now()))
        dirty = true;
    }
    systemd.stopping();
  }
  bridge->discard_pending();
  return status;
}

} // namespace motcua::kiosk
