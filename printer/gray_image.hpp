#pragma once
// 8-bit ink coverage, the step before dots: text and pictures stay grey while
// they are scaled so edges do not go ragged, and are thresholded last.
#include "printer/bitmap.hpp"

#include <cstdint>
#include <vector>

namespace motcua::printer {

// 0 = paper, 255 = full ink.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> coverage;

  std::uint8_t at(int x, int y) const {
    return coverage[static_cast<std::size_t>(y) * width + x];
  }
  bool operator==(const GrayImage &) const = default;
};

// Box-filter resample to a new width (height kept).
GrayImage resample_width(const GrayImage &image, int new_width);
// Box-filter resample to a new size.
GrayImage resample(const GrayImage &image, int new_width, int new_height);
// Smallest rectangle holding every pixel at or above `threshold`.
GrayImage crop_to_ink(const GrayImage &image, std::uint8_t threshold);

// Thermal dots are all or nothing; a threshold a little under half keeps
// thin strokes of small text from breaking up.
constexpr std::uint8_t kInkThreshold = 110;
Bitmap threshold(const GrayImage &image, std::uint8_t level = kInkThreshold);

} // namespace motcua::printer
