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

bool bool_field(const json::object &obj, std::string_view key, bool fallback) {
  const auto *v = obj.if_contains(key);
  if (!v)
    return fallback;
  if (!v->is_bool())
    throw Reject{std::string(key), "must be true or false"};
  return v->as_bool();
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

// A list of short keys ("waiting_time"): lower-case letters, digits, '_'.
std::vector<std::string> key_list_field(const json::object &obj, std::string_view key,
                                        const std::vector<std::string> &fallback,
                                        std::size_t min, std::size_t max) {
  const auto *v = obj.if_contains(key);
  if (!v)
    return fallback;
  const std::string field(key);
  if (!v->is_array())
    throw Reject{field, "must be a list of keys"};
  const auto &list = v->as_array();
  if (list.size() < min || list.size() > max)
    throw Reject{field, "must hold between " + std::to_string(min) + " and " +
                            std::to_string(max) + " keys"};
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!list[i].is_string() || list[i].as_string().empty())
      throw Reject{at, "must be a non-empty string"};
    std::string k(list[i].as_string());
    for (char c : k)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
        throw Reject{at, "\"" + k + "\" may hold only a-z, 0-9 and _"};
    for (const auto &seen : keys)
      if (seen == k)
        throw Reject{at, "\"" + k + "\" is listed twice"};
    keys.push_back(std::move(k));
  }
  return keys;
}

PrinterSettings parse_printer(const json::value &v) {
  if (!v.is_object())
    throw Reject{"printer", "must be an object"};
  const auto &obj = v.as_object();
  reject_unknown_keys(obj, "printer.",
                      {"queue", "cups_server", "paper_width_dots", "format", "direct"});
  PrinterSettings printer;
  const std::string none;
  printer.direct = string_field(obj, "direct", "printer.", &none);
  if (!printer.direct.empty()) {
    // HOST:PORT or HOST (port 9100); the port, when given, a number.
    const auto colon = printer.direct.rfind(':');
    const std::string port =
        colon == std::string::npos ? "9100" : printer.direct.substr(colon + 1);
    if (printer.direct.front() == ':' || port.empty() ||
        port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) < 1 || std::stoi(port) > 65535)
      throw Reject{"printer.direct", "must be HOST:PORT, e.g. 192.168.1.50:9100"};
  }
  // A direct printer needs no CUPS queue; otherwise the queue is the printer.
  printer.queue =
      string_field(obj, "queue", "printer.", printer.direct.empty() ? nullptr : &none);
  if (printer.queue.empty() && printer.direct.empty())
    throw Reject{"printer.queue", "must not be empty"};
  const std::string automatic = "auto";
  printer.format = string_field(obj, "format", "printer.", &automatic);
  if (printer.format != "auto" && printer.format != "escpos" &&
      printer.format != "pwg-raster")
    throw Reject{"printer.format", "must be \"auto\", \"escpos\" or \"pwg-raster\""};
  if (!printer.direct.empty() && printer.format == "pwg-raster")
    throw Reject{"printer.format", "a direct printer takes ESC/POS only"};
  printer.cups_server = string_field(obj, "cups_server", "printer.", &none);
  printer.paper_width_dots =
      int_field(obj, "paper_width_dots", "printer.", printer.paper_width_dots, 128, 1024);
  // ESC/POS raster rows are whole bytes.
  if (printer.paper_width_dots % 8 != 0)
    throw Reject{"printer.paper_width_dots", "must be a multiple of 8"};
  return printer;
}

