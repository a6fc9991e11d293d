#pragma once
// The SDL side of the kiosk: the library session, one window, one software
// renderer. Full screen by default; windowed for development and tests.
#include "kiosk/app/orientation.hpp"
#include "net/protocol/result.hpp"

#include <memory>
#include <string>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

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
  // The screens' size: the output's, or the output's turned a quarter when
  // the orientation asks for the other shape (kiosk/app/orientation.hpp).
  int width() const { return view().width; }
  int height() const { return view().height; }
  View view() const;

  // While turned, frames are drawn into a texture of the screens' size that
  // present() turns onto the output; call sync() after the output changed,
  // begin_frame() before drawing. The texture is the target only while a
  // frame is drawn: SDL's renderer rescales touches by the target's size
  // as they arrive, and would squash them.
  void set_orientation(Orientation orientation);
  Orientation orientation() const { return orientation_; }
  void sync();
  void begin_frame();
  void present();
  // Touch and mouse positions from the output onto the screens, in place.
  void to_view(SDL_Event &event) const;
  // A point of the screens on the output, and the output's size (scripts
  // push their touches where a finger on the glass would land).
  std::pair<int, int> to_output(int x, int y) const;
  std::pair<int, int> output_size() const;

private:
  Window(SDL_Window *window, SDL_Renderer *renderer)
      : window_(window), renderer_(renderer) {}
  SDL_Window *window_;
  SDL_Renderer *renderer_;
  Orientation orientation_ = Orientation::automatic;
  SDL_Texture *turned_ = nullptr; // the frame while turned
  View turned_view_;
};

} // namespace motcua::kiosk::ui
