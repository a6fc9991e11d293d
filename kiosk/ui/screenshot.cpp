#include "kiosk/ui/screenshot.hpp"

#include "printer/png_writer.hpp"

#include <SDL2/SDL.h>

namespace motcua::kiosk::ui {

Result<Frame> read_frame(SDL_Renderer *renderer) {
  Frame frame;
  // A turned frame is read from its texture, upright, as a citizen sees it.
  if (SDL_Texture *target = SDL_GetRenderTarget(renderer)) {
    if (SDL_QueryTexture(target, nullptr, nullptr, &frame.width, &frame.height) != 0)
      return unexpected(std::string("SDL_QueryTexture failed: ") + SDL_GetError());
  } else if (SDL_GetRendererOutputSize(renderer, &frame.width, &frame.height) != 0) {
    return unexpected(std::string("SDL_GetRendererOutputSize failed: ") + SDL_GetError());
  }
  frame.pixels.resize(static_cast<std::size_t>(frame.width) * frame.height);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888,
                           frame.pixels.data(), frame.width * 4) != 0)
    return unexpected(std::string("SDL_RenderReadPixels failed: ") + SDL_GetError());
  return frame;
}

Result<bool> save_screenshot(SDL_Renderer *renderer, const std::string &path) {
  auto frame = read_frame(renderer);
  if (!frame)
    return unexpected(frame.error());
  return printer::write_png_argb(frame->width, frame->height, frame->pixels, path);
}

} // namespace motcua::kiosk::ui
