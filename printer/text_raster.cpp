#include "printer/text_raster.hpp"

#include <SDL2/SDL_ttf.h>

#include <algorithm>

namespace motcua::printer {

int text_width(TTF_Font *font, const std::string &text) {
  int w = 0, h = 0;
  if (text.empty() || TTF_SizeUTF8(font, text.c_str(), &w, &h) != 0)
    return 0;
  return w;
}

GrayImage render_line(TTF_Font *font, const std::string &text) {
  GrayImage out;
  out.height = TTF_FontHeight(font);
  if (text.empty())
    return out;
  // Shaded rendering gives an 8-bit surface whose pixel index is the glyph
  // coverage (0 = background), independent of any display format.
  const SDL_Color ink{0, 0, 0, 255}, paper{255, 255, 255, 255};
  SDL_Surface *surface = TTF_RenderUTF8_Shaded(font, text.c_str(), ink, paper);
  if (surface == nullptr)
    return out;
  out.width = surface->w;
  out.height = surface->h;
  out.coverage.resize(static_cast<std::size_t>(out.width) * out.height);
  const auto *pixels = static_cast<const std::uint8_t *>(surface->pixels);
  for (int y = 0; y < out.height; ++y)
    std::copy_n(pixels + static_cast<std::size_t>(y) * surface->pitch, out.width,
                out.coverage.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  SDL_FreeSurface(surface);
  return out;
}

} // namespace motcua::printer
