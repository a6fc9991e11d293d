#include "printer/cups_server_address.hpp"

#include <charconv>

namespace motcua::printer {
namespace {

bool parse_port(const std::string &text, int &port) {
  int value = 0;
  const auto *end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value <= 0 || value > 65535)
    return false;
  port = value;
  return true;
}

} // namespace

CupsServerAddress parse_cups_server(const std::string &server, int default_port) {
  CupsServerAddress out{server, default_port};
  if (server.empty() || server.front() == '/')
    return out;
  if (server.front() == '[') {
    const auto close = server.find(']');
    if (close == std::string::npos)
      return out;
    out.host = server.substr(1, close - 1);
    if (close + 1 < server.size() && server[close + 1] == ':')
      parse_port(server.substr(close + 2), out.port);
    return out;
  }
  const auto colon = server.rfind(':');
  // More than one colon without brackets is a bare IPv6 address.
  if (colon == std::string::npos || server.find(':') != colon)
    return out;
  int port = default_port;
  if (parse_port(server.substr(colon + 1), port)) {
    out.host = server.substr(0, colon);
    out.port = port;
  }
  return out;
}

} // namespace motcua::printer
