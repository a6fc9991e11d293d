#pragma once
// `motcua-kiosk set-pin --pin-file FILE|- [--config FILE] [--state-dir DIR]`:
// sets the technician PIN (4 to 8 digits, read from a file's first line or
// standard input, never the command line), stored hashed in the state folder.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace motcua::kiosk {

// Writes the PIN record for `pin` (checked first) to <state_dir>/technician-pin.json,
// 0600, atomically; an error in plain words otherwise.
std::optional<std::string> store_technician_pin(const std::string &state_dir,
                                                const std::string &pin);

// The exit status, or nothing when args[0] is not set-pin.
std::optional<int> run_pin_command(const std::vector<std::string> &args, std::istream &in,
                                   std::ostream &out, std::ostream &err);

} // namespace motcua::kiosk
