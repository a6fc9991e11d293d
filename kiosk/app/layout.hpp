#pragma once
// Where things go on the screen, from the window size alone: a title band,
// a prompt line and a two-column grid of large service buttons. Pure, so
// hit-testing is tested without a window.
#include <optional>
#include <span>
#include <string>
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
  int center_x() const { return x + w / 2; }
  int center_y() const { return y + h / 2; }
  int right() const { return x + w; }
  int bottom() const { return y + h; }
};

// Sizes that scale with the window: the shorter side sets them, so text
// keeps the same physical feel in portrait and landscape.
struct Metrics {
  int short_side = 0;
  bool portrait = false;
  // Portrait screens have height to spare: messages and the ticket number
  // grow by this factor there (still bounded by the width when drawn).
  double type_scale = 1.0;
  int margin = 0; // window edge to content
  int gap = 0;    // between buttons
  int px(double fraction_of_short_side) const;
  int type_px(double fraction_of_short_side) const; // px() times type_scale
};
Metrics metrics_for(int width, int height);

struct ServiceButton {
  std::string service_id;
  Rect rect;
  // Letter above the label (tall buttons, portrait) or beside it (wide ones).
  bool stacked() const { return rect.w < 5 * rect.h / 2; }
};

struct HomeLayout {
  Metrics metrics;
  Rect header; // full-width title band
  Rect prompt; // line under the band
  std::vector<ServiceButton> buttons;
};

HomeLayout layout_home(int width, int height, std::span<const std::string> service_ids);

// The service whose button contains the point, if any.
std::optional<std::string> hit_test(const HomeLayout &layout, int x, int y);

} // namespace motcua::kiosk
