#include "kiosk/shell/provision_command.hpp"

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/technician_pin.hpp"
#include "kiosk/shell/config_file.hpp"
#include "kiosk/shell/enrollment.hpp"
#include "kiosk/shell/kiosk_token.hpp"
#include "kiosk/shell/pin_command.hpp"
#include "kiosk/shell/printer_probe.hpp"
#include "kiosk/shell/station_address.hpp"
#include "kiosk/shell/subcommand_options.hpp"
#include "net/client/station_client.hpp"
#include "net/journal/journal.hpp"
#include "net/protocol/kiosk_health.hpp"
#include "net/system/secret_line.hpp"
#include "net/tls/certificate_pin.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <ostream>
#include <pwd.h>
#include <set>
#include <sys/statvfs.h>
#include <unistd.h>

namespace motcua::kiosk {

namespace fs = std::filesystem;
namespace json = boost::json;
using Options = SubcommandOptions;

namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;
constexpr auto kStationTimeout = std::chrono::milliseconds(5000);

const char *const kUsage =
    "usage: motcua-kiosk provision --server URL --code CODE\n"
    "                              (--printer QUEUE | --direct HOST:PORT)\n"
    "                              [--mode arrival|departure|both] [--language vi|en]\n"
    "                              [--cups-server HOST:PORT] [--paper-width 80|58]\n"
    "                              [--orientation auto|landscape|portrait]\n"
    "                              [--name NAME] [--config FILE] [--state-dir DIR]\n"
    "                              [--pin-file FILE|-]\n"
    "                              [--cert-sha256 FINGERPRINT]  (https: the station's\n"
    "                              certificate; without it the one presented is pinned)\n"
    "       motcua-kiosk doctor [--config FILE]\n"
    "  FILE defaults to /etc/motcua/kiosk.json, DIR to /var/lib/motcua-kiosk.\n";

std::string option(const Options &o, const std::string &name,
                   const std::string &fallback) {
  auto it = o.find(name);
  return it == o.end() ? fallback : it->second;
}

template <typename T> T wait_for(std::function<void(std::function<void(T)>)> start) {
  std::promise<T> answer;
  auto future = answer.get_future();
  start([&answer](T value) { answer.set_value(std::move(value)); });
  return future.get();
}

// Gives the kiosk's account what provisioning wrote as root.
void hand_to_kiosk_account(const std::string &path) {
  if (::geteuid() != 0)
    return;
  if (const passwd *account = ::getpwnam("motcua-kiosk"))
    if (::chown(path.c_str(), account->pw_uid, account->pw_gid) != 0) {
      // Reported by doctor when the kiosk cannot read it; nothing to undo here.
    }
}

int provision(const Options &o, std::ostream &out, std::ostream &err) {
  for (const char *required : {"--server", "--code"})
    if (!o.count(required)) {
      err << "motcua-kiosk: provision needs " << required << "\n" << kUsage;
      return kExitUsage;
    }
  if (o.count("--printer") == o.count("--direct")) {
    err << "motcua-kiosk: provision needs --printer QUEUE or --direct HOST:PORT\n"
        << kUsage;
    return kExitUsage;
  }
  const std::string config_path = option(o, "--config", kDefaultConfigPath);
  const std::string state_dir = option(o, "--state-dir", kDefaultStateDir);
  // The PIN is checked before the one-time code is spent.
  std::optional<std::string> pin;
  if (o.count("--pin-file")) {
    auto line = read_secret_line(o.at("--pin-file"), std::cin);
    if (line)
      if (auto problem = pin_problem(*line))
        line = unexpected(*problem);
    if (!line) {
      err << "motcua-kiosk: --pin-file: " << line.error() << "\n";
      return kExitUsage;
    }
    pin = *line;
  }

  // The configuration first, checked as the kiosk will read it.
  NewConfig fresh;
  fresh.station_url = o.at("--server");
  fresh.queue = option(o, "--printer", "");
  fresh.direct = option(o, "--direct", "");
  fresh.cups_server = option(o, "--cups-server", "");
  // --paper (dots) is the older spelling of --paper-width (millimetres).
  if (o.count("--paper-width") || o.count("--paper")) {
    const bool mm = o.count("--paper-width") > 0;
    const std::string given = mm ? o.at("--paper-width") : o.at("--paper");
    const auto dots = mm                                 ? paper_dots_for_mm(given)
                      : given == "576" || given == "384" ? std::optional(std::stoi(given))
                                                         : std::nullopt;
    if (!dots || (o.count("--paper-width") && o.count("--paper"))) {
      err << "motcua-kiosk: --paper-width must be 80 or 58 (mm)\n";
      return kExitUsage;
    }
    fresh.paper_width_dots = *dots;
  }
  fresh.mode = option(o, "--mode", "both");
  fresh.language = option(o, "--language", "vi");
  fresh.orientation = option(o, "--orientation", "auto");
  fresh.state_dir = state_dir;
  const bool https = o.at("--server").starts_with("https://");
  std::string cert_pin; // empty with https: the certificate the enrollment sees
  if (o.count("--cert-sha256")) {
    auto given = net::parse_sha256_fingerprint(o.at("--cert-sha256"));
    if (!given || !https) {
      err << "motcua-kiosk: --cert-sha256: "
          << (given ? "only with an https:// --server" : given.error()) << "\n";
      return kExitUsage;
    }
    cert_pin = *given;
  }
  // Checked as the kiosk will read it before the code is spent; a pin still
  // to be learnt stands in as zeros.
  if (https)
    fresh.station_certificate_sha256 = cert_pin.empty() ? std::string(64, '0') : cert_pin;
  auto checked = parse_kiosk_config(new_config_text(fresh), config_path);
  if (!checked) {
    err << "motcua-kiosk: " << checked.error().to_string() << "\n";
    return kExitUsage;
  }
  checked->station_certificate_sha256 = cert_pin;
  auto station = station_address(*checked);
  if (!station) {
    err << "motcua-kiosk: --server: " << station.error() << "\n";
    return kExitUsage;
  }
  // A damaged configuration may be the only record of a site's settings.
  std::error_code ec;
  if (fs::exists(config_path, ec)) {
    auto existing = load_kiosk_config(config_path);
    if (!existing) {
      err << "motcua-kiosk: the existing configuration is damaged or of another version: "
          << existing.error().to_string() << "\nMove it aside to provision anew.\n";
      return kExitFailed;
    }
  }

  char host[256] = "kiosk";
  ::gethostname(host, sizeof host - 1);
  net::StationClient client(*station, kStationTimeout);
  auto enrolled = wait_for<Result<net::StationClient::Enrollment, net::StationError>>(
      [&](auto done) { client.enroll(o.at("--code"), option(o, "--name", host), done); });
  if (!enrolled) {
    err << "motcua-kiosk: enrollment at " << checked->station_url
        << " failed: " << describe_station_error(enrolled.error()) << "\n";
    if (enrolled.error().http_status == 403)
      err << "Ask the station's admin page (or motcua-station admin enrollment-code) for "
             "a "
             "new code: each code works once, for 24 hours.\n";
    return kExitFailed;
  }

  if (https) {
    checked->station_certificate_sha256 = enrolled->certificate_sha256;
    fresh.station_certificate_sha256 = enrolled->certificate_sha256;
  }
  const std::string text = new_config_text(fresh);
  fs::create_directories(state_dir, ec);
  fs::create_directories(fs::path(config_path).parent_path().empty()
                             ? fs::path(".")
                             : fs::path(config_path).parent_path(),
                         ec);
  hand_to_kiosk_account(state_dir);
  const std::string token_path = resolve_token_path(*checked, config_path, "");
  if (auto error = write_kiosk_token(token_path, enrolled->token)) {
    err << "motcua-kiosk: " << *error << "\n";
    return kExitFailed;
  }
  hand_to_kiosk_account(token_path);
  if (pin) {
    if (auto error = store_technician_pin(state_dir, *pin)) {
      err << "motcua-kiosk: the technician PIN was not set: " << *error << "\n";
      return kExitFailed;
    }
    hand_to_kiosk_account((fs::path(state_dir) / kPinFileName).string());
  }
  if (auto error = install_config_text(config_path, text)) {
    err << "motcua-kiosk: " << *error << "\n";
    return kExitFailed;
  }
  // The technician's settings page rewrites the file (atomically: a new file
  // renamed in the folder) as the kiosk's account.
  hand_to_kiosk_account(config_path);
  hand_to_kiosk_account(fs::path(config_path).parent_path().string());
  out << "enrolled as kiosk " << enrolled->kiosk_id << " at " << checked->station_url
      << "\n"
      << "token: " << token_path << "\nconfiguration: " << config_path << "\n";
  if (https)
    out << "station certificate SHA-256 " << enrolled->certificate_sha256
        << (cert_pin.empty() ? " (pinned as presented: compare it with the station's log)"
                             : " (as given)")
        << "\n";
  const auto status = printer_status_now(checked->printer);
  out << "printer " << printer_name(checked->printer) << ": " << status.names() << " — "
      << status.message("en") << "\n";
  if (!status.can_print())
    out << "warning: the printer cannot print now; try motcua-kiosk test-print once it "
           "is "
           "ready\n";
  return kExitOk;
}

int doctor(const Options &o, std::ostream &out, std::ostream &err) {
  const std::string config_path = option(o, "--config", kDefaultConfigPath);
  auto config = load_kiosk_config(config_path);
  if (!config) {
    err << "configuration: FAIL " << config.error().to_string() << "\n";
    return kExitUsage;
  }
  bool serves = true;
  auto line = [&out](const std::string &what, bool ok, const std::string &detail) {
    out << what << ": " << (ok ? "ok" : "FAIL") << (detail.empty() ? "" : " — " + detail)
        << "\n";
  };
  line("configuration", true, config_path);
  const char *state_env = std::getenv("STATE_DIRECTORY");
  const std::string env = state_env ? state_env : "";

  auto token = read_kiosk_token(resolve_token_path(*config, config_path, env));
  if (!token) {
    line("enrollment", false, token.error());
    serves = false;
  } else {
    line("enrollment", !token->empty(),
         token->empty() ? "no token: run motcua-kiosk provision" : "token present");
    serves = serves && !token->empty();
  }

  auto station = station_address(*config);
  if (station) {
    net::StationClient client(*station, kStationTimeout);
    if (token && !token->empty())
      client.set_bearer_token(*token);
    const auto t0 = std::chrono::steady_clock::now();
    auto catalog = wait_for<Result<Catalog, net::StationError>>(
        [&](auto done) { client.fetch_catalog(done); });
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - t0)
                        .count();
    line("station " + config->station_url, catalog.has_value(),
         catalog ? std::to_string(ms) + " ms, " +
                       std::to_string(catalog->services.size()) + " services"
                 : describe_station_error(catalog.error()));
    serves = serves && catalog.has_value();
    if (catalog && token && !token->empty()) {
      KioskHealth health;
      health.version = "doctor";
      auto accepted = wait_for<Result<bool, net::StationError>>(
          [&](auto done) { client.report_health(kiosk_health_to_json(health), done); });
      line("token accepted by the station", accepted.has_value(),
           accepted ? "" : describe_station_error(accepted.error()));
      serves = serves && accepted.has_value();
    }
  } else {
    line("station", false, station.error());
    serves = false;
  }

