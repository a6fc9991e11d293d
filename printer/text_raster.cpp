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

GrayImage resample_width(const GrayImage &image, int new_width) {
  GrayImage out;
  out.width = std::max(1, new_width);
  out.height = image.height;
  out.coverage.assign(static_cast<std::size_t>(out.width) * out.height, 0);
  if (image.width == 0)
    return out;
  // Integer arithmetic in units of 1/new_width source pixels keeps the
  // result identical on every run and machine.
  const long long src = image.width, dst = out.width;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      const long long begin = x * src, end = (x + 1) * src; // in 1/dst units
      long long sum = 0;
      for (long long sx = begin / dst; sx * dst < end && sx < src; ++sx) {
        const long long lo = std::max(begin, sx * dst),
                        hi = std::min(end, (sx + 1) * dst);
        sum += (hi - lo) * image.at(static_cast<int>(sx), y);
      }
      out.coverage[static_cast<std::size_t>(y) * out.width + x] =
          static_cast<std::uint8_t>((sum + src / 2) / src);
    }
  }
  return out;
}

GrayImage crop_to_ink(const GrayImage &image, std::uint8_t threshold) {
  int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y) >= threshold) {
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
      }
  GrayImage out;
  if (x1 < 0)
    return out;
  out.width = x1 - x0 + 1;
  out.height = y1 - y0 + 1;
  out.coverage.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      out.coverage[static_cast<std::size_t>(y) * out.width + x] =
          image.at(x0 + x, y0 + y);
  return out;
}

Bitmap threshold(const GrayImage &image, std::uint8_t level) {
  Bitmap out = Bitmap::blank(image.width, image.height);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y) >= level)
        out.set(x, y, true);
  return out;
}

} // namespace motcua::printer
