// motcua-station: wiring only. Options → time zone → catalog → storage →
// HTTP server; then wait for SIGTERM/SIGINT.
#include "net/protocol/catalog.hpp"
#include "net/system/atomic_file.hpp"
#include "net/system/install_paths.hpp"
#include "net/system/systemd_notify.hpp"
#include "server/admin_command.hpp"
#include "server/api/api_handler.hpp"
#include "server/api/queue_broadcast.hpp"
#include "server/api/stream_hub.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/http/http_server.hpp"
#include "server/log.hpp"
#include "server/reports/station_reports.hpp"
#include "server/station_clock.hpp"
#include "server/station_options.hpp"
#include "server/storage/station_store.hpp"
#include "server/version.hpp"
#include "server/web/static_files.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <pthread.h>

namespace {

constexpr int kExitRuntimeFailure = 1;
constexpr int kExitConfigurationError = 2;

std::string printable_address(const std::string &host, unsigned short port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace

int main(int argc, char **argv) {
  using namespace motcua::station;

  // The installed package's files, or the source tree's in a build.
  const std::string assets = motcua::assets_dir(MOTCUA_ASSETS_DIR);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "admin") {
    if (args.size() == 2 && args[1] == "--help") {
      std::cout << admin_usage();
      return 0;
    }
    auto command = parse_admin_command({args.begin() + 1, args.end()});
    if (!command) {
      std::cerr << "motcua-station admin: " << command.error() << "\n";
      return kExitConfigurationError;
    }
    return run_admin_command(*command, std::cin, std::cout, std::cerr);
  }
  auto options = parse_station_options(args, "");
  if (!options) {
    log_problem(options.error());
    return kExitConfigurationError;
  }
  // Without --catalog the station runs its own DATA/catalog.json (or the
  // installed default until one is saved): the admin pages may edit it.
  const bool own_catalog = options->catalog_file.empty();
  if (own_catalog)
    options->catalog_file =
        station_catalog_path(options->data_dir, assets + "/catalog/default.json");
  if (options->show_help) {
    std::cout << station_usage();
    return 0;
  }
  if (options->show_version) {
    std::cout << "motcua-station " << station_version() << "\n";
    return 0;
  }

  if (auto error = set_station_time_zone(options->time_zone)) {
    log_problem(*error);
    return kExitConfigurationError;
  }
  auto catalog = motcua::load_catalog_file(options->catalog_file);
  if (!catalog) {
    log_problem("bad catalog: " + catalog.error().to_string());
    return kExitConfigurationError;
  }
  auto store = open_sqlite_station_store(options->data_dir);
  if (!store) {
    log_problem(store.error().message);
    return kExitRuntimeFailure;
  }
  DeskOptions desk_options;
  desk_options.always_issuing = options->always_issuing;
  auto desk = QueueDesk::open(*catalog, desk_options, **store, system_clock());
  if (!desk) {
    log_problem(desk.error());
    return kExitRuntimeFailure;
  }
  StreamHub hub;
  StreamHub ticket_pages; // the citizens' phones: a ping, no names
  (*desk)->set_listener(
      [&hub, &ticket_pages](const std::vector<queue::QueueEvent> &events) {
        broadcast(hub, events);
        ping_ticket_pages(ticket_pages, events);
      });
  retain_counts(hub, (*desk)->snapshot().counts,
                queue::station_time(to_local_time(system_clock()())));
  AuthOptions auth_options;
  auth_options.open_kiosk_api = options->open_kiosk_api;
  Authenticator auth(**store, system_clock(), auth_options);
  if (!options->admin_password_file.empty()) {
    std::ifstream in(options->admin_password_file);
    std::string password;
    if (!in || !std::getline(in, password) || password.size() < 8) {
      log_problem("cannot read a password of at least 8 characters from " +
                  options->admin_password_file);
      return kExitConfigurationError;
    }
    auto existing = (*store)->find_officer("admin");
    if (existing && !*existing)
      if (auto error = auth.create_officer("admin", "admin", Role::chief, password)) {
        log_problem("cannot create the admin account: " + error->message);
        return kExitRuntimeFailure;
      }
  }
  // The words of the page behind the ticket's QR code: a missing one stops
  // the station here rather than showing a key to a citizen.
  auto page_texts = TicketPageTexts::load(assets + "/i18n");
  if (!page_texts) {
    log_problem("ticket page texts: " + page_texts.error());
    return kExitConfigurationError;
  }
  const motcua::Catalog api_catalog = *catalog; // the reports keep their own copy
  ApiHandler api(std::move(catalog).value(), **desk, **store, auth, system_clock());
  api.set_ticket_page_texts(std::move(page_texts).value());
  const StaticFiles web(options->web_dir.empty()
                            ? std::filesystem::path(assets + "/web")
                            : std::filesystem::path(options->web_dir));
  api.set_web_files(&web);
  CalloutVoice voice; // espeak-ng, for boards whose browser cannot speak Vietnamese
  api.set_callout_voice(&voice);
  auto reports = StationReports::open(options->data_dir, api_catalog);
  if (!reports) {
    log_problem("reports: " + reports.error());
    return kExitRuntimeFailure;
  }
  api.set_reports(reports->get());
  std::optional<CatalogFile> catalog_file;
  if (own_catalog) {
    catalog_file.emplace(
        (std::filesystem::path(options->data_dir) / "catalog.json").string(),
        api_catalog);
    api.set_catalog_file(&*catalog_file);
  }

  // Blocked before any thread starts, so every thread inherits the mask and
  // only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  HttpServerOptions http;
  http.host = options->listen.host;
  http.port = options->listen.port;
  http.tls_certificate_file = options->tls_certificate_file;
  http.tls_private_key_file = options->tls_private_key_file;
  StreamEndpoint stream{
      &hub, [&api](const ApiRequest &request) { return api.authorize_stream(request); }};
  // A waiting room's phones, each following its ticket page (sent the page
  // anew when it changes); their own places (a full waiting room at peak,
  // with room to spare), none of the kiosks'.
  StreamEndpoint phones{
      &ticket_pages,
      [&api](const ApiRequest &request) { return api.authorize_ticket_stream(request); },
      "/t/",
      true,
      512,
      [&api](const ApiRequest &request) { return api.ticket_stream_frame(request); }};
  auto server = HttpServer::start(
      http, [&api](const ApiRequest &request) { return api.handle(request); },
      {stream, phones});
  if (!server) {
    log_problem(server.error());
    return kExitRuntimeFailure;
  }
  if (!options->port_file.empty()) {
    if (auto error = motcua::write_file_atomically(
            options->port_file, std::to_string((*server)->port()) + "\n")) {
      log_problem("cannot write the port file: " + *error);
      return kExitRuntimeFailure;
    }
  }
  std::cout << "motcua-station listening on "
            << ((*server)->tls() ? "https://" : "http://")
            << printable_address((*server)->host(), (*server)->port()) << std::endl;
  if ((*server)->tls())
    std::cout << "TLS certificate SHA-256 " << (*server)->tls_certificate_sha256()
              << " (kiosks pin it at enrollment)" << std::endl;

  std::cout << "catalog " << options->catalog_file << ", data " << options->data_dir
            << std::endl;

  // Under systemd: ready now; then alive only while an I/O thread still
  // answers, so a station whose threads all hang is restarted.
  const auto systemd = motcua::SystemdNotifier::from_environment();
  systemd.ready();
  const auto alive_every = systemd.alive_interval();
  int signal_number = 0;
  for (;;) {
    if (!alive_every) {
      sigwait(&stop_signals, &signal_number);
      break;
    }
    const auto ms = alive_every->count();
    const timespec wait{static_cast<time_t>(ms / 1000),
                        static_cast<long>(ms % 1000) * 1000000L};
    signal_number = sigtimedwait(&stop_signals, nullptr, &wait);
    if (signal_number > 0)
      break;
    if ((*server)->responsive(*alive_every / 2))
      systemd.alive();
    else
      log_problem("no I/O thread answered in " + std::to_string(ms / 2) +
                  " ms: not telling the watchdog");
  }
  systemd.stopping();
  log_line(std::string("stopping on ") +
           (signal_number == SIGINT ? "SIGINT" : "SIGTERM"));
  (*server)->stop();
  return 0;
}
