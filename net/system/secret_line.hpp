#pragma once
// Passwords and PINs for technician commands come from a file's first line
// or from standard input ("-"), never from the command line, which every
// user of the machine can read in /proc/*/cmdline.
#include "net/protocol/result.hpp"

#include <iosfwd>
#include <string>

namespace motcua {

Result<std::string> read_secret_line(const std::string &source, std::istream &in);

} // namespace motcua
