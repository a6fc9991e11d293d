#pragma once
// Which way up the screens are drawn. A kiosk monitor stood on its side
// often still reports a landscape output (no compositor rotation is set on
// a kiosk PC unpacked in the morning): "portrait" then lays the screens out
// portrait and turns the picture, and the touches with it, a quarter turn.
// Pure: the window (kiosk/ui/window.hpp) applies it.
#include <optional>
#include <string_view>
#include <utility>

namespace motcua::kiosk {

enum class Orientation {
  automatic, // follow the output's shape (the compositor's rotation, if any)
  landscape,
  portrait,
};
std::string_view orientation_name(Orientation orientation); // "auto", "landscape", ...
std::optional<Orientation> parse_orientation_name(std::string_view name);

// The screens' size on an output, and whether the picture is turned: a
// quarter turn clockwise, which stands upright on a monitor turned a quarter
// turn anticlockwise (its top edge on the left).
struct View {
  int width = 0;
  int height = 0;
  bool rotated = false;
  bool operator==(const View &) const = default;
};
View view_for(Orientation orientation, int output_width, int output_height);

// A point of the output (a touch, the mouse) on the screens, and back.
std::pair<int, int> output_to_view(const View &view, int x, int y);
std::pair<int, int> view_to_output(const View &view, int x, int y);

} // namespace motcua::kiosk
