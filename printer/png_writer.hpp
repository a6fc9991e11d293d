#pragma once
// PNG files for previews, golden images and screenshots (libpng).
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"
#include "printer/gray_image.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace motcua::printer {

Result<bool> write_png(const Bitmap &image, const std::string &path);
// Pixels as 0xAARRGGBB words, row by row (SDL_PIXELFORMAT_ARGB8888).
Result<bool> write_png_argb(int width, int height,
                            const std::vector<std::uint32_t> &pixels,
                            const std::string &path);
// Reads a PNG written by write_png back into a bitmap (dark pixels → black).
Result<Bitmap> read_png_bitmap(const std::string &path);

// Any PNG (grey, RGB, palette, with or without alpha) as ink coverage:
// black is full ink, white and transparent are paper. For logos.
Result<GrayImage> read_png_coverage(const std::string &path);

} // namespace motcua::printer
