#pragma once
// Golden-image comparison for kiosk screenshots: frames are halved (2×2
// averages) before they are stored or compared, which keeps the committed
// PNGs small and forgives sub-pixel anti-aliasing differences.
#include "kiosk/ui/screenshot.hpp"
#include "net/protocol/result.hpp"

#include <cstddef>
#include <string>

namespace motcua::kiosk::golden {

ui::Frame halve(const ui::Frame &frame);
Result<ui::Frame> read_png(const std::string &path);
Result<bool> write_png(const ui::Frame &frame, const std::string &path);

struct Difference {
  std::size_t differing = 0; // pixels with a channel off by more than the tolerance
  double share = 0.0;        // differing / all pixels
  int max_channel = 0;       // the largest channel difference seen
};
Difference compare(const ui::Frame &a, const ui::Frame &b, int channel_tolerance);

} // namespace motcua::kiosk::golden
