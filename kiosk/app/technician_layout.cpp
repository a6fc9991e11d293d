#include "kiosk/app/technician_layout.hpp"

#include <algorithm>

namespace motcua::kiosk::tech {

const Button *Layout::find(std::string_view id) const {
  for (const auto &b : buttons)
    if (b.id == id)
      return &b;
  return nullptr;
}

std::optional<std::size_t> Layout::at(int x, int y) const {
  for (std::size_t i = 0; i < buttons.size(); ++i)
    if (buttons[i].rect.contains(x, y))
      return i;
  return std::nullopt;
}

Event tap_event(const Layout &layout, int x, int y) {
  if (auto i = layout.at(x, y); i && layout.buttons[*i].enabled)
    return layout.buttons[*i].event;
  return Touched{};
}

namespace {

void add(Layout &l, ButtonKind kind, Rect rect, Event event, std::string id,
         std::string label_key, bool enabled = true, bool selected = false) {
  l.buttons.push_back(Button{kind,
                             rect,
                             std::move(event),
                             std::move(id),
                             std::move(label_key),
                             {},
                             enabled,
                             selected});
}

void add_key(Layout &l, Rect rect, char key, std::string id, bool enabled) {
  Button b{ButtonKind::key,     rect,   Key{key}, std::move(id), {},
           std::string(1, key), enabled};
  if (key == '<') {
    b.label.clear();
    b.label_key = "tech.key.erase";
  }
  l.buttons.push_back(std::move(b));
}

// Digits as on a phone: 1 2 3 / 4 5 6 / 7 8 9 / erase 0 OK.
void pin_pad(Layout &l, const State &s, Rect area) {
  const Metrics &m = l.metrics;
  const bool usable = s.pin_set && !s.checking && !s.locked_until;
  auto [display, keys] = cut_top(area, m.px(0.12), m.gap);
  const int key_h = std::min((keys.h - 3 * m.gap) / 4, m.px(0.14));
  const int key_w = std::min((keys.w - 2 * m.gap) / 3, key_h * 2);
  const int pad_w = 3 * key_w + 2 * m.gap;
  l.display = Rect{display.center_x() - pad_w / 2, display.y, pad_w, display.h};
  const Rect pad{keys.center_x() - pad_w / 2, keys.y, pad_w, 4 * key_h + 3 * m.gap};
  const auto cells = grid(pad, 12, 3, m.gap, key_h);
  const char keys_in_order[] = "123456789<0";
  for (int i = 0; i < 11; ++i) {
    const char k = keys_in_order[i];
    add_key(l, cells[i], k, k == '<' ? "pin:erase" : std::string("pin:") + k, usable);
  }
  add(l, ButtonKind::primary, cells[11], Submit{}, "pin:ok", "tech.pin.ok",
      usable && s.entry.size() >= static_cast<std::size_t>(4));
}

void diagnostics_page(Layout &l, Rect area) {
  const Metrics &m = l.metrics;
  Rect side;
  if (m.portrait) {
    auto [rows, buttons] = cut_bottom(area, 2 * m.px(0.13) + m.gap, m.gap * 2);
    l.body = rows;
    side = buttons;
  } else {
    const int side_w = area.w * 3 / 10;
    l.body = Rect{area.x, area.y, area.w - side_w - m.gap * 2, area.h};
    side = Rect{area.right() - side_w, area.y, side_w, area.h};
  }
  const auto cells = grid(side, 4, m.portrait ? 2 : 1, m.gap, m.px(0.13));
  add(l, ButtonKind::action, cells[0], Refresh{}, "tech:refresh", "tech.diag.refresh");
  add(l, ButtonKind::action, cells[1], Show{Screen::settings}, "tech:settings",
      "tech.menu.settings");
  add(l, ButtonKind::action, cells[2], Show{Screen::enroll}, "tech:enroll",
      "tech.menu.enroll");
  add(l, ButtonKind::primary, cells[3], Leave{}, "tech:leave", "tech.menu.leave");
}

void settings_page(Layout &l, const State &s, Rect area) {
  const Metrics &m = l.metrics;
  const int heading_h = m.px(0.06);
  const int choice_h = m.px(0.13);
  auto [mode_heading, rest] = cut_top(area, heading_h, m.gap / 2);
  l.headings.push_back({mode_heading, "tech.settings.mode"});
  auto [mode_row, rest2] = cut_top(rest, choice_h, m.gap * 2);
  const auto modes = grid(mode_row, 3, 3, m.gap, choice_h);
  const KioskMode all[] = {KioskMode::arrival, KioskMode::departure, KioskMode::both};
  for (int i = 0; i < 3; ++i) {
    const std::string name(mode_name(all[i]));
    add(l, ButtonKind::choice, modes[i], ModeChosen{all[i]}, "mode:" + name,
        "tech.mode." + name, true, s.mode == all[i]);
  }
  auto [language_heading, rest3] = cut_top(rest2, heading_h, m.gap / 2);
  l.headings.push_back({language_heading, "tech.settings.language"});
  auto [language_row, rest4] = cut_top(rest3, choice_h, m.gap * 2);
  const auto languages = grid(language_row, 3, 3, m.gap, choice_h);
  const char *codes[] = {"vi", "en"};
  for (int i = 0; i < 2; ++i)
    add(l, ButtonKind::choice, languages[i], LanguageChosen{codes[i]},
        std::string("language:") + codes[i], std::string("tech.language.") + codes[i],
        true, s.kiosk_language == codes[i]);
  const int save_w = std::min(rest4.w, m.px(0.6));
  const Rect save{rest4.center_x() - save_w / 2, rest4.y, save_w,
                  std::min(rest4.h, choice_h)};
  add(l, ButtonKind::primary, save, SaveSettings{}, "settings:save",
      "tech.settings.save");
}

// Enrollment codes ("ZRUD-BMCR-3WNZ"): digits, capitals and the dash.
void code_keyboard(Layout &l, const State &s, Rect area) {
  const Metrics &m = l.metrics;
  auto [display, rest] = cut_top(area, m.px(0.11), m.gap);
  l.display = display;
  const int ok_h = m.px(0.12);
  auto [keys, ok_row] = cut_bottom(rest, ok_h, m.gap);
  const std::string chars = "1234567890QWERTYUIOPASDFGHJKL-ZXCVBNM<";
  const int columns = m.portrait ? 8 : 10;
  const auto cells =
      grid(keys, static_cast<int>(chars.size()), columns, m.gap / 2, m.px(0.13));
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char k = chars[i];
    add_key(l, cells[i], k, k == '<' ? "key:erase" : std::string("key:") + k,
            !s.enrolling);
  }
  const int ok_w = std::min(ok_row.w, m.px(0.6));
  add(l, ButtonKind::primary, Rect{ok_row.center_x() - ok_w / 2, ok_row.y, ok_w, ok_h},
      Submit{}, "enroll:ok", "tech.enroll.ok", !s.enrolling && s.entry.size() >= 4);
}

} // namespace

