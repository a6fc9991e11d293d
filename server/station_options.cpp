#include "server/station_options.hpp"

#include <charconv>

namespace motcua::station {

Result<ListenAddress> parse_listen_address(const std::string &text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return unexpected("--listen wants ADDR:PORT, got \"" + text + "\"");
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' &&
      address.host.back() == ']')
    address.host = address.host.substr(1, address.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() ||
      value > 65535)
    return unexpected("--listen port must be 0..65535, got \"" + port + "\"");
  address.port = static_cast<unsigned short>(value);
  return address;
}

Result<StationOptions> parse_station_options(const std::vector<std::string> &args,
                                             const std::string &default_catalog) {
  StationOptions options;
  options.catalog_file = default_catalog;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--help" || arg == "-h") {
      options.show_help = true;
      continue;
    }
    if (arg == "--version") {
      options.show_version = true;
      continue;
    }
    if (arg == "--open-kiosk-api") {
      options.open_kiosk_api = true;
      continue;
    }
    // Every other option takes a value: "--name VALUE" or "--name=VALUE".
    std::string name = arg, value;
    const auto eq = arg.find('=');
    if (arg.starts_with("--") && eq != std::string::npos)
      name = arg.substr(0, eq);
    if (name != "--listen" && name != "--data" && name != "--catalog" &&
        name != "--timezone" && name != "--port-file" && name != "--issuing-hours" &&
        name != "--admin-password-file" && name != "--web" && name != "--tls-cert" &&
        name != "--tls-key")
      return unexpected("unknown option \"" + name + "\" (see --help)");
    if (name.size() != arg.size()) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return unexpected(arg + " needs a value (see --help)");
    }
    if (name == "--listen") {
      auto listen = parse_listen_address(value);
      if (!listen)
        return unexpected(listen.error());
      options.listen = *listen;
    } else if (name == "--data") {
      options.data_dir = value;
    } else if (name == "--catalog") {
      options.catalog_file = value;
    } else if (name == "--timezone") {
      options.time_zone = value;
    } else if (name == "--issuing-hours") {
      if (value != "catalog" && value != "always")
        return unexpected("--issuing-hours must be \"catalog\" or \"always\", got \"" +
                          value + "\"");
      options.always_issuing = value == "always";
    } else if (name == "--admin-password-file") {
      options.admin_password_file = value;
    } else if (name == "--web") {
      options.web_dir = value;
    } else if (name == "--tls-cert") {
      options.tls_certificate_file = value;
    } else if (name == "--tls-key") {
      options.tls_private_key_file = value;
    } else { // --port-file
      options.port_file = value;
    }
    if (value.empty())
      return unexpected(name + " must not be empty");
  }
  if (options.tls_certificate_file.empty() != options.tls_private_key_file.empty())
    return unexpected(std::string("--tls-cert and --tls-key go together"));
  return options;
}

std::string station_usage() {
  return R"(Usage: motcua-station [OPTIONS]
       motcua-station admin COMMAND ...   (see motcua-station admin --help)
The MotCua station server: issues queue tickets over HTTP (/api/v1).

  --listen ADDR:PORT   address to listen on (default 127.0.0.1:8080; port 0
                       picks a free port; use 0.0.0.0:8080 to serve kiosks)
  --data DIR           data directory, created if missing; holds station.db
                       (default /var/lib/motcua-station)
  --catalog FILE       service catalog JSON (default: the installed one)
  --timezone TZ        station time zone for day keys and printed times
                       (default Asia/Ho_Chi_Minh)
  --port-file FILE     write the bound port to FILE (atomically) once listening
  --issuing-hours MODE catalog (default): tickets only inside the services'
                       issuing windows; always: at any hour (demos, tests)
  --admin-password-file FILE
                       on start, create the chief account "admin" with the
                       password in FILE (first line) unless it exists
  --web DIR            the web pages (counter, display board, reports) served
                       outside /api (default: the installed assets/web)
  --tls-cert FILE      serve HTTPS and WSS only, with this PEM certificate
  --tls-key FILE       and its PEM private key (both or neither); the log
                       prints the certificate's SHA-256 that kiosks pin
  --open-kiosk-api     let unauthenticated callers on 127.0.0.1/::1 act as a
                       kiosk (issue tickets, rate): for demos and tests on one
                       machine only; enrolled kiosks need no such flag
  --help               show this help
  --version            show the version

Exit status: 0 after SIGTERM/SIGINT, 1 on a runtime failure (database,
socket), 2 on a configuration error (options, catalog, time zone).
)";
}

} // namespace motcua::station
