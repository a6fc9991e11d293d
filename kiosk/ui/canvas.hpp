#pragma once
// The drawing both painters share (citizen screens, technician screens):
// rectangles, rounded shapes, text fitted into areas, centred columns.
#include "kiosk/app/rect.hpp"
#include "kiosk/ui/text_cache.hpp"

#include <string>
#include <vector>

struct SDL_Renderer;

namespace motcua::kiosk::ui {

class Canvas {
public:
  Canvas(SDL_Renderer *renderer, TextCache &text) : renderer_(renderer), text_(text) {}

  struct Line {
    std::string text;
    TextStyle style;
  };
  enum class Align { centre, left };

  void fill(const Rect &r, Rgb color);
  void fill_rounded(const Rect &r, int radius, Rgb color);
  void fill_circle(int cx, int cy, int radius, Rgb color);
  void blit(const TextImage &image, int x, int y);
  // Bold text as large as fits the area: shrunk, then wrapped, then shrunk again.
  void label(const std::string &text, const Rect &area, int max_size, int min_size,
             Rgb color, Align align = Align::centre);
  // Lines centred horizontally, the block centred vertically in `area`.
  void column(const std::vector<Line> &lines, const Rect &area, int gap);

  TextCache &text() { return text_; }
  SDL_Renderer *renderer() { return renderer_; }

private:
  SDL_Renderer *renderer_;
  TextCache &text_;
};

} // namespace motcua::kiosk::ui
