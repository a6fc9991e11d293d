#pragma once
// One line of text through SDL2_ttf into ink coverage, and from coverage to
// dots. Coverage is kept 8-bit until the last step so the big number can be
// narrowed without ragged edges.
#include "printer/bitmap.hpp"

#include <cstdint>
#include <string>
#include <vector>

typedef struct _TTF_Font TTF_Font;

namespace motcua::printer {

// 0 = paper, 255 = full ink.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> coverage;

  std::uint8_t at(int x, int y) const {
    return coverage[static_cast<std::size_t>(y) * width + x];
  }
};

int text_width(TTF_Font *font, const std::string &text);
// One line at the font's full line height; empty text gives a blank line.
GrayImage render_line(TTF_Font *font, const std::string &text);

// Box-filter resample to a new width (height kept).
GrayImage resample_width(const GrayImage &image, int new_width);
// Smallest rectangle holding every pixel at or above `threshold`.
GrayImage crop_to_ink(const GrayImage &image, std::uint8_t threshold);

// Thermal dots are all or nothing; a threshold a little under half keeps
// thin strokes of small text from breaking up.
constexpr std::uint8_t kInkThreshold = 110;
Bitmap threshold(const GrayImage &image, std::uint8_t level = kInkThreshold);

} // namespace motcua::printer
