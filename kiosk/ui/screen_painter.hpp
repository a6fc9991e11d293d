#pragma once
// Draws the current screen from the state and the window size. Each screen
// is a title band and a centred column of large text; the home screen adds
// the grid of service buttons from the pure layout.
#include "kiosk/app/layout.hpp"
#include "kiosk/app/screen_state.hpp"
#include "kiosk/app/texts.hpp"
#include "kiosk/ui/text_cache.hpp"

#include <vector>

struct SDL_Renderer;

namespace motcua::kiosk::ui {

class ScreenPainter {
public:
  ScreenPainter(SDL_Renderer *renderer, TextCache &text, const Texts &screen_texts)
      : renderer_(renderer), text_(text), texts_(screen_texts) {}

  // Draws a whole frame (does not present it).
  void paint(const State &state, int width, int height);

private:
  struct Line {
    std::string text;
    TextStyle style;
  };

  void paint_home(const State &state, const HomeLayout &layout);
  void paint_service_button(const ServiceButton &button, const Service &service,
                            const Metrics &m);
  void paint_ticket(const State &state, const HomeLayout &layout, int width, int height);
  void paint_header(const State &state, const Rect &band, const Metrics &m,
                    const std::string &title);
  // Lines centred horizontally, the block centred vertically in `area`.
  void paint_column(const std::vector<Line> &lines, const Rect &area, int gap);

  void fill(const Rect &r, Rgb color);
  void fill_rounded(const Rect &r, int radius, Rgb color);
  void blit(const TextImage &image, int x, int y);

  std::string service_label(const State &state, const std::string &service_id) const;

  SDL_Renderer *renderer_;
  TextCache &text_;
  const Texts &texts_;
};

} // namespace motcua::kiosk::ui
