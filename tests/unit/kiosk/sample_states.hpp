#pragma once
// Kiosk states for every screen, reached through the reducer from the
// default catalog: shared by the layout, screenshot and golden tests and the
// benchmarks.
#include "kiosk/app/screen_machine.hpp"

#include <memory>
#include <string>
#include <vector>

namespace motcua::kiosk::samples {

std::shared_ptr<const Catalog> default_catalog(); // assets/catalog/default.json
ScreenSettings settings(KioskMode mode);          // all priority groups, link after
Ticket ticket_d015();

struct Sample {
  std::string name; // file name part: "services", "ticket-no-paper"
  State state;
  bool golden = true; // compared with a committed image
};
// Every screen, in `language`.
std::vector<Sample> all(const std::string &language);

} // namespace motcua::kiosk::samples
