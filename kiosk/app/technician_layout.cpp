#include "kiosk/app/technician_layout.hpp"

#include "kiosk/app/technician_setup.hpp"

#include <algorithm>
#include <functional>
#include <span>

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

Button choice(Event event, std::string id, std::string label_key, std::string label,
              bool selected) {
  return Button{
      ButtonKind::choice, {},   std::move(event), std::move(id), std::move(label_key),
      std::move(label),   true, selected};
}

std::vector<Button> paper_choices(int selected) {
  std::vector<Button> out;
  for (int mm : {80, 58}) {
    const int dots = *paper_dots_for_mm(std::to_string(mm));
    out.push_back(choice(PaperChosen{dots}, "paper:" + std::to_string(mm),
                         "tech.paper." + std::to_string(mm), "", selected == dots));
  }
  return out;
}

std::vector<Button> orientation_choices(Orientation selected) {
  std::vector<Button> out;
  for (Orientation o :
       {Orientation::automatic, Orientation::landscape, Orientation::portrait}) {
    const std::string name(orientation_name(o));
    out.push_back(choice(OrientationChosen{o}, "orientation:" + name,
                         "tech.orientation." + name, "", selected == o));
  }
  return out;
}

// Rows of up to three buttons each, every group on rows of its own, as tall
// as `area` allows up to a choice's height; returns what is left below.
Rect choice_rows(Layout &l, Rect area, std::vector<std::vector<Button>> groups,
                 int max_h) {
  const Metrics &m = l.metrics;
  int rows = 0;
  for (const auto &g : groups)
    rows += static_cast<int>((g.size() + 2) / 3);
  if (rows == 0)
    return area;
  const int row_h = std::min(max_h, (area.h - (rows - 1) * m.gap) / rows);
  int y = area.y;
  for (auto &g : groups) {
    const int n = static_cast<int>((g.size() + 2) / 3);
    const Rect block{area.x, y, area.w, n * row_h + (n - 1) * m.gap};
    const auto cells = grid(block, static_cast<int>(g.size()), 3, m.gap, row_h);
    for (std::size_t i = 0; i < g.size(); ++i) {
      g[i].rect = cells[i];
      l.buttons.push_back(std::move(g[i]));
    }
    y = block.bottom() + m.gap;
  }
  return Rect{area.x, y + m.gap, area.w, std::max(0, area.bottom() - y - m.gap)};
}

struct Section {
  std::string heading_key;
  std::vector<Button> choices;
};

// Each setting under its heading; in landscape two columns side by side,
// so every setting fits above the save button on a 1366x768 screen.
void settings_page(Layout &l, const State &s, Rect area) {
  const Metrics &m = l.metrics;
  const int heading_h = m.px(0.06);
  const int choice_h = m.px(0.13);
  std::vector<Section> sections;
  {
    Section mode{"tech.settings.mode", {}};
    for (KioskMode k : {KioskMode::arrival, KioskMode::departure, KioskMode::both}) {
      const std::string name(mode_name(k));
      mode.choices.push_back(
          choice(ModeChosen{k}, "mode:" + name, "tech.mode." + name, "", s.mode == k));
    }
    sections.push_back(std::move(mode));
  }
  {
    Section language{"tech.settings.language", {}};
    for (const char *code : {"vi", "en"})
      language.choices.push_back(
          choice(LanguageChosen{code}, std::string("language:") + code,
                 std::string("tech.language.") + code, "", s.kiosk_language == code));
    sections.push_back(std::move(language));
  }
  sections.push_back({"tech.settings.paper", paper_choices(s.paper_width_dots)});
  sections.push_back({"tech.settings.orientation", orientation_choices(s.orientation)});

  auto [columns_area, save_row] = cut_bottom(area, choice_h, m.gap * 2);
  const int per_column = m.portrait ? static_cast<int>(sections.size())
                                    : static_cast<int>((sections.size() + 1) / 2);
  std::vector<Rect> columns;
  if (m.portrait) {
    columns.push_back(columns_area);
  } else {
    auto [left, right] = split_columns(columns_area, m.gap * 2);
    columns = {left, right};
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    Rect &column = columns[i / static_cast<std::size_t>(per_column)];
    auto [heading, rest] = cut_top(column, heading_h, m.gap / 2);
    l.headings.push_back({heading, sections[i].heading_key});
    const Rect row{rest.x, rest.y, rest.w, std::min(rest.h, choice_h)};
    choice_rows(l, row, {std::move(sections[i].choices)}, choice_h);
    column = cut_top(rest, row.h, m.gap * 2).second;
  }
  const int save_w = std::min(save_row.w, m.px(0.6));
  add(l, ButtonKind::primary,
      Rect{save_row.center_x() - save_w / 2, save_row.y, save_w, save_row.h},
      SaveSettings{}, "settings:save", "tech.settings.save");
}

