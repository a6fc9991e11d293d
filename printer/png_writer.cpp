#include "printer/png_writer.hpp"

#include <png.h>

#include <algorithm>
#include <cstring>

namespace motcua::printer {
namespace {

Result<bool> write_image(int width, int height, png_uint_32 format, const void *pixels,
                         const std::string &path) {
  if (width <= 0 || height <= 0)
    return unexpected("cannot write an empty image (" + std::to_string(width) + "x" +
                      std::to_string(height) + ") to " + path);
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = format;
  if (png_image_write_to_file(&image, path.c_str(), 0, pixels, 0, nullptr) == 0) {
    std::string message = "cannot write PNG " + path + ": " + image.message;
    png_image_free(&image);
    return unexpected(message);
  }
  return true;
}

} // namespace

Result<bool> write_png(const Bitmap &bitmap, const std::string &path) {
  // libpng's simplified writer speaks 8-bit gray; tickets compress well anyway.
  std::vector<std::uint8_t> gray(static_cast<std::size_t>(bitmap.width) * bitmap.height);
  for (int y = 0; y < bitmap.height; ++y)
    for (int x = 0; x < bitmap.width; ++x)
      gray[static_cast<std::size_t>(y) * bitmap.width + x] = bitmap.get(x, y) ? 0 : 255;
  return write_image(bitmap.width, bitmap.height, PNG_FORMAT_GRAY, gray.data(), path);
}

Result<bool> write_png_argb(int width, int height,
                            const std::vector<std::uint32_t> &pixels,
                            const std::string &path) {
  if (pixels.size() != static_cast<std::size_t>(std::max(0, width)) * std::max(0, height))
    return unexpected("pixel count " + std::to_string(pixels.size()) +
                      " does not match " + std::to_string(width) + "x" +
                      std::to_string(height));
  // Unpack the words so the byte order does not depend on the CPU.
  std::vector<std::uint8_t> rgba;
  rgba.reserve(pixels.size() * 4);
  for (std::uint32_t p : pixels) {
    rgba.push_back(static_cast<std::uint8_t>(p >> 16));
    rgba.push_back(static_cast<std::uint8_t>(p >> 8));
    rgba.push_back(static_cast<std::uint8_t>(p));
    rgba.push_back(static_cast<std::uint8_t>(p >> 24));
  }
  return write_image(width, height, PNG_FORMAT_RGBA, rgba.data(), path);
}

namespace {

// Grey levels, transparent pixels composited onto white paper.
Result<GrayImage> read_png_gray(const std::string &path) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0)
    return unexpected("cannot read PNG " + path + ": " + image.message);
  image.format = PNG_FORMAT_GRAY;
  GrayImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.coverage.resize(PNG_IMAGE_SIZE(image));
  png_color white{255, 255, 255};
  if (png_image_finish_read(&image, &white, out.coverage.data(), 0, nullptr) == 0) {
    std::string message = "cannot decode PNG " + path + ": " + image.message;
    png_image_free(&image);
    return unexpected(message);
  }
  return out;
}

} // namespace

Result<Bitmap> read_png_bitmap(const std::string &path) {
  auto gray = read_png_gray(path);
  if (!gray)
    return unexpected(gray.error());
  Bitmap out = Bitmap::blank(gray->width, gray->height);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      if (gray->at(x, y) < 128)
        out.set(x, y, true);
  return out;
}

Result<GrayImage> read_png_coverage(const std::string &path) {
  auto gray = read_png_gray(path);
  if (!gray)
    return gray;
  for (auto &v : gray->coverage)
    v = static_cast<std::uint8_t>(255 - v);
  return gray;
}

} // namespace motcua::printer