  const auto status = printer_status_now(config->printer);
  line("printer " + printer_name(config->printer), status.can_print(),
       status.names() + " — " + std::string(status.message("en")) +
           (status.detail.empty() ? "" : " (" + status.detail + ")"));
  serves = serves && status.can_print();

  const std::string journal_path = resolve_journal_path(*config, config_path, env);
  std::error_code ec;
  if (!fs::exists(journal_path, ec)) {
    line("journal", true, journal_path + " not created yet (the kiosk has not run)");
  } else {
    auto journal = net::Journal::open(journal_path);
    if (!journal) {
      line("journal", false, journal.error().message);
      serves = false;
    } else if (auto counts = (*journal)->counts()) {
      line("journal", true,
           std::to_string(counts->unsent_ratings) + " ratings and " +
               std::to_string(counts->unsent_tickets) +
               " offline tickets waiting to be sent, " +
               std::to_string(counts->rejected_ratings + counts->rejected_tickets) +
               " refused by the station");
    }
  }

  struct statvfs disk {};
  const std::string state_dir = resolve_state_dir(*config, config_path, env);
  if (::statvfs(state_dir.c_str(), &disk) == 0) {
    const double free_mb =
        static_cast<double>(disk.f_bavail) * static_cast<double>(disk.f_frsize) / 1e6;
    const bool enough = free_mb >= 100;
    line("disk " + state_dir, enough,
         std::to_string(static_cast<long>(free_mb)) + " MB free");
    serves = serves && enough;
  } else {
    line("disk " + state_dir, false, "the state folder does not exist");
    serves = false;
  }
  out << (serves ? "the kiosk can serve\n" : "the kiosk cannot serve: see FAIL above\n");
  return serves ? kExitOk : kExitFailed;
}

} // namespace

std::optional<int> run_provision_command(const std::vector<std::string> &args,
                                         std::ostream &out, std::ostream &err) {
  if (args.empty() || (args[0] != "provision" && args[0] != "doctor"))
    return std::nullopt;
  if (args.size() == 2 && args[1] == "--help") {
    out << kUsage;
    return kExitOk;
  }
  auto options =
      args[0] == "provision"
          ? parse_subcommand_options(args, {"--server", "--code", "--printer", "--direct",
                                            "--mode", "--language", "--cups-server",
                                            "--paper", "--paper-width", "--orientation",
                                            "--name", "--cert-sha256", "--config",
                                            "--state-dir", "--pin-file"})
          : parse_subcommand_options(args, {"--config"});
  if (!options) {
    err << "motcua-kiosk: " << options.error() << "\n" << kUsage;
    return kExitUsage;
  }
  return args[0] == "provision" ? provision(*options, out, err)
                                : doctor(*options, out, err);
}

} // namespace motcua::kiosk
