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
  if (turned_)
    SDL_DestroyTexture(turned_);
  SDL_DestroyRenderer(renderer_);
  SDL_DestroyWindow(window_);
}

// The window's size, not the renderer's: while a texture is the target the
// software renderer reports the texture's.
std::pair<int, int> Window::output_size() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return {w, h};
}

View Window::view() const {
  const auto [w, h] = output_size();
  return view_for(orientation_, w, h);
}

void Window::set_orientation(Orientation orientation) {
  if (orientation == orientation_)
    return;
  orientation_ = orientation;
  sync();
}

void Window::sync() {
  const View v = view();
  if (v.rotated && turned_ && v == turned_view_)
    return;
  SDL_SetRenderTarget(renderer_, nullptr);
  if (turned_) {
    SDL_DestroyTexture(turned_);
    turned_ = nullptr;
  }
  if (!v.rotated)
    return;
  turned_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                              SDL_TEXTUREACCESS_TARGET, v.width, v.height);
  // Without the texture the screens still show, on their side: better than none.
  if (!turned_) {
    orientation_ = Orientation::automatic;
    return;
  }
  turned_view_ = v;
}

void Window::begin_frame() {
  if (turned_)
    SDL_SetRenderTarget(renderer_, turned_);
}

void Window::present() {
  if (!turned_) {
    SDL_RenderPresent(renderer_);
    return;
  }
  const auto [ow, oh] = output_size();
  const SDL_Rect to{(ow - turned_view_.width) / 2, (oh - turned_view_.height) / 2,
                    turned_view_.width, turned_view_.height};
  SDL_SetRenderTarget(renderer_, nullptr);
  SDL_RenderCopyEx(renderer_, turned_, nullptr, &to, 90.0, nullptr, SDL_FLIP_NONE);
  SDL_RenderPresent(renderer_);
}

void Window::to_view(SDL_Event &e) const {
  if (!turned_)
    return;
  switch (e.type) {
  case SDL_FINGERDOWN:
  case SDL_FINGERUP:
  case SDL_FINGERMOTION: { // normalised: (x, y) on the output is (y, 1 - x) here
    const float x = e.tfinger.x, dx = e.tfinger.dx;
    e.tfinger.x = e.tfinger.y;
    e.tfinger.y = 1.0f - x;
    e.tfinger.dx = e.tfinger.dy;
    e.tfinger.dy = -dx;
    break;
  }
  case SDL_MOUSEBUTTONDOWN:
  case SDL_MOUSEBUTTONUP: {
    const auto [x, y] = output_to_view(turned_view_, e.button.x, e.button.y);
    e.button.x = x;
    e.button.y = y;
    break;
  }
  case SDL_MOUSEMOTION: {
    const auto [x, y] = output_to_view(turned_view_, e.motion.x, e.motion.y);
    e.motion.x = x;
    e.motion.y = y;
    break;
  }
  default:
    break;
  }
}

std::pair<int, int> Window::to_output(int x, int y) const {
  return turned_ ? view_to_output(turned_view_, x, y) : std::pair{x, y};
}

} // namespace motcua::kiosk::ui
