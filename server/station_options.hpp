#pragma once
// motcua-station's command line, parsed without side effects.
#include "net/protocol/result.hpp"

#include <string>
#include <vector>

namespace motcua::station {

struct ListenAddress {
  std::string host = "127.0.0.1";
  unsigned short port = 8080; // 0: the system picks a free port
};

struct StationOptions {
  ListenAddress listen;
  std::string data_dir = "/var/lib/motcua-station";
  std::string catalog_file;
  std::string time_zone = "Asia/Ho_Chi_Minh";
  std::string port_file; // empty: none written
  // Unauthenticated loopback callers may issue tickets and rate (demos, tests).
  bool open_kiosk_api = false;
  // Ignore the services' issuing windows: tickets at any hour (demos, tests).
  bool always_issuing = false;
  // Creates the chief account "admin" with the password in this file when no
  // such account exists yet (first start of a station).
  std::string admin_password_file;
  // The web pages' folder (assets/web); empty: the installed or built-in one.
  std::string web_dir;
  // PEM files; both given: HTTPS and WSS only (kiosks pin the certificate).
  std::string tls_certificate_file;
  std::string tls_private_key_file;
  bool show_help = false;
  bool show_version = false;
};

// "127.0.0.1:8080", "0.0.0.0:0", "[::1]:8080".
Result<ListenAddress> parse_listen_address(const std::string &text);

// args excludes the program name. default_catalog is used unless --catalog.
Result<StationOptions> parse_station_options(const std::vector<std::string> &args,
                                             const std::string &default_catalog);

std::string station_usage();

} // namespace motcua::station
