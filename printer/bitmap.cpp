#include "printer/bitmap.hpp"

#include <algorithm>

namespace motcua::printer {

Bitmap Bitmap::blank(int width, int height) {
  Bitmap b;
  b.width = std::max(0, width);
  b.height = std::max(0, height);
  b.bits.assign(static_cast<std::size_t>(b.bytes_per_row()) * b.height, 0);
  return b;
}

bool Bitmap::get(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= height)
    return false;
  const auto byte = bits[static_cast<std::size_t>(y) * bytes_per_row() + x / 8];
  return (byte >> (7 - x % 8)) & 1;
}

void Bitmap::set(int x, int y, bool black) {
  // Out-of-range writes are dropped so layout code can clip by simply drawing.
  if (x < 0 || y < 0 || x >= width || y >= height)
    return;
  auto &byte = bits[static_cast<std::size_t>(y) * bytes_per_row() + x / 8];
  const auto mask = static_cast<std::uint8_t>(0x80u >> (x % 8));
  byte = black ? (byte | mask) : (byte & ~mask);
}

void Bitmap::blit(const Bitmap &other, int x, int y) {
  const int y0 = std::max(0, -y), y1 = std::min(other.height, height - y);
  const int x0 = std::max(0, -x), x1 = std::min(other.width, width - x);
  if (x0 == 0 && x1 == other.width) {
    // Whole rows: OR the source bytes in, shifted to the target bit offset.
    const int shift = x % 8, src_bytes = other.bytes_per_row(),
              dst_bytes = bytes_per_row();
    const int tail_bits = other.width % 8;
    for (int sy = y0; sy < y1; ++sy) {
      const std::uint8_t *src = &other.bits[static_cast<std::size_t>(sy) * src_bytes];
      std::uint8_t *dst = &bits[static_cast<std::size_t>(y + sy) * dst_bytes + x / 8];
      for (int i = 0; i < src_bytes; ++i) {
        // Padding bits past the source width must not reach the target.
        std::uint8_t b = src[i];
        if (i == src_bytes - 1 && tail_bits != 0)
          b &= static_cast<std::uint8_t>(0xFF00u >> tail_bits);
        dst[i] |= static_cast<std::uint8_t>(b >> shift);
        if (shift != 0 && b != 0 && x / 8 + i + 1 < dst_bytes)
          dst[i + 1] |= static_cast<std::uint8_t>(b << (8 - shift));
      }
    }
    return;
  }
  for (int sy = y0; sy < y1; ++sy)
    for (int sx = x0; sx < x1; ++sx)
      if (other.get(sx, sy))
        set(x + sx, y + sy, true);
}

} // namespace motcua::printer
