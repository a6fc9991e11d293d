#pragma once
// Idempotency keys for ticket requests: a random UUID (version 4) per tap.
#include <string>

namespace motcua::kiosk {

std::string new_request_key();

} // namespace motcua::kiosk
