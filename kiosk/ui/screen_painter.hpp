#pragma once
// Draws the current screen from the state and the window size: the title
// band, the prompt, the screen's buttons from the pure layout (pressed,
// disabled, selected), its messages and the countdown.
#include "kiosk/app/layout.hpp"
#include "kiosk/app/screen_state.hpp"
#include "kiosk/app/texts.hpp"
#include "kiosk/ui/canvas.hpp"
#include "kiosk/ui/text_cache.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace motcua::kiosk::ui {

class ScreenPainter {
public:
  // `texts` by language code ("vi", "en"); the state says which one shows.
  ScreenPainter(SDL_Renderer *renderer, TextCache &text,
                std::map<std::string, Texts, std::less<>> texts)
      : renderer_(renderer), text_(text), texts_(std::move(texts)), canvas_(renderer, text) {}

  // Draws a whole frame (does not present it). `pressed` is the index of the
  // button under the finger in layout_screen(state, width, height).
  void paint(const State &state, int width, int height,
             std::optional<std::size_t> pressed = std::nullopt);

private:
  using Line = Canvas::Line;

  const Texts &texts(const State &state) const;
  void paint_band(const State &state, const ScreenLayout &layout,
                  const std::string &title);
  void paint_prompt(const ScreenLayout &layout, const std::string &text, Rgb color);
  void paint_button(const State &state, const ScreenLayout &layout, const Button &button,
                    bool pressed);
  void paint_service(const State &state, const Button &b, const Metrics &m, Rgb fg);
  void paint_level(const State &state, const Button &b, const Metrics &m, Rgb fg);
  void paint_face(const std::string &level, int cx, int cy, int radius);
  using Align = Canvas::Align;
  // Bold text as large as fits the area: shrunk, then wrapped, then shrunk again.
  void paint_label(const std::string &label, const Rect &area, int max_size, int min_size,
                   Rgb color, Align align = Align::centre);
  void paint_ticket(const State &state, const ScreenLayout &layout);
  void paint_keypad_display(const State &state, const ScreenLayout &layout);
  void paint_countdown(const State &state, const ScreenLayout &layout);
  // Lines centred horizontally, the block centred vertically in `area`.
  void paint_column(const std::vector<Line> &lines, const Rect &area, int gap);

  void fill(const Rect &r, Rgb color);
  void fill_rounded(const Rect &r, int radius, Rgb color);
  void fill_circle(int cx, int cy, int radius, Rgb color);
  void blit(const TextImage &image, int x, int y);

  std::string service_label(const State &state, const std::string &service_id) const;

  SDL_Renderer *renderer_;
  TextCache &text_;
  std::map<std::string, Texts, std::less<>> texts_;
  Canvas canvas_;
};

} // namespace motcua::kiosk::ui
