#include "kiosk/app/read_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace motcua::kiosk {

Result<std::string> read_text_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return unexpected(std::string("cannot open (") + std::strerror(errno) + ")");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return unexpected(std::string("read failed"));
  return buffer.str();
}

} // namespace motcua::kiosk
