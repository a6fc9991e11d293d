#pragma once
#include <string_view>

namespace motcua::station {
// One line to stderr, written in a single call so threads do not interleave.
void log_line(std::string_view line);
} // namespace motcua::station
