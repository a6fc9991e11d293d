#pragma once
// The station's log lines, with their journal level (net/system/log.hpp).
#include <string_view>

namespace motcua::station {
// An event worth knowing (level info).
void log_line(std::string_view line);
// Something went wrong that a technician should look at (level warning).
void log_problem(std::string_view line);
} // namespace motcua::station
