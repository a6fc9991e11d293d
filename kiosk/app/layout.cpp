#include "kiosk/app/layout.hpp"

#include <algorithm>
#include <cmath>

namespace motcua::kiosk {

int Metrics::px(double fraction_of_short_side) const {
  return static_cast<int>(std::lround(short_side * fraction_of_short_side));
}

int Metrics::type_px(double fraction_of_short_side) const {
  return px(fraction_of_short_side * type_scale);
}

Metrics metrics_for(int width, int height) {
  Metrics m;
  m.short_side = std::max(1, std::min(width, height));
  m.portrait = height > width;
  if (m.portrait)
    m.type_scale = std::clamp(0.75 * height / std::max(1, width), 1.0, 1.3);
  m.margin = m.px(0.04);
  m.gap = m.px(0.025);
  return m;
}

HomeLayout layout_home(int width, int height, std::span<const std::string> service_ids) {
  HomeLayout layout;
  const Metrics m = metrics_for(width, height);
  layout.metrics = m;
  layout.header = Rect{0, 0, width, m.px(0.16)};
  layout.prompt =
      Rect{m.margin, layout.header.bottom() + m.gap, width - 2 * m.margin, m.px(0.08)};

  const int count = static_cast<int>(service_ids.size());
  if (count == 0)
    return layout;
  constexpr int columns = 2;
  const int rows = (count + columns - 1) / columns;
  const int grid_top = layout.prompt.bottom() + m.gap;
  const int grid_height = std::max(0, height - m.margin - grid_top);
  const int button_w = (width - 2 * m.margin - (columns - 1) * m.gap) / columns;
  // Buttons no taller than needed: the grid is centred in what is left.
  const int button_h =
      std::min((grid_height - (rows - 1) * m.gap) / rows, m.px(m.portrait ? 0.34 : 0.22));
  const int used_height = rows * button_h + (rows - 1) * m.gap;
  const int top = grid_top + (grid_height - used_height) / 2;

  for (int i = 0; i < count; ++i) {
    const int row = i / columns;
    const int column = i % columns;
    int x = m.margin + column * (button_w + m.gap);
    const bool alone_in_last_row = (i == count - 1) && (count % columns == 1);
    if (alone_in_last_row)
      x = (width - button_w) / 2;
    layout.buttons.push_back(
        ServiceButton{service_ids[static_cast<std::size_t>(i)],
                      Rect{x, top + row * (button_h + m.gap), button_w, button_h}});
  }
  return layout;
}

std::optional<std::string> hit_test(const HomeLayout &layout, int x, int y) {
  for (const auto &button : layout.buttons)
    if (button.rect.contains(x, y))
      return button.service_id;
  return std::nullopt;
}

} // namespace motcua::kiosk