// ticket_url defaults to the station's own URL, which the kiosk already knows
// reaches the station.
ReceiptSettings parse_receipt(const json::value *v, const std::string &station_url) {
  ReceiptSettings receipt;
  receipt.ticket_url = station_url;
  if (!v)
    return receipt;
  if (!v->is_object())
    throw Reject{"receipt", "must be an object"};
  const auto &obj = v->as_object();
  reject_unknown_keys(obj, "receipt.", {"footer", "ticket_url", "logo"});
  const std::string none;
  receipt.footer = string_field(obj, "footer", "receipt.", &none);
  // Two lines at most on 58 mm paper; a paragraph belongs on the wall.
  if (receipt.footer.size() > 200)
    throw Reject{"receipt.footer", "must be at most 200 bytes"};
  receipt.ticket_url = string_field(obj, "ticket_url", "receipt.", &station_url);
  while (!receipt.ticket_url.empty() && receipt.ticket_url.back() == '/')
    receipt.ticket_url.pop_back();
  const std::string_view url = receipt.ticket_url;
  const auto has_host = [url](std::string_view scheme) {
    return url.starts_with(scheme) && url.size() > scheme.size();
  };
  if (!url.empty() && !has_host("http://") && !has_host("https://"))
    throw Reject{"receipt.ticket_url",
                 "must look like http://HOST:PORT or https://HOST, or be empty"};
  if (url.size() > 120) // the QR code must stay readable at 58 mm
    throw Reject{"receipt.ticket_url", "must be at most 120 bytes"};
  if (obj.contains("logo"))
    receipt.logo_path = string_field(obj, "logo", "receipt.", nullptr);
  return receipt;
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
                      {"format_version",
                       "station_url",
                       "station_certificate_sha256",
                       "printer",
                       "receipt",
                       "language",
                       "orientation",
                       "ticket_screen_seconds",
                       "request_timeout_ms",
                       "catalog_refresh_seconds",
                       "mode",
                       "priority_groups",
                       "rating_levels",
                       "rating_reasons",
                       "ticket_link",
                       "out_of_service",
                       "inactivity_seconds",
                       "countdown_seconds",
                       "attract_seconds",
                       "thanks_seconds",
                       "rating_repeat_seconds",
                       "state_dir",
                       "journal_path",
                       "journal_retention_days",
                       "offline_tickets",
                       "offline_fallback_ms",
                       "offline_lease_size",
                       "offline_refill_below"});

  KioskConfig config;
  config.station_url = string_field(top, "station_url", "", nullptr);
  const bool https = config.station_url.starts_with("https://");
  const std::string_view scheme = https ? "https://" : "http://";
  if (!config.station_url.starts_with(scheme) ||
      config.station_url.size() <= scheme.size())
    throw Reject{"station_url", "must look like http://HOST:PORT or https://HOST:PORT"};
  const std::string no_pin;
  config.station_certificate_sha256 =
      string_field(top, "station_certificate_sha256", "", &no_pin);
  const auto &pin = config.station_certificate_sha256;
  if (https && pin.empty())
    throw Reject{"station_certificate_sha256",
                 "is required with https: run motcua-kiosk provision, which pins the "
                 "station's certificate"};
  if (!https && !pin.empty())
    throw Reject{"station_certificate_sha256", "is for an https station_url only"};
  if (!pin.empty() && (pin.size() != 64 ||
                       pin.find_first_not_of("0123456789abcdef") != std::string::npos))
    throw Reject{"station_certificate_sha256", "must be 64 lowercase hex digits"};

  const auto *printer = top.if_contains("printer");
  if (!printer)
    throw Reject{"printer", "is missing"};
  config.printer = parse_printer(*printer);
  config.receipt = parse_receipt(top.if_contains("receipt"), config.station_url);

  config.language = string_field(top, "language", "", &config.language);
  if (config.language != "vi" && config.language != "en")
    throw Reject{"language", "is \"" + config.language + "\"; must be \"vi\" or \"en\""};
  const std::string automatic(orientation_name(config.orientation));
  const std::string orientation = string_field(top, "orientation", "", &automatic);
  auto parsed_orientation = parse_orientation_name(orientation);
  if (!parsed_orientation)
    throw Reject{"orientation",
                 "is \"" + orientation +
                     "\"; must be \"auto\", \"landscape\" or \"portrait\""};
  config.orientation = *parsed_orientation;
  config.ticket_screen_seconds =
      int_field(top, "ticket_screen_seconds", "", config.ticket_screen_seconds, 1, 120);
  config.request_timeout_ms =
      int_field(top, "request_timeout_ms", "", config.request_timeout_ms, 100, 60000);
  config.catalog_refresh_seconds = int_field(top, "catalog_refresh_seconds", "",
                                             config.catalog_refresh_seconds, 1, 86400);

  const std::string mode(mode_name(config.mode));
  const std::string mode_text = string_field(top, "mode", "", &mode);
  auto parsed_mode = parse_mode_name(mode_text);
  if (!parsed_mode)
    throw Reject{"mode", "is \"" + mode_text +
                             "\"; must be \"arrival\", \"departure\" or \"both\""};
  config.mode = *parsed_mode;
  const std::string link(ticket_link_name(config.ticket_link));
  const std::string link_text = string_field(top, "ticket_link", "", &link);
  auto parsed_link = parse_ticket_link_name(link_text);
  if (!parsed_link)
    throw Reject{"ticket_link",
                 "is \"" + link_text + "\"; must be \"off\", \"before\" or \"after\""};
  config.ticket_link = *parsed_link;
  config.priority_groups =
      key_list_field(top, "priority_groups", config.priority_groups, 0, 6);
  config.rating_reasons =
      key_list_field(top, "rating_reasons", config.rating_reasons, 0, 8);
  config.rating_levels = int_field(top, "rating_levels", "", config.rating_levels, 3, 5);
  config.out_of_service = bool_field(top, "out_of_service", config.out_of_service);
  config.inactivity_seconds =
      int_field(top, "inactivity_seconds", "", config.inactivity_seconds, 5, 600);
  config.countdown_seconds =
      int_field(top, "countdown_seconds", "", config.countdown_seconds, 0, 30);
  config.attract_seconds =
      int_field(top, "attract_seconds", "", config.attract_seconds, 10, 86400);
  config.thanks_seconds =
      int_field(top, "thanks_seconds", "", config.thanks_seconds, 1, 60);
  config.rating_repeat_seconds =
      int_field(top, "rating_repeat_seconds", "", config.rating_repeat_seconds, 0, 600);
  const std::string none;
  config.state_dir = string_field(top, "state_dir", "", &none);
  config.journal_path = string_field(top, "journal_path", "", &none);
  config.journal_retention_days =
      int_field(top, "journal_retention_days", "", config.journal_retention_days, 1, 366);
  config.offline_tickets = bool_field(top, "offline_tickets", config.offline_tickets);
  // Issue 6: a citizen never waits more than a second for a dead station.
  config.offline_fallback_ms =
      int_field(top, "offline_fallback_ms", "", config.offline_fallback_ms, 100, 1000);
  config.offline_lease_size =
      int_field(top, "offline_lease_size", "", config.offline_lease_size, 1, 200);
  config.offline_refill_below =
      int_field(top, "offline_refill_below", "", config.offline_refill_below, 0, 200);
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

