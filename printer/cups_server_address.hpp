#pragma once
// "host", "host:port", "[v6]:port" or a unix socket path, as CUPS_SERVER
// spells them, split for httpConnect2.
#include <string>

namespace motcua::printer {

struct CupsServerAddress {
  std::string host; // a unix socket path when it starts with '/'
  int port = 0;
};

CupsServerAddress parse_cups_server(const std::string &server, int default_port);

} // namespace motcua::printer
