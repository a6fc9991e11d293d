#include "kiosk/app/technician_layout.hpp"

#include "kiosk/app/technician_setup.hpp"

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
void pin_pad(Layout &l, const State &s, Rect area, const std::string &ok_key) {
  const Metrics &m = l.metrics;
  const bool usable = s.pin_set && !s.checking && !s.locked_until && !s.setup.busy;
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
  add(l, ButtonKind::primary, cells[11], Submit{}, "pin:ok", ok_key,
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
constexpr const char *kCodeKeys = "1234567890QWERTYUIOPASDFGHJKL-ZXCVBNM<";
// Station addresses ("http://192.168.1.10:8080") and printer addresses.
constexpr const char *kAddressKeys = "1234567890qwertyuiopasdfghjkl:zxcvbnm./-<";

// A keyboard of `chars` under the typed text, and its OK button.
void keyboard(Layout &l, Rect area, const std::string &chars, bool usable,
              const std::string &ok_id, const std::string &ok_key, bool ok_enabled) {
  const Metrics &m = l.metrics;
  auto [display, rest] = cut_top(area, m.px(0.11), m.gap);
  l.display = display;
  const int ok_h = m.px(0.12);
  auto [keys, ok_row] = cut_bottom(rest, ok_h, m.gap);
  const int columns = m.portrait ? 8 : (chars.size() > 38 ? 11 : 10);
  const auto cells =
      grid(keys, static_cast<int>(chars.size()), columns, m.gap / 2, m.px(0.13));
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char k = chars[i];
    add_key(l, cells[i], k, k == '<' ? "key:erase" : std::string("key:") + k, usable);
  }
  const int ok_w = std::min(ok_row.w, m.px(0.6));
  add(l, ButtonKind::primary, Rect{ok_row.center_x() - ok_w / 2, ok_row.y, ok_w, ok_h},
      Submit{}, ok_id, ok_key, ok_enabled);
}

// Choices in a row (or two), then the step's primary button.
void choices_then(Layout &l, Rect area, std::vector<Button> choices,
                  const std::string &next_id, const std::string &next_key, bool next_ok) {
  const Metrics &m = l.metrics;
  const int choice_h = m.px(0.13);
  const int rows = static_cast<int>((choices.size() + 2) / 3);
  auto [row, rest] = cut_top(area, rows * choice_h + (rows - 1) * m.gap, m.gap * 2);
  const auto cells = grid(row, static_cast<int>(choices.size()), 3, m.gap, choice_h);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    choices[i].rect = cells[i];
    l.buttons.push_back(std::move(choices[i]));
  }
  const int next_w = std::min(rest.w, m.px(0.6));
  add(l, ButtonKind::primary,
      Rect{rest.center_x() - next_w / 2, rest.bottom() - choice_h, next_w, choice_h},
      Submit{}, next_id, next_key, next_ok);
}

Button choice(Event event, std::string id, std::string label_key, std::string label,
              bool selected) {
  return Button{
      ButtonKind::choice, {},   std::move(event), std::move(id), std::move(label_key),
      std::move(label),   true, selected};
}

void setup_page(Layout &l, const State &s, Rect area) {
  const bool idle = !s.setup.busy;
  switch (s.screen) {
  case Screen::setup_language:
    choices_then(l, area,
                 {choice(LanguageChosen{"vi"}, "language:vi", "tech.language.vi", "",
                         s.kiosk_language == "vi"),
                  choice(LanguageChosen{"en"}, "language:en", "tech.language.en", "",
                         s.kiosk_language == "en")},
                 "setup:next", "tech.setup.next", true);
    break;
  case Screen::setup_station:
    keyboard(l, area, kAddressKeys, idle, "setup:next", "tech.setup.next", idle);
    break;
  case Screen::setup_code:
    keyboard(l, area, kCodeKeys, idle, "setup:next", "tech.enroll.ok",
             idle && s.entry.size() >= 4);
    break;
  case Screen::setup_printer_address:
    keyboard(l, area, kAddressKeys, idle, "setup:next", "tech.setup.add", idle);
    break;
  case Screen::setup_printer: {
    std::vector<Button> queues;
    for (const auto &q : s.setup.queues)
      if (queues.size() < 6)
        queues.push_back(choice(QueueChosen{q}, "queue:" + q, "", q, s.setup.queue == q));
    queues.push_back(Button{ButtonKind::action,
                            {},
                            Show{Screen::setup_printer_address},
                            "setup:add-printer",
                            "tech.setup.add_printer",
                            "",
                            idle});
    queues.push_back(Button{ButtonKind::action,
                            {},
                            TestPrint{},
                            "setup:test-print",
                            "tech.setup.test_print",
                            "",
                            idle && !s.setup.queue.empty()});
    choices_then(l, area, std::move(queues), "setup:next", "tech.setup.next",
                 idle && !s.setup.queue.empty());
    break;
  }
  case Screen::setup_mode: {
    std::vector<Button> modes;
    for (KioskMode mode : {KioskMode::arrival, KioskMode::departure, KioskMode::both}) {
      const std::string name(mode_name(mode));
      modes.push_back(choice(ModeChosen{mode}, "mode:" + name, "tech.mode." + name, "",
                             s.mode == mode));
    }
    choices_then(l, area, std::move(modes), "setup:next", "tech.setup.next", true);
    break;
  }
  default:
    break;
  }
}

// Where a wizard step's back button leads; none from the first step and from
// the printer step (enrollment is done by then).
std::optional<Screen> setup_back(Screen screen) {
  switch (screen) {
  case Screen::setup_station:
    return Screen::setup_language;
  case Screen::setup_code:
    return Screen::setup_station;
  case Screen::setup_printer_address:
  case Screen::setup_mode:
    return Screen::setup_printer;
  case Screen::setup_pin:
    return Screen::setup_mode;
  default:
    return std::nullopt;
  }
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
  else if (auto back = setup_back(state.screen))
    add(l, ButtonKind::band, band_button, Show{*back}, "setup:back", "tech.back");
  else if (state.screen != Screen::diagnostics && !is_setup(state.screen))
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
    pin_pad(l, state, area, "tech.pin.ok");
    break;
  case Screen::diagnostics:
    diagnostics_page(l, area);
    break;
  case Screen::settings:
    settings_page(l, state, area);
    break;
  case Screen::setup_pin:
    pin_pad(l, state, area, "tech.setup.finish");
    break;
  case Screen::setup_language:
  case Screen::setup_station:
  case Screen::setup_code:
  case Screen::setup_printer:
  case Screen::setup_printer_address:
  case Screen::setup_mode:
    setup_page(l, state, area);
    break;
  case Screen::enroll:
    keyboard(l, area, kCodeKeys, !state.enrolling, "enroll:ok", "tech.enroll.ok",
             !state.enrolling && state.entry.size() >= 4);
    break;
  }
  return l;
}

} // namespace motcua::kiosk::tech
