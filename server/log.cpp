#include "server/log.hpp"

#include <cstdio>
#include <string>

namespace motcua::station {
void log_line(std::string_view line) {
  std::string out = "motcua-station: ";
  out.append(line).push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stderr);
}
} // namespace motcua::station
