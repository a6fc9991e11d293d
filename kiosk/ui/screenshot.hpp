#pragma once
// The frame being drawn, read back before it is presented, as a PNG file.
#include "net/protocol/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace motcua::kiosk::ui {

struct Frame {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels; // 0xAARRGGBB, row by row
};

Result<Frame> read_frame(SDL_Renderer *renderer);
Result<bool> save_screenshot(SDL_Renderer *renderer, const std::string &path);

} // namespace motcua::kiosk::ui
