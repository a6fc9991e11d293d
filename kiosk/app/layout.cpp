#include "kiosk/app/layout.hpp"

#include <algorithm>
#include <cmath>

namespace motcua::kiosk {

int Metrics::px(double fraction_of_short_side) const {
  return static_cast<int>(std::lround(short_side * fraction_of_short_side));
}

int Metrics::type_px(double fraction_of_short_side) const {
  return px(fraction_of_short_side * type_scale);
}

Metrics metrics_for(int width, int height) {
  Metrics m;
  m.short_side = std::max(1, std::min(width, height));
  m.portrait = height > width;
  if (m.portrait)
    m.type_scale = std::clamp(0.75 * height / std::max(1, width), 1.0, 1.3);
  m.margin = m.px(0.04);
  m.gap = m.px(0.025);
  return m;
}

int min_button_px(int width, int height) {
  const double diagonal_px = std::hypot(double(width), double(height));
  const double px_per_mm = diagonal_px / (21.5 * 25.4);
  return static_cast<int>(std::ceil(15.0 * px_per_mm));
}

const Button *ScreenLayout::find(std::string_view id) const {
  auto i = index_of(id);
  return i ? &buttons[*i] : nullptr;
}

std::optional<std::size_t> ScreenLayout::index_of(std::string_view id) const {
  for (std::size_t i = 0; i < buttons.size(); ++i)
    if (buttons[i].id == id)
      return i;
  return std::nullopt;
}

std::optional<std::size_t> button_at(const ScreenLayout &layout, int x, int y) {
  for (std::size_t i = 0; i < layout.buttons.size(); ++i)
    if (layout.buttons[i].rect.contains(x, y))
      return i;
  return std::nullopt;
}

Event tap_event(const ScreenLayout &layout, int x, int y) {
  if (auto i = button_at(layout, x, y); i && layout.buttons[*i].enabled)
    return layout.buttons[*i].event;
  return ScreenTapped{};
}

namespace {

bool shows_language_toggle(Screen s) {
  return s != Screen::connecting && s != Screen::issuing && s != Screen::attract;
}

bool shows_home_button(const State &s) {
  switch (s.screen) {
  case Screen::services:
  case Screen::priority:
  case Screen::rating:
  case Screen::reasons:
  case Screen::ticket_entry:
    return !at_home(s);
  default:
    return false;
  }
}

void add(ScreenLayout &l, ButtonKind kind, Rect r, Event e, std::string id,
         bool enabled = true, bool selected = false) {
  l.buttons.push_back(Button{kind, r, std::move(e), std::move(id), enabled, selected});
}

void layout_choice(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  const int columns = m.portrait ? 1 : 2;
  auto cells = grid(l.body, 2, columns, m.gap * 2, m.px(m.portrait ? 0.5 : 0.55));
  add(l, ButtonKind::choice, cells[0], ArrivalChosen{}, "arrival",
      !s.settings.out_of_service);
  add(l, ButtonKind::choice, cells[1], DepartureChosen{}, "departure");
}

void layout_services(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  auto ids = service_ids(s);
  auto cells = grid(l.body, static_cast<int>(ids.size()), 2, m.gap,
                    m.px(m.portrait ? 0.34 : 0.22));
  for (std::size_t i = 0; i < ids.size(); ++i)
    add(l, ButtonKind::service, cells[i], ServiceTapped{ids[i], {}}, "service:" + ids[i],
        !service_closed(s, ids[i]));
}

void layout_priority(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  auto groups = offered_priority_groups(s);
  auto [top, skip] = cut_bottom(l.body, m.px(m.portrait ? 0.2 : 0.16), m.gap * 2);
  auto cells =
      grid(top, static_cast<int>(groups.size()), m.portrait ? 1 : 2, m.gap, m.px(0.18));
  for (std::size_t i = 0; i < groups.size(); ++i)
    add(l, ButtonKind::priority, cells[i], PriorityChosen{groups[i]->id},
        "priority:" + groups[i]->id);
  add(l, ButtonKind::skip, skip, PriorityChosen{std::nullopt}, "priority:none");
}

void layout_rating(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  auto levels = rating_level_keys(s.settings.rating_levels);
  const int n = static_cast<int>(levels.size());
  // A row of faces side by side in landscape, a column of wide rows in portrait.
  auto cells = m.portrait ? grid(l.body, n, 1, m.gap, m.px(0.3))
                          : grid(l.body, n, n, m.gap, m.px(0.55));
  for (int i = 0; i < n; ++i)
    add(l, ButtonKind::level, cells[i], LevelTapped{levels[i]}, "level:" + levels[i]);
}

void layout_reasons(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  auto [top, actions] = cut_bottom(l.body, m.px(0.15), m.gap * 2);
  const auto &reasons = s.settings.rating_reasons;
  auto cells = grid(top, static_cast<int>(reasons.size()), 2, m.gap, m.px(0.16));
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const bool on =
        std::find(s.reasons.begin(), s.reasons.end(), reasons[i]) != s.reasons.end();
    add(l, ButtonKind::chip, cells[i], ReasonToggled{reasons[i]}, "reason:" + reasons[i],
        true, on);
  }
  auto [skip, send] = split_columns(actions, m.gap * 2);
  add(l, ButtonKind::secondary, skip, ReasonsDone{false}, "skip");
  add(l, ButtonKind::primary, send, ReasonsDone{true}, "send");
}

void layout_keypad(const State &s, ScreenLayout &l) {
  const Metrics &m = l.metrics;
  std::vector<char> letters;
  if (s.catalog)
    for (const auto &service : s.catalog->services)
      if (service.prefix.size() == 1 &&
          std::find(letters.begin(), letters.end(), service.prefix[0]) == letters.end())
        letters.push_back(service.prefix[0]);
  const int letter_rows = (static_cast<int>(letters.size()) + 3) / 4;
  const int rows = letter_rows + 4;

  Rect keys, side;
  if (m.portrait) {
    auto [display, rest] = cut_top(l.body, m.px(0.16), m.gap);
    auto [k, actions] = cut_bottom(rest, m.px(0.15), m.gap * 2);
    l.display = display;
    keys = k;
    side = actions;
  } else {
    auto [left, right] = split_columns(l.body, m.gap * 3);
    auto [display, rest] = cut_top(left, m.px(0.16), m.gap * 2);
    l.display = display;
    keys = right;
    side = cut_bottom(rest, m.px(0.15), m.gap).second;
  }
  // Square-ish keys: as tall as the rows allow, no wider than needed.
  const int key_h = std::min((keys.h - (rows - 1) * m.gap) / rows, m.px(0.16));
  const int key_w = std::min((keys.w - 3 * m.gap) / 4, key_h * 2);
  const int pad_w = 4 * key_w + 3 * m.gap;
  const int pad_h = rows * key_h + (rows - 1) * m.gap;
  const int x0 = keys.x + (keys.w - pad_w) / 2;
  const int y0 = keys.y + std::max(0, (keys.h - pad_h) / 2);
  auto cell = [&](int row, int column) {
    return Rect{x0 + column * (key_w + m.gap), y0 + row * (key_h + m.gap), key_w, key_h};
  };
  for (std::size_t i = 0; i < letters.size(); ++i)
    add(l, ButtonKind::key, cell(static_cast<int>(i) / 4, static_cast<int>(i) % 4),
        KeypadPressed{letters[i]}, std::string("key:") + letters[i]);
  // Digits as on a phone, 1 2 3 / 4 5 6 / 7 8 9 / 0, erase in the fourth column.
  const char digits[] = "1234567890";
  for (int i = 0; i < 10; ++i) {
    const int row = letter_rows + (i < 9 ? i / 3 : 3);
    const int column = i < 9 ? i % 3 : 1;
    add(l, ButtonKind::key, cell(row, column), KeypadPressed{digits[i]},
        std::string("key:") + digits[i]);
  }
  add(l, ButtonKind::key, cell(letter_rows, 3), KeypadPressed{'<'}, "key:erase");
  const bool valid = normalise_ticket_number(s, s.entry).has_value();
  auto [skip, ok] = split_columns(side, m.gap * 2);
  add(l, ButtonKind::secondary, skip, TicketEntryDone{true}, "skip");
  add(l, ButtonKind::primary, ok, TicketEntryDone{false}, "ok", valid);
}

} // namespace

