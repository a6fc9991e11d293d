#include "tests/unit/kiosk/golden.hpp"

#include "printer/png_writer.hpp"

#include <png.h>

#include <algorithm>
#include <cstdlib>

namespace motcua::kiosk::golden {

ui::Frame halve(const ui::Frame &f) {
  ui::Frame out;
  out.width = f.width / 2;
  out.height = f.height / 2;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      unsigned sum[3] = {0, 0, 0};
      for (int dy = 0; dy < 2; ++dy)
        for (int dx = 0; dx < 2; ++dx) {
          const auto p =
              f.pixels[static_cast<std::size_t>(2 * y + dy) * f.width + 2 * x + dx];
          sum[0] += (p >> 16) & 0xFF;
          sum[1] += (p >> 8) & 0xFF;
          sum[2] += p & 0xFF;
        }
      out.pixels[static_cast<std::size_t>(y) * out.width + x] =
          0xFF000000u | ((sum[0] / 4) << 16) | ((sum[1] / 4) << 8) | (sum[2] / 4);
    }
  return out;
}

Result<ui::Frame> read_png(const std::string &path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str()))
    return unexpected(path + ": " + image.message);
  image.format = PNG_FORMAT_BGRA; // little-endian 0xAARRGGBB words
  ui::Frame frame;
  frame.width = static_cast<int>(image.width);
  frame.height = static_cast<int>(image.height);
  frame.pixels.resize(static_cast<std::size_t>(frame.width) * frame.height);
  if (!png_image_finish_read(&image, nullptr, frame.pixels.data(), 0, nullptr)) {
    std::string error = path + ": " + image.message;
    png_image_free(&image);
    return unexpected(error);
  }
  return frame;
}

Result<bool> write_png(const ui::Frame &frame, const std::string &path) {
  return printer::write_png_argb(frame.width, frame.height, frame.pixels, path);
}

Difference compare(const ui::Frame &a, const ui::Frame &b, int tolerance) {
  Difference d;
  if (a.width != b.width || a.height != b.height) {
    d.differing = std::max(a.pixels.size(), b.pixels.size());
    d.share = 1.0;
    d.max_channel = 255;
    return d;
  }
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    int worst = 0;
    for (int shift : {16, 8, 0})
      worst = std::max(worst, std::abs(int((a.pixels[i] >> shift) & 0xFF) -
                                       int((b.pixels[i] >> shift) & 0xFF)));
    d.max_channel = std::max(d.max_channel, worst);
    d.differing += worst > tolerance;
  }
  d.share = a.pixels.empty() ? 0.0 : double(d.differing) / double(a.pixels.size());
  return d;
}

} // namespace motcua::kiosk::golden
