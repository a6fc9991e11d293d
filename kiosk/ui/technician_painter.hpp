#pragma once
// Draws the technician screens (kiosk/app/technician_layout.hpp) over the
// whole window: band, message line, PIN dots or typed code, diagnostics rows,
// settings headings, buttons.
#include "kiosk/app/technician_layout.hpp"
#include "kiosk/app/texts.hpp"
#include "kiosk/ui/canvas.hpp"

#include <map>
#include <optional>
#include <string>

namespace motcua::kiosk::ui {

class TechnicianPainter {
public:
  // `texts` by language code, as for the citizen screens.
  TechnicianPainter(SDL_Renderer *renderer, TextCache &text,
                    std::map<std::string, Texts, std::less<>> texts)
      : canvas_(renderer, text), texts_(std::move(texts)) {}

  void paint(const tech::State &state, int width, int height,
             std::optional<std::size_t> pressed = std::nullopt);

private:
  const Texts &texts(const tech::State &state) const;
  void paint_message(const tech::State &state, const tech::Layout &layout);
  void paint_display(const tech::State &state, const tech::Layout &layout);
  void paint_rows(const tech::State &state, const tech::Layout &layout);
  void paint_button(const tech::State &state, const tech::Layout &layout,
                    const tech::Button &button, bool pressed);

  Canvas canvas_;
  std::map<std::string, Texts, std::less<>> texts_;
};

} // namespace motcua::kiosk::ui
