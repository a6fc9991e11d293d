#include "kiosk/ui/window.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

namespace motcua::kiosk::ui {

Result<std::unique_ptr<SdlSession>> SdlSession::start() {
  // Fingers and mouse are told apart by our own input layer: SDL must not
  // turn one into the other, or a touch would count twice.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  // Measured: the software renderer without GL framebuffers is the cheapest here.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // Lockdown: Alt+F4 closes no window (only SIGTERM, which SDL turns into
  // SDL_QUIT, ends the kiosk); a grabbed keyboard keeps Alt+Tab and the
  // window manager's other combinations away from the desktop.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
  SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
    return unexpected(std::string("SDL_Init failed: ") + SDL_GetError());
  if (TTF_WasInit() == 0 && TTF_Init() != 0) {
    std::string error = std::string("TTF_Init failed: ") + TTF_GetError();
    SDL_Quit();
    return unexpected(error);
  }
  return std::unique_ptr<SdlSession>(new SdlSession());
}

SdlSession::~SdlSession() {
  TTF_Quit();
  SDL_Quit();
}

Result<std::unique_ptr<Window>> Window::open(const WindowOptions &options) {
  Uint32 flags = SDL_WINDOW_SHOWN;
  if (options.mode == WindowMode::fullscreen)
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  SDL_Window *window =
      SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                       SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
  if (!window)
    return unexpected(std::string("SDL_CreateWindow failed: ") + SDL_GetError());
  SDL_Renderer *renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer) {
    std::string error = std::string("SDL_CreateRenderer failed: ") + SDL_GetError();
    SDL_DestroyWindow(window);
    return unexpected(error);
  }
  if (options.mode == WindowMode::fullscreen) {
    SDL_ShowCursor(SDL_DISABLE);
    SDL_SetWindowKeyboardGrab(window, SDL_TRUE);
  }
  // A kiosk screen must never blank while people queue in front of it.
  SDL_DisableScreenSaver();
  return std::unique_ptr<Window>(new Window(window, renderer));
}

Window::~Window() {
  SDL_DestroyRenderer(renderer_);
  SDL_DestroyWindow(window_);
}

int Window::width() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  return w;
}

int Window::height() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  return h;
}

} // namespace motcua::kiosk::ui