Layout layout_screen(const State &state, int width, int height) {
  Layout l;
  const Metrics m = metrics_for(width, height);
  l.metrics = m;
  if (state.screen == Screen::closed)
    return l;
  l.header = Rect{0, 0, width, m.px(m.portrait ? 0.2 : 0.14)};
  const int band_button_h = l.header.h - 2 * m.px(0.025);
  const int band_button_w = m.px(m.portrait ? 0.3 : 0.32);
  const Rect band_button{width - m.margin - band_button_w,
                         (l.header.h - band_button_h) / 2, band_button_w, band_button_h};
  // The PIN pad closes, the pages go back to diagnostics, which has its own
  // "return to service".
  if (state.screen == Screen::pin)
    add(l, ButtonKind::band, band_button, Leave{}, "tech:close", "tech.close");
  else if (state.screen != Screen::diagnostics)
    add(l, ButtonKind::band, band_button, Show{Screen::diagnostics}, "tech:back",
        "tech.back");
  l.title = Rect{m.margin, 0, band_button.x - m.gap - m.margin, l.header.h};
  l.message =
      Rect{m.margin, l.header.bottom() + m.gap / 2, width - 2 * m.margin, m.px(0.07)};
  const Rect area{m.margin, l.message.bottom() + m.gap / 2, width - 2 * m.margin,
                  std::max(0, height - m.margin - l.message.bottom() - m.gap / 2)};
  switch (state.screen) {
  case Screen::closed:
    break;
  case Screen::pin:
    pin_pad(l, state, area);
    break;
  case Screen::diagnostics:
    diagnostics_page(l, area);
    break;
  case Screen::settings:
    settings_page(l, state, area);
    break;
  case Screen::enroll:
    code_keyboard(l, state, area);
    break;
  }
  return l;
}

} // namespace motcua::kiosk::tech
