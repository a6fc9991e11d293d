#include "kiosk/app/orientation.hpp"

namespace motcua::kiosk {

namespace {
constexpr std::string_view kNames[] = {"auto", "landscape", "portrait"};
}

std::string_view orientation_name(Orientation orientation) {
  return kNames[static_cast<int>(orientation)];
}

std::optional<Orientation> parse_orientation_name(std::string_view name) {
  for (int i = 0; i < 3; ++i)
    if (kNames[i] == name)
      return static_cast<Orientation>(i);
  return std::nullopt;
}

View view_for(Orientation orientation, int output_width, int output_height) {
  const bool output_portrait = output_height > output_width;
  const bool turn = (orientation == Orientation::portrait && !output_portrait &&
                     output_width != output_height) ||
                    (orientation == Orientation::landscape && output_portrait);
  if (turn)
    return {output_height, output_width, true};
  return {output_width, output_height, false};
}

// Turned clockwise, the view's top-left corner is the output's top-right:
// view (u, v) is output (view.height - 1 - v, u).
std::pair<int, int> output_to_view(const View &view, int x, int y) {
  if (!view.rotated)
    return {x, y};
  return {y, view.height - 1 - x};
}

std::pair<int, int> view_to_output(const View &view, int x, int y) {
  if (!view.rotated)
    return {x, y};
  return {view.height - 1 - y, x};
}

} // namespace motcua::kiosk
