#include "kiosk/app/rect.hpp"

#include <algorithm>

namespace motcua::kiosk {

std::vector<Rect> grid(const Rect &area, int count, int columns, int gap, int max_h) {
  std::vector<Rect> cells;
  if (count <= 0)
    return cells;
  columns = std::max(1, std::min(columns, count));
  const int rows = (count + columns - 1) / columns;
  const int cell_w = (area.w - (columns - 1) * gap) / columns;
  const int cell_h = std::max(1, std::min((area.h - (rows - 1) * gap) / rows, max_h));
  const int used = rows * cell_h + (rows - 1) * gap;
  const int top = area.y + std::max(0, (area.h - used) / 2);
  for (int i = 0; i < count; ++i) {
    const int row = i / columns, column = i % columns;
    int x = area.x + column * (cell_w + gap);
    const int in_last_row = count - (rows - 1) * columns;
    if (row == rows - 1 && in_last_row < columns)
      x = area.x + (area.w - (in_last_row * cell_w + (in_last_row - 1) * gap)) / 2 +
          column * (cell_w + gap);
    cells.push_back(Rect{x, top + row * (cell_h + gap), cell_w, cell_h});
  }
  return cells;
}

std::pair<Rect, Rect> cut_top(const Rect &area, int h, int gap) {
  h = std::min(h, area.h);
  return {Rect{area.x, area.y, area.w, h},
          Rect{area.x, area.y + h + gap, area.w, std::max(0, area.h - h - gap)}};
}
std::pair<Rect, Rect> cut_bottom(const Rect &area, int h, int gap) {
  h = std::min(h, area.h);
  return {Rect{area.x, area.y, area.w, std::max(0, area.h - h - gap)},
          Rect{area.x, area.bottom() - h, area.w, h}};
}
std::pair<Rect, Rect> split_columns(const Rect &area, int gap) {
  const int w = (area.w - gap) / 2;
  return {Rect{area.x, area.y, w, area.h}, Rect{area.right() - w, area.y, w, area.h}};
}

} // namespace motcua::kiosk
