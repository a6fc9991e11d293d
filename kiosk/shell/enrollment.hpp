#pragma once
// What enrolling a kiosk with its station shares between `provision` and the
// technician's re-enroll page: the station's failures in plain words, and the
// token file (0600, written atomically; read back by kiosk_token.hpp).
#include "net/client/station_client.hpp"

#include <optional>
#include <string>

namespace motcua::kiosk {

// "the station does not answer (...)", "the station refused: code_used: ...".
std::string describe_station_error(const net::StationError &error);

std::optional<std::string> write_kiosk_token(const std::string &path,
                                             const std::string &token);

} // namespace motcua::kiosk
