#include "kiosk/ui/screen_painter.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>

namespace motcua::kiosk::ui {

void ScreenPainter::paint(const State &state, int width, int height) {
  const auto layout = layout_home(width, height, service_ids(state));
  const Metrics &m = layout.metrics;
  fill(Rect{0, 0, width, height}, theme::background);

  // Everything below the title band, inside the margins.
  const Rect body{m.margin, layout.header.bottom() + m.gap, width - 2 * m.margin,
                  height - layout.header.bottom() - m.gap - m.margin};
  const TextStyle message{m.type_px(0.05), Weight::bold, theme::text, body.w};

  switch (state.screen) {
  case Screen::connecting:
    paint_header(state, layout.header, m, texts_.get("home.title"));
    paint_column({{texts_.get("home.connecting"),
                   {m.type_px(0.05), Weight::regular, theme::busy_text, body.w}}},
                 body, m.gap);
    break;
  case Screen::home:
    paint_home(state, layout);
    break;
  case Screen::issuing:
    paint_header(state, layout.header, m, texts_.get("home.title"));
    paint_column({{service_label(state, state.issuing_service_id),
                   {m.type_px(0.06), Weight::bold, theme::text, body.w}},
                  {texts_.get("issuing.message"),
                   {m.type_px(0.05), Weight::regular, theme::busy_text, body.w}}},
                 body, m.gap);
    break;
  case Screen::ticket:
    paint_ticket(state, layout, width, height);
    break;
  case Screen::error: {
    paint_header(state, layout.header, m, texts_.get("home.title"));
    const std::string why =
        state.error == ErrorKind::ticket_refused
            ? texts_.format("error.ticket_refused", {{"reason", state.error_detail}})
            : texts_.get("error.server_unreachable");
    TextStyle error_style = message;
    error_style.color = theme::error_text;
    paint_column({{why, error_style},
                  {texts_.get("error.tap_to_continue"),
                   {m.type_px(0.045), Weight::regular, theme::muted_text, body.w}}},
                 body, m.type_px(0.06));
    break;
  }
  }
}

void ScreenPainter::paint_header(const State &state, const Rect &band, const Metrics &m,
                                 const std::string &title) {
  fill(band, theme::band);
  const int max_w = band.w - 2 * m.margin;
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
  int y = band.y + (band.h - total) / 2;
  for (const auto *img : lines) {
    if (!img)
      continue;
    blit(*img, band.center_x() - img->w / 2, y);
    y += img->h;
  }
}

void ScreenPainter::paint_home(const State &state, const HomeLayout &layout) {
  const Metrics &m = layout.metrics;
  paint_header(state, layout.header, m, texts_.get("home.title"));
  const auto &prompt = texts_.get("home.prompt");
  const int size =
      text_.fit_size(prompt, Weight::regular, m.px(0.045), layout.prompt.w, m.px(0.025));
  if (const auto *img = text_.get(prompt, {size, Weight::regular, theme::text}))
    blit(*img, layout.prompt.center_x() - img->w / 2,
         layout.prompt.center_y() - img->h / 2);
  for (const auto &button : layout.buttons)
    if (const Service *service = state.catalog->find_service(button.service_id))
      paint_service_button(button, *service, m);
}

void ScreenPainter::paint_service_button(const ServiceButton &button,
                                         const Service &service, const Metrics &m) {
  const Rect &r = button.rect;
  const int radius = std::max(4, std::min(r.w, r.h) / 8);
  const int border = std::max(2, m.px(0.003));
  fill_rounded(r, radius, theme::button_border);
  fill_rounded(Rect{r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border},
               std::max(2, radius - border), theme::button);

  const bool stacked = button.stacked();
  const int pad = stacked ? r.h / 10 : r.h / 8;
  const int badge_side = stacked ? r.h * 2 / 5 : r.h - 2 * pad;
  const Rect badge =
      stacked ? Rect{r.center_x() - badge_side / 2, r.y + pad, badge_side, badge_side}
              : Rect{r.x + pad, r.y + pad, badge_side, badge_side};
  fill_rounded(badge, badge_side / 6, theme::badge);
  const int letter_size = badge_side * 3 / 5;
  if (const auto *letter =
          text_.get(service.prefix, {letter_size, Weight::bold, theme::badge_text}))
    // The line box has room for descenders; capitals sit a little above its middle.
    blit(*letter, badge.center_x() - letter->w / 2,
         badge.center_y() - letter->h / 2 - letter_size / 30);

  const std::string &label = service.label.in(texts_.language());
  const Rect text_area = stacked
                             ? Rect{r.x + pad, badge.bottom() + pad / 2, r.w - 2 * pad,
                                    r.bottom() - pad - badge.bottom() - pad / 2}
                             : Rect{badge.right() + pad, r.y + pad,
                                    r.right() - pad - badge.right() - pad, r.h - 2 * pad};
  // Shrink a long label a little; beyond that, wrap it rather than make it small.
  const int min_size = m.px(stacked ? 0.042 : 0.032);
  const int size = text_.fit_size(label, Weight::bold, m.px(0.05), text_area.w, min_size);
  const bool wrap = text_.measure(label, size, Weight::bold).first > text_area.w;
  const auto *img =
      text_.get(label, {size, Weight::bold, theme::button_text, wrap ? text_area.w : 0});
  if (!img)
    return;
  const int x = stacked ? text_area.center_x() - img->w / 2 : text_area.x;
  blit(*img, x, text_area.center_y() - img->h / 2);
}

void ScreenPainter::paint_ticket(const State &state, const HomeLayout &layout, int width,
                                 int height) {
  const Metrics &m = layout.metrics;
  paint_header(state, layout.header, m, texts_.get("ticket.title"));
  if (!state.ticket)
    return;
  const Ticket &ticket = *state.ticket;
  const Rect body{m.margin, layout.header.bottom(), width - 2 * m.margin,
                  height - layout.header.bottom() - m.margin};

  Line status;
  const int status_size = m.type_px(0.045);
  switch (state.print) {
  case PrintStatus::printing:
    status = {texts_.get("ticket.printing"),
              {status_size, Weight::bold, theme::busy_text}};
    break;
  case PrintStatus::printed:
    status = {texts_.get("ticket.printed"), {status_size, Weight::bold, theme::ok_text}};
    break;
  case PrintStatus::failed:
    status = {texts_.get("ticket.print_failed"),
              {status_size, Weight::bold, theme::error_text}};
    break;
  }
  status.style.wrap_width = body.w;

  const std::string ahead =
      texts_.format("ticket.people_ahead", {{"n", std::to_string(ticket.people_ahead)}});
  const std::string wait = texts_.format(
      "ticket.estimated_wait", {{"m", std::to_string(ticket.estimated_wait_minutes)}});
  const TextStyle detail{m.type_px(0.042), Weight::regular, theme::text, body.w};
  const int number_size =
      text_.fit_size(ticket.number, Weight::bold, m.type_px(0.28), body.w, m.px(0.1));

  std::vector<Line> lines{
      {service_label(state, ticket.service_id),
       {m.type_px(0.055), Weight::bold, theme::text, body.w}},
      {ticket.number, {number_size, Weight::bold, theme::number}},
  };
  // People ahead and the wait share a line when it fits, else one line each.
  const std::string joined = ahead + "   ·   " + wait;
  if (text_.measure(joined, detail.size, detail.weight).first <= body.w) {
    lines.push_back({joined, detail});
  } else {
    lines.push_back({ahead, detail});
    lines.push_back({wait, detail});
  }
  lines.push_back(status);
  lines.push_back({texts_.get("ticket.please_wait"),
                   {m.type_px(0.04), Weight::regular, theme::muted_text, body.w}});
  paint_column(lines, body, m.type_px(0.012));
}

void ScreenPainter::paint_column(const std::vector<Line> &lines, const Rect &area,
                                 int gap) {
  std::vector<const TextImage *> images;
  int total = 0;
  for (const auto &line : lines) {
    const auto *img = text_.get(line.text, line.style);
    if (!img)
      continue;
    images.push_back(img);
    total += img->h;
  }
  if (images.empty())
    return;
  total += gap * static_cast<int>(images.size() - 1);
  int y = area.y + std::max(0, (area.h - total) / 2);
  for (const auto *img : images) {
    blit(*img, area.center_x() - img->w / 2, y);
    y += img->h + gap;
  }
}

std::string ScreenPainter::service_label(const State &state,
                                         const std::string &service_id) const {
  const Service *service =
      state.catalog ? state.catalog->find_service(service_id) : nullptr;
  return service ? service->label.in(texts_.language()) : service_id;
}

void ScreenPainter::fill(const Rect &r, Rgb color) {
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, 255);
  const SDL_Rect rect{r.x, r.y, r.w, r.h};
  SDL_RenderFillRect(renderer_, &rect);
}

void ScreenPainter::fill_rounded(const Rect &r, int radius, Rgb color) {
  radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
  std::vector<SDL_Rect> rows;
  rows.reserve(static_cast<std::size_t>(2 * radius + 1));
  for (int dy = 0; dy < radius; ++dy) {
    // Each row of the corner arc, inset by how far the circle is from the edge.
    const double from_centre = radius - dy - 0.5;
    const int inset = radius - static_cast<int>(std::lround(std::sqrt(
                                   double(radius) * radius - from_centre * from_centre)));
    rows.push_back(SDL_Rect{r.x + inset, r.y + dy, r.w - 2 * inset, 1});
    rows.push_back(SDL_Rect{r.x + inset, r.bottom() - 1 - dy, r.w - 2 * inset, 1});
  }
  rows.push_back(SDL_Rect{r.x, r.y + radius, r.w, r.h - 2 * radius});
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, 255);
  SDL_RenderFillRects(renderer_, rows.data(), static_cast<int>(rows.size()));
}

void ScreenPainter::blit(const TextImage &image, int x, int y) {
  const SDL_Rect dst{x, y, image.w, image.h};
  SDL_RenderCopy(renderer_, image.texture, nullptr, &dst);
}

} // namespace motcua::kiosk::ui
