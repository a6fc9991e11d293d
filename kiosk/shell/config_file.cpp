#include "kiosk/shell/config_file.hpp"

#include "kiosk/app/read_file.hpp"
#include "net/system/atomic_file.hpp"

#include <boost/json.hpp>

#include <filesystem>

namespace motcua::kiosk {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string new_config_text(const NewConfig &c) {
  json::object printer;
  if (!c.queue.empty())
    printer["queue"] = c.queue;
  if (!c.direct.empty())
    printer["direct"] = c.direct;
  if (!c.cups_server.empty())
    printer["cups_server"] = c.cups_server;
  if (c.paper_width_dots)
    printer["paper_width_dots"] = *c.paper_width_dots;
  json::object config{{"format_version", 1},     {"station_url", c.station_url},
                      {"printer", printer},      {"mode", c.mode},
                      {"language", c.language},  {"orientation", c.orientation},
                      {"state_dir", c.state_dir}};
  if (!c.station_certificate_sha256.empty())
    config["station_certificate_sha256"] = c.station_certificate_sha256;
  return json::serialize(config) + "\n";
}

std::optional<std::string> install_config_text(const std::string &path,
                                               const std::string &text) {
  std::error_code ec;
  // The site's last good settings stay beside the new ones.
  if (fs::exists(path, ec))
    fs::copy_file(path, path + ".previous", fs::copy_options::overwrite_existing, ec);
  return write_file_atomically(path, text, 0644);
}

Result<KioskConfig>
update_config_file(const std::string &path,
                   const std::function<void(json::object &)> &change) {
  // The file must read as a configuration before it is touched: a damaged
  // one is reported, never rewritten.
  if (auto current = load_kiosk_config(path); !current)
    return unexpected(current.error().to_string());
  auto text = read_text_file(path);
  if (!text)
    return unexpected(path + ": " + text.error());
  json::error_code ec;
  json::value root = json::parse(*text, ec);
  if (ec || !root.is_object())
    return unexpected(path + ": is not a JSON object");
  change(root.as_object());
  const std::string updated = json::serialize(root) + "\n";
  auto checked = parse_kiosk_config(updated, path);
  if (!checked)
    return unexpected(checked.error().to_string());
  if (auto error = install_config_text(path, updated))
    return unexpected(*error);
  return std::move(checked).value();
}

} // namespace motcua::kiosk