// Keyboards laid out as on a PC (QWERTY), so a technician types without
// searching: the digit row, three letter rows, the punctuation an address
// needs beside them and the erase key ('<') at the end of the last row.
// Enrollment codes ("ZRUD-BMCR-3WNZ"): digits, capitals and the dash.
constexpr std::string_view kCodeRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL-",
                                          "ZXCVBNM<"};
// Station addresses ("https://10.0.0.5:8443", "station.local") and printer
// addresses.
constexpr std::string_view kAddressRows[] = {"1234567890", "qwertyuiop",
                                             "asdfghjkl:", "zxcvbnm./-<"};

// The erase key is one and a half keys wide, as a backspace key is.
int width_units(std::string_view row) { // in half keys
  int units = 0;
  for (char k : row)
    units += k == '<' ? 3 : 2;
  return units;
}

// The keyboard `rows` under the typed text, and its OK button; a key is
// enabled when `usable` and `typeable` says the step takes its character.
void keyboard(Layout &l, Rect area, std::span<const std::string_view> rows, bool usable,
              const std::function<bool(char)> &typeable, const std::string &ok_id,
              const std::string &ok_key, bool ok_enabled) {
  const Metrics &m = l.metrics;
  auto [display, rest] = cut_top(area, m.px(0.11), m.gap);
  l.display = display;
  const int ok_h = m.px(0.12);
  auto [keys, ok_row] = cut_bottom(rest, ok_h, m.gap);
  const int gap = m.gap / 2;
  int widest_units = 0;
  int widest_keys = 0;
  for (auto row : rows) {
    widest_units = std::max(widest_units, width_units(row));
    widest_keys = std::max(widest_keys, static_cast<int>(row.size()));
  }
  const int half_key = (keys.w - (widest_keys - 1) * gap) / widest_units;
  const int row_count = static_cast<int>(rows.size());
  const int key_h =
      std::max(1, std::min((keys.h - (row_count - 1) * gap) / row_count, m.px(0.13)));
  const int used = row_count * key_h + (row_count - 1) * gap;
  int y = keys.y + std::max(0, (keys.h - used) / 2);
  for (auto row : rows) {
    const int row_w =
        width_units(row) * half_key + (static_cast<int>(row.size()) - 1) * gap;
    int x = keys.center_x() - row_w / 2;
    for (char k : row) {
      const int w = (k == '<' ? 3 : 2) * half_key;
      add_key(l, Rect{x, y, w, key_h}, k,
              k == '<' ? "key:erase" : std::string("key:") + k,
              usable && (k == '<' || typeable(k)));
      x += w + gap;
    }
    y += key_h + gap;
  }
  const int ok_w = std::min(ok_row.w, m.px(0.6));
  add(l, ButtonKind::primary, Rect{ok_row.center_x() - ok_w / 2, ok_row.y, ok_w, ok_h},
      Submit{}, ok_id, ok_key, ok_enabled);
}

