#pragma once
// The SDL side of the kiosk: the library session, one window, one software
// renderer. Full screen by default; windowed for development and tests.
#include "net/protocol/result.hpp"

#include <memory>
#include <string>

struct SDL_Window;
struct SDL_Renderer;

namespace motcua::kiosk::ui {

// SDL video + events and SDL2_ttf, initialised once for the process. Destroy
// it last: every window, texture and font must be gone before.
class SdlSession {
public:
  static Result<std::unique_ptr<SdlSession>> start();
  ~SdlSession();
  SdlSession(const SdlSession &) = delete;
  SdlSession &operator=(const SdlSession &) = delete;

private:
  SdlSession() = default;
};

enum class WindowMode { fullscreen, windowed };

struct WindowOptions {
  WindowMode mode = WindowMode::fullscreen;
  int width = 1920; // windowed size; full screen takes the desktop's
  int height = 1080;
  std::string title = "MotCua";
};

class Window {
public:
  static Result<std::unique_ptr<Window>> open(const WindowOptions &options);
  ~Window();
  Window(const Window &) = delete;
  Window &operator=(const Window &) = delete;

  SDL_Window *sdl_window() const { return window_; }
  SDL_Renderer *renderer() const { return renderer_; }
  int width() const; // renderer output pixels
  int height() const;

private:
  Window(SDL_Window *window, SDL_Renderer *renderer)
      : window_(window), renderer_(renderer) {}
  SDL_Window *window_;
  SDL_Renderer *renderer_;
};

} // namespace motcua::kiosk::ui
