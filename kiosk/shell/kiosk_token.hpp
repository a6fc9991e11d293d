#pragma once
// The bearer token a kiosk got at enrollment, one line in <state>/kiosk.token
// (0600, owned by the kiosk's account).
#include "net/protocol/result.hpp"

#include <string>

namespace motcua::kiosk {

// "" when the file does not exist (not enrolled); an error when it exists but
// cannot be read or holds no token.
Result<std::string> read_kiosk_token(const std::string &path);

} // namespace motcua::kiosk
