#pragma once
// Writing the kiosk's configuration file: checked as the kiosk will read it,
// the previous file kept as <path>.previous, the new one written atomically.
// `motcua-kiosk provision` and the technician's settings page both write
// through here.
#include "kiosk/app/kiosk_config.hpp"

#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>

namespace motcua::kiosk {

// A first configuration, as provision and the setup wizard write it.
struct NewConfig {
  std::string station_url;
  std::string queue;       // CUPS queue; or
  std::string direct;      // "HOST:PORT" of a network ESC/POS printer
  std::string cups_server; // empty: libcups' default
  std::optional<int> paper_width_dots;
  std::string mode = "both";
  std::string language = "vi";
  std::string orientation = "auto";
  std::string state_dir;
  // https: the station certificate's SHA-256 seen at enrollment (the pin).
  std::string station_certificate_sha256;
};
// Its JSON text; check it with parse_kiosk_config before installing it.
std::string new_config_text(const NewConfig &config);

// Installs `text` (already checked) as the configuration at `path`.
std::optional<std::string> install_config_text(const std::string &path,
                                               const std::string &text);

// Reads the file at `path`, lets `change` edit its JSON (keys it does not
// touch stay as written), checks the result and installs it. Errors name the
// file and the field; nothing is written then.
Result<KioskConfig>
update_config_file(const std::string &path,
                   const std::function<void(boost::json::object &)> &change);

} // namespace motcua::kiosk
