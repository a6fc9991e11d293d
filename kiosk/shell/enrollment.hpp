#pragma once
// What enrolling a kiosk with its station shares between `provision` and the
// technician's re-enroll page: the station's failures in plain words, and the
// token file (0600, written atomically; read back by kiosk_token.hpp).
#include "net/client/station_client.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace motcua::kiosk {

// "the station does not answer (...)", "the station refused: code_used: ...";
// in Vietnamese for "vi" (the technician screens), the system's own words
// kept in brackets.
std::string describe_station_error(const net::StationError &error,
                                   std::string_view language = "en");

std::optional<std::string> write_kiosk_token(const std::string &path,
                                             const std::string &token);

} // namespace motcua::kiosk
