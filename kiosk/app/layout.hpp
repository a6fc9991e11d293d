#pragma once
// Where things go on each screen, from the state and the window size alone:
// a title band (with the language toggle and, off home, a home button), a
// prompt line, the screen's buttons, a footer for the countdown. Pure, so
// hit-testing is tested without a window, and painter, input and scripts
// all read the same rectangles.
#include "kiosk/app/events.hpp"
#include "kiosk/app/rect.hpp"
#include "kiosk/app/screen_state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk {


// Sizes that scale with the window: the shorter side sets them, so text
// keeps the same physical feel in portrait and landscape.
struct Metrics {
  int short_side = 0;
  bool portrait = false;
  // Portrait screens have height to spare: messages and the ticket number
  // grow by this factor there (still bounded by the width when drawn).
  double type_scale = 1.0;
  int margin = 0; // window edge to content
  int gap = 0;    // between buttons
  int px(double fraction_of_short_side) const;
  int type_px(double fraction_of_short_side) const; // px() times type_scale
};
Metrics metrics_for(int width, int height);

// Pixels of 15 mm on a 21.5-inch screen of this resolution: the smallest
// button a finger hits reliably.
int min_button_px(int width, int height);

enum class ButtonKind {
  language,  // the toggle in the band
  home,      // back to the start, in the band
  choice,    // the two big choices
  service,   // a catalog service
  priority,  // a priority group
  skip,      // wide "none of these"
  level,     // a face
  chip,      // a reason, toggled
  primary,   // Send, Confirm
  secondary, // Skip
  key,       // keypad
};

struct Button {
  ButtonKind kind = ButtonKind::primary;
  Rect rect;
  Event event;    // what a tap sends (ServiceTapped without its key)
  std::string id; // "service:A", "level:satisfied", "key:5", "language", ...
  bool enabled = true;
  bool selected = false;
  // Letter above the label (tall buttons) or beside it (wide ones).
  bool stacked() const { return rect.w < 5 * rect.h / 2; }
};

struct ScreenLayout {
  Metrics metrics;
  Rect header;  // full-width title band
  Rect title;   // the band's text, clear of its buttons
  Rect prompt;  // the line under the band
  Rect body;    // the screen's content, under the prompt
  Rect display; // the keypad's entry
  Rect footer;  // countdown line
  std::vector<Button> buttons;

  const Button *find(std::string_view id) const;
  std::optional<std::size_t> index_of(std::string_view id) const;
};

ScreenLayout layout_screen(const State &state, int width, int height);

// The button under the point, enabled or not.
std::optional<std::size_t> button_at(const ScreenLayout &layout, int x, int y);
// What a tap at the point sends: the enabled button's event, else ScreenTapped.
Event tap_event(const ScreenLayout &layout, int x, int y);

} // namespace motcua::kiosk
