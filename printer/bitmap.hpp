#pragma once
// A 1-bit image, packed exactly as ESC/POS raster wants it: rows top to bottom,
// each row (width + 7) / 8 bytes, most significant bit leftmost, 1 = black dot.
#include <cstdint>
#include <vector>

namespace motcua::printer {

struct Bitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;

  static Bitmap blank(int width, int height);
  int bytes_per_row() const { return (width + 7) / 8; }
  bool get(int x, int y) const;
  void set(int x, int y, bool black);
  // Copies `other` with its top-left corner at (x, y), black dots win.
  void blit(const Bitmap &other, int x, int y);
  bool operator==(const Bitmap &) const = default;
};

} // namespace motcua::printer
