#include "printer/gray_image.hpp"

#include <algorithm>

namespace motcua::printer {
namespace {

GrayImage transposed(const GrayImage &image) {
  GrayImage out;
  out.width = image.height;
  out.height = image.width;
  out.coverage.resize(image.coverage.size());
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      out.coverage[static_cast<std::size_t>(x) * out.width + y] = image.at(x, y);
  return out;
}

} // namespace

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
  // Every row uses the same source spans and weights: work them out once.
  struct Tap {
    int sx;
    long long weight;
  };
  std::vector<std::vector<Tap>> taps(static_cast<std::size_t>(out.width));
  for (int x = 0; x < out.width; ++x) {
    const long long begin = x * src, end = (x + 1) * src; // in 1/dst units
    for (long long sx = begin / dst; sx * dst < end && sx < src; ++sx) {
      const long long lo = std::max(begin, sx * dst), hi = std::min(end, (sx + 1) * dst);
      taps[static_cast<std::size_t>(x)].push_back({static_cast<int>(sx), hi - lo});
    }
  }
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t *row = &image.coverage[static_cast<std::size_t>(y) * image.width];
    std::uint8_t *out_row = &out.coverage[static_cast<std::size_t>(y) * out.width];
    for (int x = 0; x < out.width; ++x) {
      long long sum = 0;
      for (const Tap &t : taps[static_cast<std::size_t>(x)])
        sum += t.weight * row[t.sx];
      out_row[x] = static_cast<std::uint8_t>((sum + src / 2) / src);
    }
  }
  return out;
}

GrayImage crop_to_ink(const GrayImage &image, std::uint8_t threshold) {
  int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1;
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t *row = &image.coverage[static_cast<std::size_t>(y) * image.width];
    int first = 0;
    while (first < image.width && row[first] < threshold)
      ++first;
    if (first == image.width)
      continue;
    int last = image.width - 1;
    while (row[last] < threshold)
      --last;
    x0 = std::min(x0, first);
    x1 = std::max(x1, last);
    y0 = std::min(y0, y);
    y1 = y;
  }
  GrayImage out;
  if (x1 < 0)
    return out;
  out.width = x1 - x0 + 1;
  out.height = y1 - y0 + 1;
  out.coverage.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    const auto from =
        image.coverage.begin() + static_cast<std::ptrdiff_t>(y0 + y) * image.width + x0;
    std::copy(from, from + out.width,
              out.coverage.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  }
  return out;
}

Bitmap threshold(const GrayImage &image, std::uint8_t level) {
  Bitmap out = Bitmap::blank(image.width, image.height);
  const int row_bytes = out.bytes_per_row();
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t *row = &image.coverage[static_cast<std::size_t>(y) * image.width];
    std::uint8_t *bits = &out.bits[static_cast<std::size_t>(y) * row_bytes];
    for (int x = 0; x < image.width; ++x)
      if (row[x] >= level)
        bits[x / 8] |= static_cast<std::uint8_t>(0x80u >> (x % 8));
  }
  return out;
}

GrayImage resample(const GrayImage &image, int new_width, int new_height) {
  // Separable: across, then down (as across the transposed image).
  return transposed(
      resample_width(transposed(resample_width(image, new_width)), new_height));
}

} // namespace motcua::printer
