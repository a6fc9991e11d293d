#pragma once
// Rectangles in window pixels and the few ways screens cut them up, shared by
// the citizen layout and the technician layout.
#include <utility>
#include <vector>

namespace motcua::kiosk {

struct Rect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  bool contains(int px, int py) const {
    return px >= x && px < x + w && py >= y && py < y + h;
  }
  bool overlaps(const Rect &o) const {
    return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
  }
  bool inside(const Rect &o) const {
    return x >= o.x && y >= o.y && right() <= o.right() && bottom() <= o.bottom();
  }
  int center_x() const { return x + w / 2; }
  int center_y() const { return y + h / 2; }
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool operator==(const Rect &) const = default;
};

// `count` cells in `columns` columns inside `area`, rows no taller than
// `max_h`, the block centred vertically; a lone last cell is centred.
std::vector<Rect> grid(const Rect &area, int count, int columns, int gap, int max_h);
// Splits `area` into a top part and the rest below a gap.
std::pair<Rect, Rect> cut_top(const Rect &area, int h, int gap);
// Splits `area` into the rest above a gap and a bottom part.
std::pair<Rect, Rect> cut_bottom(const Rect &area, int h, int gap);
// Two equal columns with a gap between.
std::pair<Rect, Rect> split_columns(const Rect &area, int gap);

} // namespace motcua::kiosk