ScreenLayout layout_screen(const State &state, int width, int height) {
  ScreenLayout l;
  const Metrics m = metrics_for(width, height);
  l.metrics = m;
  // Portrait bands are taller: the title gets the full width, the band's
  // buttons a row of their own beneath it.
  const int band_pad = m.px(0.02);
  const int band_button_h = m.portrait ? m.px(0.085) : m.px(0.16) - 2 * m.px(0.025);
  const int band_button_w = m.px(m.portrait ? 0.26 : 0.3);
  l.header = Rect{0, 0, width, m.portrait ? m.px(0.27) : m.px(0.16)};
  const int button_y = m.portrait ? l.header.h - band_pad - band_button_h
                                  : (l.header.h - band_button_h) / 2;
  int title_inset = m.margin;
  if (shows_language_toggle(state.screen)) {
    add(l, ButtonKind::language,
        Rect{width - m.margin - band_button_w, button_y, band_button_w, band_button_h},
        LanguageToggled{}, "language");
    if (!m.portrait)
      title_inset = m.margin + band_button_w + m.gap;
  }
  if (shows_home_button(state))
    add(l, ButtonKind::home, Rect{m.margin, button_y, band_button_w, band_button_h},
        HomePressed{}, "home");
  l.title = m.portrait ? Rect{m.margin, 0, width - 2 * m.margin, button_y}
                       : Rect{title_inset, 0, width - 2 * title_inset, l.header.h};
  l.footer = Rect{m.margin, height - m.margin / 2 - m.px(0.06), width - 2 * m.margin,
                  m.px(0.06)};
  l.prompt = Rect{m.margin, l.header.bottom() + m.gap, width - 2 * m.margin,
                  m.px(m.portrait ? 0.1 : 0.08)};
  l.body = Rect{m.margin, l.prompt.bottom() + m.gap, width - 2 * m.margin,
                std::max(0, l.footer.y - m.gap / 2 - l.prompt.bottom() - m.gap)};

  switch (state.screen) {
  case Screen::home:
    layout_choice(state, l);
    break;
  case Screen::services:
    layout_services(state, l);
    break;
  case Screen::priority:
    layout_priority(state, l);
    break;
  case Screen::rating:
    layout_rating(state, l);
    break;
  case Screen::reasons:
    layout_reasons(state, l);
    break;
  case Screen::ticket_entry:
    layout_keypad(state, l);
    break;
  default:
    break;
  }
  return l;
}

} // namespace motcua::kiosk