// Groups of choices, each on rows of its own, then the step's primary button.
void choices_then(Layout &l, Rect area, std::vector<std::vector<Button>> groups,
                  const std::string &next_id, const std::string &next_key, bool next_ok) {
  const Metrics &m = l.metrics;
  const int choice_h = m.px(0.13);
  auto [rows, next_row] = cut_bottom(area, choice_h, m.gap * 2);
  choice_rows(l, rows, std::move(groups), choice_h);
  const int next_w = std::min(next_row.w, m.px(0.6));
  add(l, ButtonKind::primary,
      Rect{next_row.center_x() - next_w / 2, next_row.y, next_w, next_row.h}, Submit{},
      next_id, next_key, next_ok);
}

std::function<bool(char)> typeable(Screen screen) {
  return [screen](char c) { return accepts_key(screen, c); };
}

void setup_page(Layout &l, const State &s, Rect area) {
  const bool idle = !s.setup.busy;
  switch (s.screen) {
  case Screen::setup_language:
    choices_then(l, area,
                 {{choice(LanguageChosen{"vi"}, "language:vi", "tech.language.vi", "",
                          s.kiosk_language == "vi"),
                   choice(LanguageChosen{"en"}, "language:en", "tech.language.en", "",
                          s.kiosk_language == "en")}},
                 "setup:next", "tech.setup.next", true);
    break;
  case Screen::setup_orientation:
    choices_then(l, area, {orientation_choices(s.orientation)}, "setup:next",
                 "tech.setup.next", true);
    break;
  case Screen::setup_station:
    keyboard(l, area, kAddressRows, idle, typeable(s.screen), "setup:next",
             "tech.setup.next", idle);
    break;
  case Screen::setup_code:
    keyboard(l, area, kCodeRows, idle, typeable(s.screen), "setup:next", "tech.enroll.ok",
             idle && s.entry.size() >= 4);
    break;
  case Screen::setup_printer_address:
    keyboard(l, area, kAddressRows, idle, typeable(s.screen), "setup:next",
             "tech.setup.add", idle);
    break;
  case Screen::setup_printer: {
    std::vector<Button> queues;
    for (const auto &q : s.setup.queues)
      if (queues.size() < 6)
        queues.push_back(choice(QueueChosen{q}, "queue:" + q, "", q, s.setup.queue == q));
    std::vector<Button> actions;
    actions.push_back(Button{ButtonKind::action,
                             {},
                             Show{Screen::setup_printer_address},
                             "setup:add-printer",
                             "tech.setup.add_printer",
                             "",
                             idle});
    actions.push_back(Button{ButtonKind::action,
                             {},
                             TestPrint{},
                             "setup:test-print",
                             "tech.setup.test_print",
                             "",
                             idle && !s.setup.queue.empty()});
    auto papers = paper_choices(s.setup.paper_width_dots);
    for (auto &p : papers)
      p.enabled = idle;
    choices_then(l, area, {std::move(queues), std::move(actions), std::move(papers)},
                 "setup:next", "tech.setup.next", idle && !s.setup.queue.empty());
    break;
  }
  case Screen::setup_mode: {
    std::vector<Button> modes;
    for (KioskMode mode : {KioskMode::arrival, KioskMode::departure, KioskMode::both}) {
      const std::string name(mode_name(mode));
      modes.push_back(choice(ModeChosen{mode}, "mode:" + name, "tech.mode." + name, "",
                             s.mode == mode));
    }
    choices_then(l, area, {std::move(modes)}, "setup:next", "tech.setup.next", true);
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
  case Screen::setup_orientation:
    return Screen::setup_language;
  case Screen::setup_station:
    return Screen::setup_orientation;
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
  case Screen::setup_orientation:
  case Screen::setup_station:
  case Screen::setup_code:
  case Screen::setup_printer:
  case Screen::setup_printer_address:
  case Screen::setup_mode:
    setup_page(l, state, area);
    break;
  case Screen::enroll:
    keyboard(l, area, kCodeRows, !state.enrolling, typeable(state.screen), "enroll:ok",
             "tech.enroll.ok", !state.enrolling && state.entry.size() >= 4);
    break;
  }
  return l;
}

} // namespace motcua::kiosk::tech
