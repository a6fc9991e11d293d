#pragma once
// Where things go on the technician screens, from their state and the window
// size alone (as kiosk/app/layout.hpp does for the citizen screens): painter,
// touch input and scripts read the same rectangles.
#include "kiosk/app/layout.hpp"
#include "kiosk/app/technician_state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk::tech {

enum class ButtonKind {
  band,    // in the title band: leave, back
  key,     // a key of the PIN pad or the code keyboard
  choice,  // one of a setting's values (drawn selected)
  action,  // refresh, settings, enroll
  primary, // OK, save, return to service
};

struct Button {
  ButtonKind kind = ButtonKind::action;
  Rect rect;
  Event event;
  std::string id;        // "pin:5", "pin:ok", "mode:both", "tech:leave", ...
  std::string label_key; // a text key; empty: `label` as written
  std::string label;     // a key's character
  bool enabled = true;
  bool selected = false;
};

struct Heading { // a section title on the settings page
  Rect rect;
  std::string key;
};

struct Layout {
  Metrics metrics;
  Rect header;  // the title band
  Rect title;   // its text, clear of its button
  Rect message; // what just happened, under the band
  Rect display; // the PIN dots or the typed code
  Rect body;    // the diagnostics rows
  std::vector<Heading> headings;
  std::vector<Button> buttons;

  const Button *find(std::string_view id) const;
  // The button under the point, enabled or not.
  std::optional<std::size_t> at(int x, int y) const;
};

Layout layout_screen(const State &state, int width, int height);

// What a tap at the point sends: the enabled button's event, else Touched.
Event tap_event(const Layout &layout, int x, int y);

} // namespace motcua::kiosk::tech
