#include "server/log.hpp"

#include "net/system/log.hpp"

namespace motcua::station {
void log_line(std::string_view line) {
  motcua::log_line("motcua-station", LogLevel::info, line);
}
void log_problem(std::string_view line) {
  motcua::log_line("motcua-station", LogLevel::warning, line);
}
} // namespace motcua::station
