#pragma once
// The kiosk's one way of reading a small text file (config, language files).
#include "net/protocol/result.hpp"

#include <string>

namespace motcua::kiosk {

// Whole file as bytes; the error is the reason only (callers name the file).
Result<std::string> read_text_file(const std::string &path);

} // namespace motcua::kiosk
