#include "kiosk/ui/screen_painter.hpp"

#include "kiosk/app/receipt_content.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>

namespace motcua::kiosk::ui {

namespace {

struct Colours {
  Rgb fill, border, text;
};

Colours colours_for(const Button &b, bool pressed) {
  if (!b.enabled)
    return {theme::disabled, theme::disabled_border, theme::disabled_text};
  switch (b.kind) {
  case ButtonKind::language:
  case ButtonKind::home:
    return {pressed ? theme::band_button_pressed : theme::band_button, theme::band_text,
            theme::band_text};
  case ButtonKind::primary:
  case ButtonKind::skip:
    return {pressed ? theme::primary_pressed : theme::primary, theme::primary,
            theme::primary_text};
  case ButtonKind::chip:
    if (b.selected)
      return {pressed ? theme::primary_pressed : theme::primary, theme::primary,
              theme::primary_text};
    [[fallthrough]];
  default:
    return {pressed ? theme::button_pressed : theme::button, theme::button_border,
            theme::button_text};
  }
}

Rgb face_colour(const std::string &level) {
  if (level == "very_satisfied")
    return {0x66, 0xBB, 0x6A};
  if (level == "satisfied")
    return {0xAE, 0xD5, 0x81};
  if (level == "neutral")
    return {0xFF, 0xD5, 0x4F};
  if (level == "dissatisfied")
    return {0xFF, 0xB7, 0x4D};
  return {0xE5, 0x73, 0x73};
}

// How much the mouth curves: +1 a broad smile, -1 a deep frown.
double smile(const std::string &level) {
  if (level == "very_satisfied")
    return 1.0;
  if (level == "satisfied")
    return 0.5;
  if (level == "neutral")
    return 0.0;
  if (level == "dissatisfied")
    return -0.5;
  return -1.0;
}

} // namespace

const Texts &ScreenPainter::texts(const State &state) const {
  if (auto it = texts_.find(state.language); it != texts_.end())
    return it->second;
  return texts_.begin()->second;
}

void ScreenPainter::paint(const State &state, int width, int height,
                          std::optional<std::size_t> pressed) {
  text_.trim();
  const auto layout = layout_screen(state, width, height);
  const Metrics &m = layout.metrics;
  const Texts &t = texts(state);
  const Rect below_band{m.margin, layout.header.bottom() + m.gap, width - 2 * m.margin,
                        layout.footer.y - layout.header.bottom() - m.gap};
  const int message = m.type_px(0.05);
  const int note = m.type_px(0.04);

  if (state.screen == Screen::attract) {
    fill(Rect{0, 0, width, height}, theme::attract_background);
    std::vector<Line> lines;
    if (state.catalog && !state.catalog->station_name.empty())
      lines.push_back({state.catalog->station_name,
                       {m.type_px(0.05), Weight::bold, theme::band_text, below_band.w}});
    lines.push_back(
        {t.get("attract.title"),
         {m.type_px(0.04), Weight::regular, theme::band_subtext, below_band.w}});
    lines.push_back({t.get("attract.message"),
                     {m.type_px(0.06), Weight::bold, theme::band_text, below_band.w}});
    paint_column(lines, Rect{0, 0, width, height}, m.type_px(0.04));
    return;
  }

  fill(Rect{0, 0, width, height}, theme::background);
  switch (state.screen) {
  case Screen::connecting:
    paint_band(state, layout, t.get("home.title"));
    paint_column({{t.get("home.connecting"),
                   {message, Weight::regular, theme::busy_text, below_band.w}}},
                 below_band, m.gap);
    break;
  case Screen::home:
    paint_band(state, layout, t.get("choice.title"));
    paint_prompt(layout, t.get("choice.prompt"), theme::text);
    break;
  case Screen::services: {
    paint_band(state, layout, t.get("home.title"));
    // When nothing can issue, the prompt says why instead of inviting a tap;
    // a printer that cannot print is said before the citizen taps.
    if (auto all = service_closed(state, "*"))
      paint_prompt(layout,
                   t.get("service.closed." + std::string(closed_reason_key(*all))),
                   theme::error_text);
    else if (printer_blocked(state))
      paint_prompt(
          layout,
          t.format("printer.notice",
                   {{"problem", std::string(state.printer.message(t.language()))}}),
          theme::error_text);
    else
      paint_prompt(layout, t.get("home.prompt"), theme::text);
    break;
  }
  case Screen::priority:
    paint_band(state, layout, t.get("priority.title"));
    paint_prompt(layout, t.get("priority.prompt"), theme::text);
    break;
  case Screen::issuing:
    paint_band(state, layout, t.get("home.title"));
    paint_column({{service_label(state, state.issuing_service_id),
                   {m.type_px(0.06), Weight::bold, theme::text, below_band.w}},
                  {t.get("issuing.message"),
                   {message, Weight::regular, theme::busy_text, below_band.w}}},
                 below_band, m.gap);
    break;
  case Screen::ticket:
    paint_ticket(state, layout);
    break;
  case Screen::error: {
    paint_band(state, layout, t.get("home.title"));
    const std::string why =
        state.error == ErrorKind::ticket_refused
            ? t.format("error.ticket_refused", {{"reason", state.error_detail}})
        : state.error == ErrorKind::no_offline_numbers
            ? t.format("error.no_offline_numbers",
                       {{"service", service_label(state, state.error_service_id)}})
            : t.get("error.server_unreachable");
    paint_column({{why, {message, Weight::bold, theme::error_text, below_band.w}},
                  {t.get("error.tap_to_continue"),
                   {note, Weight::regular, theme::muted_text, below_band.w}}},
                 below_band, m.type_px(0.06));
    break;
  }
  case Screen::closed: {
    paint_band(state, layout, t.get("closed.title"));
    const std::string why =
        t.format("closed." + std::string(closed_reason_key(state.closed_reason)),
                 {{"service", service_label(state, state.closed_service_id)}});
    paint_column({{why, {message, Weight::bold, theme::error_text, below_band.w}},
                  {t.get("error.tap_to_continue"),
                   {note, Weight::regular, theme::muted_text, below_band.w}}},
                 below_band, m.type_px(0.06));
    break;
  }
  case Screen::rating: {
    paint_band(state, layout, t.get("rating.title"));
    std::string prompt = t.get("rating.prompt");
    if (state.linked_ticket)
      prompt =
          t.format("rating.linked", {{"number", *state.linked_ticket}}) + " — " + prompt;
    paint_prompt(layout, prompt, theme::text);
    break;
  }
  case Screen::reasons:
    paint_band(state, layout, t.get("rating.title"));
    paint_prompt(layout, t.get("reasons.prompt"), theme::text);
    break;
  case Screen::ticket_entry:
    paint_band(state, layout, t.get("entry.title"));
    paint_prompt(layout, t.get("entry.prompt"), theme::text);
    paint_keypad_display(state, layout);
    break;
  case Screen::thanks:
    paint_band(state, layout, t.get("rating.title"));
    paint_column({{t.get("thanks.title"),
                   {m.type_px(0.1), Weight::bold, theme::ok_text, below_band.w}},
                  {t.get("thanks.message"),
                   {message, Weight::regular, theme::text, below_band.w}}},
                 below_band, m.type_px(0.04));
    break;
  case Screen::attract:
    break;
  }
  for (std::size_t i = 0; i < layout.buttons.size(); ++i)
    paint_button(state, layout, layout.buttons[i], pressed == i);
  paint_countdown(state, layout);
}

void ScreenPainter::paint_band(const State &state, const ScreenLayout &layout,
                               const std::string &title) {
  const Metrics &m = layout.metrics;
  const Rect &band = layout.header;
  fill(band, theme::band);
  const int max_w = layout.title.w;
  std::vector<const TextImage *> lines;
  if (state.catalog && !state.catalog->station_name.empty()) {
    const auto &name = state.catalog->station_name;
    const int size =
        text_.fit_size(name, Weight::regular, m.px(0.034), max_w, m.px(0.02));
    lines.push_back(text_.get(name, {size, Weight::regular, theme::band_subtext}));
  }
  const int title_size =
      text_.fit_size(title, Weight::bold, m.px(0.06), max_w, m.px(0.03));
  lines.push_back(text_.get(title, {title_size, Weight::bold, theme::band_text}));

  int total = 0;
  for (const auto *img : lines)
    total += img ? img->h : 0;
  int y = layout.title.y + (layout.title.h - total) / 2;
  for (const auto *img : lines) {
    if (!img)
      continue;
    blit(*img, layout.title.center_x() - img->w / 2, y);
    y += img->h;
  }
}

void ScreenPainter::paint_prompt(const ScreenLayout &layout, const std::string &text,
                                 Rgb color) {
  const Metrics &m = layout.metrics;
  const Rect &r = layout.prompt;
  // Shrink a long prompt a little, then wrap it onto two lines.
  const int size = text_.fit_size(text, Weight::regular, m.px(0.045), r.w, m.px(0.032));
  const bool wrap = text_.measure(text, size, Weight::regular).first > r.w;
  if (const auto *img = text_.get(text, {size, Weight::regular, color, wrap ? r.w : 0}))
    blit(*img, r.center_x() - img->w / 2, r.center_y() - img->h / 2);
}

void ScreenPainter::paint_label(const std::string &label, const Rect &area, int max_size,
                                int min_size, Rgb color, Align align) {
  canvas_.label(label, area, max_size, min_size, color, align);
}

void ScreenPainter::paint_button(const State &state, const ScreenLayout &layout,
                                 const Button &b, bool pressed) {
  const Metrics &m = layout.metrics;
  const Texts &t = texts(state);
  const Rect &r = b.rect;
  const Colours c = colours_for(b, pressed);
  const int radius = std::max(4, std::min(r.w, r.h) / 8);
  const int border = std::max(2, m.px(0.003));
  fill_rounded(r, radius, c.border);
  fill_rounded(Rect{r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border},
               std::max(2, radius - border), c.fill);
  const int pad = std::max(border * 2, std::min(r.h, r.w) / 10);
  const Rect inner{r.x + pad, r.y + pad / 2, r.w - 2 * pad, r.h - pad};

  switch (b.kind) {
  case ButtonKind::language:
    paint_label(t.get("common.language"), inner, m.px(0.04), m.px(0.022), c.text);
    break;
  case ButtonKind::home:
    paint_label(t.get("common.home"), inner, m.px(0.04), m.px(0.022), c.text);
    break;
  case ButtonKind::choice: {
    const bool arrival = b.id == "arrival";
    std::string hint = t.get(arrival ? "choice.arrival_hint" : "choice.departure_hint");
    if (arrival && state.settings.out_of_service)
      hint = t.get("service.closed.out_of_service");
    const Rect top{inner.x, inner.y, inner.w, inner.h * 3 / 5};
    const Rect bottom{inner.x, top.bottom(), inner.w, inner.h - top.h};
    paint_label(t.get(arrival ? "choice.arrival" : "choice.departure"), top,
                m.type_px(0.08), m.px(0.045), c.text);
    const int size =
        text_.fit_size(hint, Weight::regular, m.type_px(0.045), bottom.w, m.px(0.03));
    if (const auto *img = text_.get(hint, {size, Weight::regular, c.text, bottom.w}))
      blit(*img, bottom.center_x() - img->w / 2, bottom.y);
    break;
  }
  case ButtonKind::service:
    paint_service(state, b, m, c.text);
    break;
  case ButtonKind::priority: {
    const auto *g =
        state.catalog ? state.catalog->find_priority_group(b.id.substr(9)) : nullptr;
    paint_label(g ? g->label.in(state.language) : b.id, inner, m.px(0.05), m.px(0.032),
                c.text);
    break;
  }
  case ButtonKind::skip:
    paint_label(t.get("priority.skip"), inner, m.px(0.055), m.px(0.035), c.text);
    break;
  case ButtonKind::level:
    paint_level(state, b, m, c.text);
    break;
  case ButtonKind::chip: {
    const std::string label = t.get("reason." + b.id.substr(7));
    paint_label(label, inner, m.px(0.048), m.px(0.03), c.text);
    break;
  }
  case ButtonKind::primary:
  case ButtonKind::secondary: {
    const std::string key =
        state.screen == Screen::reasons
            ? (b.kind == ButtonKind::primary ? "reasons.send" : "reasons.skip")
            : (b.kind == ButtonKind::primary ? "entry.ok" : "entry.skip");
    paint_label(t.get(key), inner, m.px(0.055), m.px(0.035), c.text);
    break;
  }
  case ButtonKind::key: {
    if (b.id == "key:erase")
      paint_label(t.get("entry.erase"), inner, m.px(0.04), m.px(0.022), c.text);
    else
      paint_label(b.id.substr(4), inner, std::min(m.px(0.07), inner.h), m.px(0.03),
                  c.text);
    break;
  }
  }
}

void ScreenPainter::paint_service(const State &state, const Button &b, const Metrics &m,
                                  Rgb fg) {
  const Rect &r = b.rect;
  const std::string id = b.id.substr(8);
  const Service *service = state.catalog ? state.catalog->find_service(id) : nullptr;
  if (!service)
    return;
  const Texts &t = texts(state);
  const bool stacked = b.stacked();
  const int pad = stacked ? r.h / 10 : r.h / 8;
  const int badge_side = stacked ? r.h * 2 / 5 : r.h - 2 * pad;
  const Rect badge =
      stacked ? Rect{r.center_x() - badge_side / 2, r.y + pad, badge_side, badge_side}
              : Rect{r.x + pad, r.y + pad, badge_side, badge_side};
  fill_rounded(badge, badge_side / 6, b.enabled ? theme::badge : theme::disabled_text);
  const int letter_size = badge_side * 3 / 5;
  if (const auto *letter =
          text_.get(service->prefix, {letter_size, Weight::bold, theme::badge_text}))
    // The line box has room for descenders; capitals sit a little above its middle.
    blit(*letter, badge.center_x() - letter->w / 2,
         badge.center_y() - letter->h / 2 - letter_size / 30);

  // Under the label: why it is closed, or how many wait when known.
  std::string detail;
  Rgb detail_colour = fg;
  if (auto closed = service_closed(state, id)) {
    detail = t.get("service.closed." + std::string(closed_reason_key(*closed)));
    detail_colour = theme::error_text;
  } else if (auto w = state.waiting.find(id); w != state.waiting.end()) {
    detail = t.format("service.waiting", {{"n", std::to_string(w->second)}});
  }
  Rect text_area = stacked ? Rect{r.x + pad, badge.bottom() + pad / 2, r.w - 2 * pad,
                                  r.bottom() - pad - badge.bottom() - pad / 2}
                           : Rect{badge.right() + pad, r.y + pad,
                                  r.right() - pad - badge.right() - pad, r.h - 2 * pad};
  if (!detail.empty()) {
    const int size = m.px(0.03);
    const Rect line{text_area.x, text_area.bottom() - size * 3 / 2, text_area.w,
                    size * 3 / 2};
    text_area.h -= line.h;
    const int fitted = text_.fit_size(detail, Weight::regular, size, line.w, m.px(0.02));
    if (const auto *img = text_.get(detail, {fitted, Weight::regular, detail_colour}))
      blit(*img, stacked ? line.center_x() - img->w / 2 : line.x,
           line.center_y() - img->h / 2);
  }
  const std::string &label = service->label.in(state.language);
  paint_label(label, text_area, m.px(0.05), m.px(stacked ? 0.036 : 0.032), fg,
              stacked ? Align::centre : Align::left);
}

void ScreenPainter::paint_level(const State &state, const Button &b, const Metrics &m,
                                Rgb fg) {
  const Rect &r = b.rect;
  const std::string level = b.id.substr(6);
  const std::string label = texts(state).get("level." + level);
  if (r.w >= r.h * 2) { // a wide row: face on the left, label beside it
    const int radius = r.h * 2 / 5;
    const int cx = r.x + r.h / 2 + r.h / 10;
    paint_face(level, cx, r.center_y(), radius);
    const Rect area{cx + radius + m.gap, r.y, r.right() - cx - radius - 2 * m.gap, r.h};
    paint_label(label, area, m.type_px(0.06), m.px(0.035), fg);
    return;
  }
  const int label_h = r.h / 4;
  const int radius = std::min(r.w * 2 / 5, (r.h - label_h) * 2 / 5);
  paint_face(level, r.center_x(), r.y + (r.h - label_h) / 2 + r.h / 20, radius);
  paint_label(
      label,
      Rect{r.x + m.gap / 2, r.bottom() - label_h - m.gap / 2, r.w - m.gap, label_h},
      m.px(0.045), m.px(0.028), fg);
}

void ScreenPainter::paint_face(const std::string &level, int cx, int cy, int radius) {
  fill_circle(cx, cy, radius, theme::face_feature);
  fill_circle(cx, cy, radius - std::max(2, radius / 30), face_colour(level));
  const int eye = std::max(2, radius / 8);
  fill_circle(cx - radius * 2 / 5, cy - radius / 4, eye, theme::face_feature);
  fill_circle(cx + radius * 2 / 5, cy - radius / 4, eye, theme::face_feature);
  // The mouth: a parabola of small dots, curving up for a smile, down for a frown.
  const double curve = smile(level);
  const int pen = std::max(2, radius / 14);
  const int half = radius / 2;
  const int mouth_y = cy + radius * 2 / 5;
  for (int dx = -half; dx <= half; dx += std::max(1, pen / 2)) {
    const double u = double(dx) / half;
    const int dy = static_cast<int>(std::lround(curve * radius * 0.22 * (0.5 - u * u)));
    fill_circle(cx + dx, mouth_y + dy, pen, theme::face_feature);
  }
}

void ScreenPainter::paint_ticket(const State &state, const ScreenLayout &layout) {
  const Metrics &m = layout.metrics;
  const Texts &t = texts(state);
  paint_band(state, layout, t.get("ticket.title"));
  if (!state.ticket)
    return;
  const Ticket &ticket = *state.ticket;
  const Rect body{m.margin, layout.header.bottom(), layout.header.w - 2 * m.margin,
                  layout.footer.y - layout.header.bottom()};

  Line status;
  const int status_size = m.type_px(0.045);
  switch (state.print) {
  case PrintStatus::printing:
    status = {t.get("ticket.printing"), {status_size, Weight::bold, theme::busy_text}};
    break;
  case PrintStatus::printed:
    status = {t.get("ticket.printed"), {status_size, Weight::bold, theme::ok_text}};
    break;
  case PrintStatus::failed:
    status = {t.get("ticket.print_failed"),
              {status_size, Weight::bold, theme::error_text}};
    break;
  }
  status.style.wrap_width = body.w;

  // The same words as the paper ticket ("next in line" when nobody is ahead).
  const std::vector<std::string> waiting = wait_lines(ticket, t);
  const TextStyle detail{m.type_px(0.042), Weight::regular, theme::text, body.w};
  const int number_size =
      text_.fit_size(ticket.number, Weight::bold, m.type_px(0.28), body.w, m.px(0.1));

  std::vector<Line> lines{
      {service_label(state, ticket.service_id),
       {m.type_px(0.055), Weight::bold, theme::text, body.w}},
      {ticket.number, {number_size, Weight::bold, theme::number}},
  };
  if (ticket.priority_group && state.catalog)
    if (const auto *g = state.catalog->find_priority_group(*ticket.priority_group))
      lines.push_back({g->label.in(state.language), detail});
  // People ahead and the wait share a line when it fits, else one line each.
  const std::string joined =
      waiting.size() == 2 ? waiting[0] + "   ·   " + waiting[1] : waiting.front();
  if (text_.measure(joined, detail.size, detail.weight).first <= body.w) {
    lines.push_back({joined, detail});
  } else {
    for (const auto &line : waiting)
      lines.push_back({line, detail});
  }
  lines.push_back(status);
  lines.push_back({t.get("ticket.please_wait"),
                   {m.type_px(0.04), Weight::regular, theme::muted_text, body.w}});
  paint_column(lines, body, m.type_px(0.012));
}

void ScreenPainter::paint_keypad_display(const State &state, const ScreenLayout &layout) {
  const Metrics &m = layout.metrics;
  const Rect &d = layout.display;
  const int border = std::max(2, m.px(0.004));
  fill_rounded(d, d.h / 6, theme::button_border);
  fill_rounded(Rect{d.x + border, d.y + border, d.w - 2 * border, d.h - 2 * border},
               d.h / 6 - border, theme::background);
  const std::string shown = state.entry.empty() ? "_" : state.entry;
  if (const auto *img = text_.get(shown, {d.h * 3 / 5, Weight::bold, theme::number}))
    blit(*img, d.center_x() - img->w / 2, d.center_y() - img->h / 2);
  if (state.entry_rejected_rated) {
    const std::string text = texts(state).format(
        "entry.already_rated",
        {{"number", normalise_ticket_number(state, state.entry).value_or(state.entry)}});
    const Rect below{d.x, d.bottom() + m.gap / 2, d.w, m.px(0.1)};
    paint_label(text, below, m.px(0.04), m.px(0.025), theme::error_text);
  }
}

void ScreenPainter::paint_countdown(const State &state, const ScreenLayout &layout) {
  if (state.countdown_seconds <= 0)
    return;
  const Metrics &m = layout.metrics;
  const std::string text = texts(state).format(
      "common.countdown", {{"s", std::to_string(state.countdown_seconds)}});
  const Rect &f = layout.footer;
  const int size = text_.fit_size(text, Weight::bold, m.px(0.04), f.w, m.px(0.022));
  if (const auto *img = text_.get(text, {size, Weight::bold, theme::muted_text}))
    blit(*img, f.center_x() - img->w / 2, f.center_y() - img->h / 2);
}

void ScreenPainter::paint_column(const std::vector<Line> &lines, const Rect &area,
                                 int gap) {
  canvas_.column(lines, area, gap);
}

std::string ScreenPainter::service_label(const State &state,
                                         const std::string &service_id) const {
  const Service *service =
      state.catalog ? state.catalog->find_service(service_id) : nullptr;
  return service ? service->label.in(state.language) : service_id;
}

void ScreenPainter::fill(const Rect &r, Rgb color) { canvas_.fill(r, color); }

void ScreenPainter::fill_rounded(const Rect &r, int radius, Rgb color) {
  canvas_.fill_rounded(r, radius, color);
}

void ScreenPainter::fill_circle(int cx, int cy, int radius, Rgb color) {
  canvas_.fill_circle(cx, cy, radius, color);
}

void ScreenPainter::blit(const TextImage &image, int x, int y) {
  canvas_.blit(image, x, y);
}

} // namespace motcua::kiosk::ui
