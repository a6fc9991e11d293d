#pragma once
#include <string_view>

namespace motcua::station {
// The station's release, reported by /api/v1/health and --version.
std::string_view station_version();
} // namespace motcua::station
