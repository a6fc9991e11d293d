#include "kiosk/shell/ui_loop.hpp"

#include "net/system/log.hpp"

#include <SDL2/SDL.h>

#include <algorithm>

namespace motcua::kiosk {

namespace {
constexpr int kExitScriptFailed = 3;
constexpr long long kLongestWaitMs = 3600000;
} // namespace

UiLoop::UiLoop(ui::Window &window, std::optional<std::vector<script::Line>> script,
               const std::string &script_path, std::ostream &script_out)
    : window_(window), host_(window), systemd_(SystemdNotifier::from_environment()),
      alive_every_(systemd_.alive_interval()), next_alive_(Clock::now()) {
  if (script)
    player_.emplace(std::move(*script), script_path, host_, script_out);
}

bool UiLoop::present() {
  window_.present();
  if (!std::exchange(first_frame_, false))
    return false;
  systemd_.ready();
  return true;
}

UiLoop::Turn UiLoop::next(const State &state, std::optional<TimePoint> wake) {
  const auto sooner = [&wake](TimePoint t) { wake = wake ? std::min(*wake, t) : t; };
  TimePoint now = Clock::now();
  // Alive on each turn, at least every half watchdog interval: a hung loop
  // stops the pings and systemd restarts the kiosk.
  if (alive_every_) {
    if (now >= next_alive_) {
      systemd_.alive();
      next_alive_ = now + *alive_every_;
    }
    sooner(next_alive_);
  }
  // Input the script pushed is handled (and drawn) before its next command.
  if (player_ && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) {
    auto step = player_->advance(state, now);
    if (step.status == script::Step::Status::failed) {
      log_line("motcua-kiosk", LogLevel::error, "script failed: " + step.error);
      return {std::nullopt, kExitScriptFailed};
    }
    if (step.status == script::Step::Status::finished)
      return {std::nullopt, 0};
    if (step.wake)
      sooner(*step.wake);
  }
  SDL_Event sdl;
  int got = 0;
  if (wake) {
    const auto ms =
        std::chrono::ceil<std::chrono::milliseconds>(*wake - Clock::now()).count();
    got = SDL_WaitEventTimeout(
        &sdl, static_cast<int>(std::clamp<long long>(ms, 0, kLongestWaitMs)));
  } else {
    got = SDL_WaitEvent(&sdl);
  }
  if (!got)
    return {};
  return {arrived(sdl), std::nullopt};
}

std::optional<SDL_Event> UiLoop::poll() {
  SDL_Event sdl;
  if (!SDL_PollEvent(&sdl))
    return std::nullopt;
  return arrived(sdl);
}

SDL_Event UiLoop::arrived(SDL_Event event) {
  if (event.type == SDL_WINDOWEVENT)
    window_.sync(); // a new output size may need a new turned frame
  window_.to_view(event);
  return event;
}

} // namespace motcua::kiosk
