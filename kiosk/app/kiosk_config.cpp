#include "kiosk/app/kiosk_config.hpp"

#include "kiosk/app/read_file.hpp"

#include <boost/json.hpp>

#include <initializer_list>

namespace motcua::kiosk {
namespace json = boost::json;

std::string ConfigError::to_string() const {
  return source + ": " + field + ": " + message;
}

namespace {

struct Reject {
  std::string field;
  std::string message;
};

// Typos must not pass as "use the default": every key has to be one we know.
void reject_unknown_keys(const json::object &obj, const std::string &path,
                         std::initializer_list<std::string_view> known) {
  for (const auto &[key, value] : obj) {
    bool ok = false;
    for (auto k : known)
      ok = ok || k == key;
    if (!ok)
      throw Reject{path + std::string(key), "is not a known setting"};
  }
}

std::string string_field(const json::object &obj, std::string_view key,
                         const std::string &path, const std::string *fallback) {
  const auto *v = obj.if_contains(key);
  if (!v) {
    if (fallback)
      return *fallback;
    throw Reject{path + std::string(key), "is missing"};
  }
  if (!v->is_string())
    throw Reject{path + std::string(key), "must be a string"};
  return std::string(v->as_string());
}

int int_field(const json::object &obj, std::string_view key, const std::string &path,
              int fallback, int lo, int hi) {
  const auto *v = obj.if_contains(key);
  if (!v)
    return fallback;
  if (!v->is_int64())
    throw Reject{path + std::string(key), "must be an integer"};
  auto n = v->as_int64();
  if (n < lo || n > hi)
    throw Reject{path + std::string(key), "is " + std::to_string(n) +
                                              "; must be between " + std::to_string(lo) +
                                              " and " + std::to_string(hi)};
  return static_cast<int>(n);
}

PrinterSettings parse_printer(const json::value &v) {
  if (!v.is_object())
    throw Reject{"printer", "must be an object"};
  const auto &obj = v.as_object();
  reject_unknown_keys(obj, "printer.", {"queue", "cups_server", "paper_width_dots"});
  PrinterSettings printer;
  printer.queue = string_field(obj, "queue", "printer.", nullptr);
  if (printer.queue.empty())
    throw Reject{"printer.queue", "must not be empty"};
  const std::string none;
  printer.cups_server = string_field(obj, "cups_server", "printer.", &none);
  printer.paper_width_dots =
      int_field(obj, "paper_width_dots", "printer.", printer.paper_width_dots, 128, 1024);
  // ESC/POS raster rows are whole bytes.
  if (printer.paper_width_dots % 8 != 0)
    throw Reject{"printer.paper_width_dots", "must be a multiple of 8"};
  return printer;
}

KioskConfig parse(const json::value &root) {
  if (!root.is_object())
    throw Reject{"(top level)", "must be an object"};
  const auto &top = root.as_object();
  const auto *version = top.if_contains("format_version");
  if (!version)
    throw Reject{"format_version", "is missing"};
  if (!version->is_int64())
    throw Reject{"format_version", "must be an integer"};
  if (version->as_int64() != kKioskConfigFormatVersion)
    throw Reject{"format_version", "is " + std::to_string(version->as_int64()) +
                                       "; this program reads version " +
                                       std::to_string(kKioskConfigFormatVersion)};
  reject_unknown_keys(top, "",
                      {"format_version", "station_url", "printer", "language",
                       "ticket_screen_seconds", "request_timeout_ms"});

  KioskConfig config;
  config.station_url = string_field(top, "station_url", "", nullptr);
  if (config.station_url.rfind("http://", 0) != 0 ||
      config.station_url.size() <= std::string_view("http://").size())
    throw Reject{"station_url", "must look like http://HOST:PORT"};

  const auto *printer = top.if_contains("printer");
  if (!printer)
    throw Reject{"printer", "is missing"};
  config.printer = parse_printer(*printer);

  config.language = string_field(top, "language", "", &config.language);
  if (config.language != "vi" && config.language != "en")
    throw Reject{"language", "is \"" + config.language + "\"; must be \"vi\" or \"en\""};
  config.ticket_screen_seconds =
      int_field(top, "ticket_screen_seconds", "", config.ticket_screen_seconds, 1, 120);
  config.request_timeout_ms =
      int_field(top, "request_timeout_ms", "", config.request_timeout_ms, 100, 60000);
  return config;
}

} // namespace

Result<KioskConfig, ConfigError> parse_kiosk_config(std::string_view json_text,
                                                    std::string_view source) {
  json::error_code ec;
  auto root = json::parse(json_text, ec);
  if (ec)
    return unexpected(ConfigError{std::string(source), "(top level)",
                                  "is not valid JSON (" + ec.message() + ")"});
  try {
    return parse(root);
  } catch (const Reject &r) {
    return unexpected(ConfigError{std::string(source), r.field, r.message});
  }
}

Result<KioskConfig, ConfigError> load_kiosk_config(const std::string &path) {
  auto text = read_text_file(path);
  if (!text)
    return unexpected(ConfigError{path, "(file)", text.error()});
  return parse_kiosk_config(*text, path);
}

} // namespace motcua::kiosk