std::optional<int> paper_dots_for_mm(std::string_view millimetres) {
  if (millimetres == "80")
    return kPaper80mmDots;
  if (millimetres == "58")
    return kPaper58mmDots;
  return std::nullopt;
}

bool is_paper_width(int dots) { return dots == kPaper80mmDots || dots == kPaper58mmDots; }

ScreenSettings screen_settings(const KioskConfig &config) {
  ScreenSettings s;
  s.mode = config.mode;
  s.language = config.language;
  s.priority_groups = config.priority_groups;
  s.rating_levels = config.rating_levels;
  s.rating_reasons = config.rating_reasons;
  s.ticket_link = config.ticket_link;
  s.out_of_service = config.out_of_service;
  using std::chrono::seconds;
  s.timings.ticket_screen = seconds(config.ticket_screen_seconds);
  s.timings.inactivity = seconds(config.inactivity_seconds);
  s.timings.countdown = seconds(config.countdown_seconds);
  s.timings.attract = seconds(config.attract_seconds);
  s.timings.thanks_screen = seconds(config.thanks_seconds);
  s.timings.rating_repeat = seconds(config.rating_repeat_seconds);
  s.offline_tickets = config.offline_tickets;
  s.timings.offline_fallback = std::chrono::milliseconds(config.offline_fallback_ms);
  return s;
}

std::string resolve_state_dir(const KioskConfig &config, const std::string &config_path,
                              const std::string &state_directory_env) {
  std::string dir = config.state_dir;
  if (dir.empty())
    dir = state_directory_env.substr(0, state_directory_env.find(':')); // first of a list
  if (dir.empty()) {
    const auto slash = config_path.rfind('/');
    dir = slash == std::string::npos ? "." : config_path.substr(0, slash);
    if (dir.empty())
      dir = "/";
  }
  if (dir.back() != '/')
    dir += '/';
  return dir;
}

std::string resolve_journal_path(const KioskConfig &config,
                                 const std::string &config_path,
                                 const std::string &state_directory_env) {
  if (!config.journal_path.empty())
    return config.journal_path;
  return resolve_state_dir(config, config_path, state_directory_env) + "journal.db";
}

std::string resolve_token_path(const KioskConfig &config, const std::string &config_path,
                               const std::string &state_directory_env) {
  return resolve_state_dir(config, config_path, state_directory_env) + "kiosk.token";
}

Result<KioskConfig, ConfigError> load_kiosk_config(const std::string &path) {
  auto text = read_text_file(path);
  if (!text)
    return unexpected(ConfigError{path, "(file)", text.error()});
  return parse_kiosk_config(*text, path);
}

} // namespace motcua::kiosk
