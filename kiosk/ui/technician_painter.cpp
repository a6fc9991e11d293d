#include "kiosk/ui/technician_painter.hpp"

#include <algorithm>

namespace motcua::kiosk::ui {

namespace {

struct Colours {
  Rgb fill, border, text;
};

Colours colours_for(const tech::Button &b, bool pressed) {
  if (!b.enabled)
    return {theme::disabled, theme::disabled_border, theme::disabled_text};
  switch (b.kind) {
  case tech::ButtonKind::band:
    return {pressed ? theme::band_button_pressed : theme::band_button, theme::band_text,
            theme::band_text};
  case tech::ButtonKind::choice:
    if (!b.selected)
      break;
    [[fallthrough]];
  case tech::ButtonKind::primary:
    return {pressed ? theme::primary_pressed : theme::primary, theme::primary,
            theme::primary_text};
  default:
    break;
  }
  return {pressed ? theme::button_pressed : theme::button, theme::button_border,
          theme::button_text};
}

Rgb health_colour(tech::DiagnosticRow::Health health) {
  switch (health) {
  case tech::DiagnosticRow::Health::ok:
    return theme::ok_text;
  case tech::DiagnosticRow::Health::warning:
    return theme::busy_text;
  case tech::DiagnosticRow::Health::failed:
    break;
  }
  return theme::error_text;
}

std::string title_key(tech::Screen screen) {
  return "tech.title." + std::string(tech::screen_name(screen));
}

} // namespace

const Texts &TechnicianPainter::texts(const tech::State &state) const {
  if (auto it = texts_.find(state.language); it != texts_.end())
    return it->second;
  return texts_.begin()->second;
}

void TechnicianPainter::paint(const tech::State &state, int width, int height,
                              std::optional<std::size_t> pressed) {
  canvas_.text().trim();
  const auto layout = tech::layout_screen(state, width, height);
  const Metrics &m = layout.metrics;
  canvas_.fill(Rect{0, 0, width, height}, theme::background);
  canvas_.fill(layout.header, theme::band);
  canvas_.label(texts(state).get(title_key(state.screen)), layout.title, m.px(0.055),
                m.px(0.03), theme::band_text, Canvas::Align::left);
  paint_message(state, layout);
  paint_display(state, layout);
  if (state.screen == tech::Screen::diagnostics)
    paint_rows(state, layout);
  for (const auto &heading : layout.headings)
    canvas_.label(texts(state).get(heading.key), heading.rect, m.px(0.04), m.px(0.025),
                  theme::text, Canvas::Align::left);
  for (std::size_t i = 0; i < layout.buttons.size(); ++i)
    paint_button(state, layout, layout.buttons[i], pressed == i);
}

void TechnicianPainter::paint_message(const tech::State &state,
                                      const tech::Layout &layout) {
  const Texts &t = texts(state);
  std::string text;
  Rgb colour = state.message_bad ? theme::error_text : theme::ok_text;
  if (!state.message_key.empty()) {
    text = t.format(state.message_key, {{"detail", state.message_detail}});
  } else {
    colour = theme::text;
    switch (state.screen) {
    case tech::Screen::pin:
      text = t.get("tech.pin.prompt");
      break;
    case tech::Screen::enroll:
      text = t.format("tech.enroll.prompt", {{"station", state.station_url}});
      break;
    case tech::Screen::setup_language:
    case tech::Screen::setup_orientation:
    case tech::Screen::setup_station:
    case tech::Screen::setup_code:
    case tech::Screen::setup_printer:
    case tech::Screen::setup_printer_address:
    case tech::Screen::setup_mode:
    case tech::Screen::setup_pin:
      text = t.format("tech.setup.prompt." + std::string(tech::screen_name(state.screen)),
                      {{"station", state.setup.station_url}});
      break;
    case tech::Screen::diagnostics:
      if (state.gathering)
        text = t.get("tech.diag.gathering");
      colour = theme::busy_text;
      break;
    default:
      break;
    }
  }
  const Metrics &m = layout.metrics;
  canvas_.label(text, layout.message, m.px(0.04), m.px(0.024), colour);
}

void TechnicianPainter::paint_display(const tech::State &state,
                                      const tech::Layout &layout) {
  const Rect &d = layout.display;
  if (d.w <= 0 || d.h <= 0)
    return;
  const Metrics &m = layout.metrics;
  const int border = std::max(2, m.px(0.004));
  canvas_.fill_rounded(d, d.h / 6, theme::button_border);
  canvas_.fill_rounded(
      Rect{d.x + border, d.y + border, d.w - 2 * border, d.h - 2 * border},
      d.h / 6 - border, theme::background);
  if (state.screen == tech::Screen::pin || state.screen == tech::Screen::setup_pin) {
    // Dots, never the digits: someone may stand behind the technician.
    const int n = static_cast<int>(state.entry.size());
    const int r = d.h / 7;
    const int step = r * 3;
    const int x0 = d.center_x() - (n - 1) * step / 2;
    for (int i = 0; i < n; ++i)
      canvas_.fill_circle(x0 + i * step, d.center_y(), r, theme::text);
    return;
  }
  const std::string shown = state.entry.empty() ? "_" : state.entry;
  canvas_.label(shown, Rect{d.x + border * 4, d.y, d.w - border * 8, d.h}, d.h * 3 / 5,
                d.h / 3, theme::number);
}

void TechnicianPainter::paint_rows(const tech::State &state, const tech::Layout &layout) {
  const Rect &body = layout.body;
  const auto &rows = state.diagnostics;
  if (rows.empty())
    return;
  const Metrics &m = layout.metrics;
  const int row_h = std::min(body.h / static_cast<int>(rows.size()), m.px(0.075));
  // Labels get more of a narrow (portrait) page: they are words, values are figures.
  const int label_w = m.portrait ? body.w / 2 : body.w * 2 / 5;
  const Texts &t = texts(state);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &row = rows[i];
    const Rect line{body.x, body.y + static_cast<int>(i) * row_h, body.w, row_h};
    if (i % 2 == 0)
      canvas_.fill(line, theme::button);
    const int dot = row_h / 5;
    canvas_.fill_circle(line.x + row_h / 2, line.center_y(), dot,
                        health_colour(row.health));
    const Rect label{line.x + row_h, line.y, label_w - row_h - m.gap / 2, line.h};
    const Rect value{line.x + label_w, line.y, line.w - label_w - m.gap / 2, line.h};
    canvas_.label(t.get(row.label_key), label, row_h * 2 / 5, row_h / 4, theme::text,
                  Canvas::Align::left);
    // Values are figures and the system's words: regular weight, wrapped
    // inside their column when long (a station's or CUPS's message).
    auto &text = canvas_.text();
    const int size =
        text.fit_size(row.value, Weight::regular, row_h * 2 / 5, value.w, row_h / 4);
    const bool wrap = text.measure(row.value, size, Weight::regular).first > value.w;
    const Rgb colour = row.health == tech::DiagnosticRow::Health::failed
                           ? theme::error_text
                           : theme::text;
    if (const auto *img =
            text.get(row.value, {size, Weight::regular, colour, wrap ? value.w : 0}))
      canvas_.blit(*img, value.x, value.center_y() - img->h / 2);
  }
}

void TechnicianPainter::paint_button(const tech::State &state, const tech::Layout &layout,
                                     const tech::Button &b, bool pressed) {
  const Metrics &m = layout.metrics;
  const Rect &r = b.rect;
  const Colours c = colours_for(b, pressed);
  const int radius = std::max(4, std::min(r.w, r.h) / 8);
  const int border = std::max(2, m.px(0.003));
  canvas_.fill_rounded(r, radius, c.border);
  canvas_.fill_rounded(
      Rect{r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border},
      std::max(2, radius - border), c.fill);
  const int pad = std::max(border * 2, std::min(r.h, r.w) / 10);
  const Rect inner{r.x + pad, r.y + pad / 2, r.w - 2 * pad, r.h - pad};
  const std::string label = b.label_key.empty() ? b.label : texts(state).get(b.label_key);
  const bool big_key = b.kind == tech::ButtonKind::key && b.label_key.empty();
  canvas_.label(label, inner, big_key ? std::min(m.px(0.06), inner.h) : m.px(0.042),
                m.px(0.022), c.text);
}

} // namespace motcua::kiosk::ui
