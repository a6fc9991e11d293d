#pragma once
// One state of each technician screen, for the screenshots and goldens.
#include "kiosk/app/technician_state.hpp"

#include <string>
#include <vector>

namespace motcua::kiosk {

struct TechnicianSample {
  std::string name; // "pin", "diagnostics", ...
  tech::State state;
};

std::vector<TechnicianSample> technician_samples(const std::string &language);

} // namespace motcua::kiosk
