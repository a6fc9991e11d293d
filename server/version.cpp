#include "server/version.hpp"

namespace motcua::station {
std::string_view station_version() { return MOTCUA_STATION_VERSION; }
} // namespace motcua::station
