// motcua-kiosk: wires the pure screens (kiosk/app) to the window (kiosk/ui),
// the station client and the printer, and runs the one UI loop.
#include "kiosk/app/cli_options.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/late_answers.hpp"
#include "kiosk/app/overloaded.hpp"
#include "kiosk/app/printer_health.hpp"
#include "kiosk/app/read_file.hpp"
#include "kiosk/app/screen_machine.hpp"
#include "kiosk/app/script_player.hpp"
#include "kiosk/app/technician_texts.hpp"
#include "kiosk/app/texts.hpp"
#include "kiosk/app/ticket_print_job.hpp"
#include "kiosk/shell/kiosk_display.hpp"
#include "kiosk/shell/kiosk_token.hpp"
#include "kiosk/shell/pin_command.hpp"
#include "kiosk/shell/print_pipeline.hpp"
#include "kiosk/shell/printer_admin_command.hpp"
#include "kiosk/shell/printer_commands.hpp"
#include "kiosk/shell/printer_probe.hpp"
#include "kiosk/shell/provision_command.hpp"
#include "kiosk/shell/request_key.hpp"
#include "kiosk/shell/setup_wizard.hpp"
#include "kiosk/shell/station_address.hpp"
#include "kiosk/shell/technician_session.hpp"
#include "kiosk/shell/user_events.hpp"
#include "kiosk/ui/input_router.hpp"
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/text_cache.hpp"
#include "kiosk/ui/window.hpp"
#include "net/client/send_result.hpp"
#include "net/client/station_client.hpp"
#include "net/client/stream_client.hpp"
#include "net/journal/journal.hpp"
#include "net/journal/lease_keeper.hpp"
#include "net/journal/rating_outbox.hpp"
#include "net/journal/ticket_outbox.hpp"
#include "net/journal/withdrawal_outbox.hpp"
#include "net/protocol/kiosk_health.hpp"
#include "net/system/install_paths.hpp"
#include "net/system/log.hpp"
#include "net/system/systemd_notify.hpp"
#include "printer/cups_raw_printer.hpp"
#include "printer/direct_escpos_printer.hpp"
#include "printer/document_format.hpp"
#include "printer/printer_monitor.hpp"
#include "printer/receipt.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <random>

using namespace motcua;
using namespace motcua::kiosk;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitStartup = 1;
// How often an idle printer is asked for its paper, cover and queue state: a
// fault shows on the screen within this time (and after every job at once).
constexpr auto kPrinterPollEvery = std::chrono::seconds(5);

void log(const std::string &line, LogLevel level = LogLevel::info) {
  log_line("motcua-kiosk", level, line);
}

IssueFailure to_issue_failure(const net::StationError &e) {
  using K = net::StationError::Kind;
  IssueFailure f;
  switch (e.kind) {
  case K::unreachable:
    f.kind = IssueFailure::Kind::unreachable;
    break;
  case K::timeout:
    f.kind = IssueFailure::Kind::timeout;
    break;
  case K::refused:
    f.kind = IssueFailure::Kind::refused;
    break;
  case K::bad_response:
    f.kind = IssueFailure::Kind::bad_response;
    break;
  }
  f.code = e.code;
  f.message = e.message;
  f.http_status = e.http_status;
  return f;
}

std::string describe_result(const Event &event) {
  return std::visit(
      Overloaded{
          [](const CatalogLoaded &e) {
            return "catalog loaded: " + std::to_string(e.catalog->services.size()) +
                   " services";
          },
          [](const CatalogFailed &e) { return "catalog failed: " + e.message; },
          [](const TicketIssued &e) { return "ticket " + e.ticket.number + " issued"; },
          [](const TicketFailed &e) {
            return "ticket failed: " +
                   (e.failure.code.empty() ? "" : e.failure.code + ": ") +
                   e.failure.message;
          },
          [](const PrintFinished &e) {
            return e.ok ? "print " + e.message + " accepted (" + e.ticket_number + ")"
                        : "print failed (" + e.ticket_number + "): " + e.message;
          },
          [](const PrinterStatusChanged &e) {
            return "printer: " + e.status.names() +
                   (e.status.detail.empty() ? "" : " (" + e.status.detail + ")");
          },
          [](const auto &) { return std::string(); },
      },
      event);
}

// A result a technician should see in `journalctl -p warning`.
bool is_failure(const Event &event) {
  if (const auto *print = std::get_if<PrintFinished>(&event))
    return !print->ok;
  return std::holds_alternative<TicketFailed>(event) ||
         std::holds_alternative<CatalogFailed>(event);
}

struct Loaded {
  KioskConfig config;
  std::map<std::string, Texts, std::less<>> screen_texts; // "vi" and "en"
  Texts receipt_texts;
  net::StationAddress station;
  std::string journal_path;
  std::string token; // from enrollment; empty: not enrolled
};

// Everything read from files, checked before a window opens.
Result<Loaded> load_inputs(const CliOptions &options) {
  auto config = load_kiosk_config(options.config_path);
  if (!config)
    return unexpected(config.error().to_string());
  // Both languages: the citizen switches between them with the toggle.
  std::map<std::string, Texts, std::less<>> screen_texts;
  for (const char *language : {"vi", "en"}) {
    auto texts = Texts::load_language(options.assets_dir, language);
    if (!texts)
      return unexpected(texts.error());
    std::vector<std::string> reason_keys;
    for (const auto &reason : config->rating_reasons)
      reason_keys.push_back("reason." + reason);
    if (auto missing = missing_text_keys(*texts, reason_keys); !missing.empty())
      return unexpected(options.config_path + ": rating_reasons: no text for " +
                        missing[0] + " in i18n/" + language + ".json");
    const auto tech_keys = tech::text_keys();
    if (auto missing = missing_text_keys(
            *texts, std::vector<std::string>(tech_keys.begin(), tech_keys.end()));
        !missing.empty())
      return unexpected("i18n/" + std::string(language) + ".json: no text for " +
                        missing[0]);
    screen_texts.emplace(language, std::move(texts.value()));
  }
  // The receipt speaks the station's language whatever the screen shows.
  Texts receipt_texts = screen_texts.at("vi");
  auto station = station_address(*config);
  if (!station)
    return unexpected(options.config_path + ": " + station.error());
  const char *state_directory = std::getenv("STATE_DIRECTORY");
  std::string journal_path = resolve_journal_path(*config, options.config_path,
                                                  state_directory ? state_directory : "");
  auto token = read_kiosk_token(resolve_token_path(
      *config, options.config_path, state_directory ? state_directory : ""));
  if (!token)
    return unexpected(token.error());
  return Loaded{std::move(config.value()), std::move(screen_texts),
                std::move(receipt_texts),  std::move(station.value()),
                std::move(journal_path),   std::move(token).value()};
}

// Kiosk-local RFC 3339 time of a rating tap, "2026-11-28T08:15:03+07:00".
std::string local_rfc3339_now() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string out(text);
  if (out.size() >= 5) // +0700 -> +07:00
    out.insert(out.size() - 2, ":");
  return out;
}

// The kiosk's local day, "2026-11-28": leases are for the station's day, and
// the kiosk runs in the station's time zone.
std::string local_day() { return local_rfc3339_now().substr(0, 10); }

// A kept UTC offset in seconds; nullopt when the text is not one.
std::optional<long> parse_offset_text(const std::string &text) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < -86400 ||
      value > 86400)
    return std::nullopt;
  return value;
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

net::SendResult to_send_result(const Result<bool, net::StationError> &r) {
  return r ? net::SendResult{true, true, 201, "stored"} : net::send_failure(r.error());
}

// The transport the config names: a CUPS queue (the default), or ESC/POS
// straight to a network printer.
Result<std::unique_ptr<printer::TicketPrinter>>
make_ticket_printer(const PrinterSettings &settings) {
  if (!settings.direct.empty()) {
    auto address = printer::parse_host_port(settings.direct);
    if (!address)
      return unexpected(address.error());
    printer::DirectPrinterSettings direct;
    direct.address = *address;
    return std::unique_ptr<printer::TicketPrinter>(
        std::make_unique<printer::DirectEscPosPrinter>(direct));
  }
  printer::CupsQueue queue{settings.queue, settings.cups_server, 5000};
  if (auto format = printer::format_from_name(settings.format))
    queue.format = *format;
  return std::unique_ptr<printer::TicketPrinter>(
      std::make_unique<printer::CupsRawPrinter>(queue));
}

// The automation script, checked before anything opens.
Result<std::optional<std::vector<script::Line>>> load_script(const CliOptions &options) {
  if (options.script_path.empty())
    return std::optional<std::vector<script::Line>>();
  auto text = read_text_file(options.script_path);
  if (!text)
    return unexpected(options.script_path + ": " + text.error());
  auto parsed = script::parse(*text, options.script_path);
  if (!parsed)
    return unexpected(parsed.error());
  return std::optional(std::move(parsed.value()));
}

// The journal first: a damaged or newer one stops the kiosk here, named,
// before a citizen's rating could be thanked for and then lost.
Result<std::unique_ptr<net::Journal>> open_journal(const std::string &path) {
  auto journal = net::Journal::open(path);
  if (!journal) {
    log("journal: " + journal.error().message, LogLevel::error);
    if (journal.error().kind == net::JournalError::Kind::corrupt)
      log("journal: the file is kept as found; a technician may move it aside to start "
          "a new one (its unsent records are then lost unless recovered)");
    return unexpected(journal.error().message);
  }
  if (auto counts = (*journal)->counts())
    log("journal " + path + ": " + std::to_string(counts->unsent_ratings) +
        " unsent ratings, " + std::to_string(counts->sent_ratings) + " sent");
  return std::move(journal.value());
}

int run(const CliOptions &options, Loaded in, std::unique_ptr<net::Journal> journal,
        KioskDisplay &display, Clock::time_point started) {
  const EventBridge &bridge = display.bridge();
  ui::Window &window = display.window();
  ui::TextCache &text = display.text();
  UiLoop &loop = display.loop();
  window.set_orientation(in.config.orientation);
  const std::string regular = options.assets_dir + "/fonts/NotoSans-Regular.ttf";
  const std::string bold = options.assets_dir + "/fonts/NotoSans-Bold.ttf";
  auto fonts = printer::ReceiptFonts::load(regular, bold);
  if (!fonts) {
    log("receipt fonts: " + fonts.error(), LogLevel::error);
    return kExitStartup;
  }
  auto receipt_extras = load_receipt_extras(in.config.receipt, options.assets_dir);
  if (!receipt_extras) {
    log(receipt_extras.error(), LogLevel::error);
    return kExitStartup;
  }

  int exit_code = 0;
  {
    auto printer_or = make_ticket_printer(in.config.printer);
    if (!printer_or) {
      log("printer: " + printer_or.error(), LogLevel::error);
      return kExitStartup;
    }
    printer::TicketPrinter &ticket_printer = **printer_or;
    log("printer " + printer_name(in.config.printer) + ": paper " +
        std::to_string(in.config.printer.paper_width_dots) + " dots");
    // SDL2_ttf shares one FreeType library between threads: open the receipt
    // faces here, before the print thread and the UI both use it. The logo
    // is scaled here too and kept in the fonts' render cache.
    {
      printer::ReceiptContent sample{.logo = receipt_extras->logo,
                                     .station_name = "X",
                                     .title = "X",
                                     .number = "A000",
                                     .service_label = "X",
                                     .detail_lines = {"X"},
                                     .time_line = "00:00 01/01/2026",
                                     .footer = "X"};
      printer::render_receipt(sample, **fonts, in.config.printer.paper_width_dots);
    }
    PrintPipeline pipeline(
        *fonts, in.receipt_texts, std::move(receipt_extras.value()),
        in.config.printer.paper_width_dots, ticket_printer, [&bridge](PrintFinished f) {
          if (!bridge.push(std::move(f)))
            log("print result lost: SDL event queue full", LogLevel::warning);
        });
    // Paper and cover are polled while idle too, so the screens warn before a
    // citizen taps rather than after a job fails; each job's end asks again.
    printer::PrinterMonitor printer_monitor(
        [settings = in.config.printer] { return printer_status_now(settings); },
        kPrinterPollEvery,
        [&bridge](const printer::PrinterStatus &status) {
          if (!bridge.push(PrinterStatusChanged{status}))
            log("printer status lost: SDL event queue full", LogLevel::warning);
        });
    net::StationClient client(in.station,
                              std::chrono::milliseconds(in.config.request_timeout_ms));
    // Outboxes and leases on their own connection: a ticket request never
    // queues behind an upload to a slow station.
    net::StationClient sync_client(
        in.station, std::chrono::milliseconds(in.config.request_timeout_ms));
    if (in.token.empty())
      log("not enrolled (no token): only a station started with --open-kiosk-api "
          "serves this kiosk; see motcua-kiosk provision");
    client.set_bearer_token(in.token);
    sync_client.set_bearer_token(in.token);
    net::OutboxOptions outbox_options;
    outbox_options.retention = std::chrono::hours(24) * in.config.journal_retention_days;
    std::mt19937_64 jitter_source{std::random_device{}()};
    net::RatingOutbox outbox(
        *journal,
        [&sync_client](const Rating &rating, net::SendDone done) {
          sync_client.submit_rating(
              rating, [done = std::move(done)](Result<bool, net::StationError> r) {
                done(to_send_result(r));
              });
        },
        // The answer waits in the outbox's inbox; a tick makes the loop pump it.
        [&bridge] { bridge.push(Tick{}); },
        [&jitter_source] {
          return std::uniform_real_distribution<double>(0.0, 1.0)(jitter_source);
        },
        [](const std::string &line) { log(line); }, outbox_options);
    auto jitter = [&jitter_source] {
      return std::uniform_real_distribution<double>(0.0, 1.0)(jitter_source);
    };
    net::TicketOutbox ticket_outbox(
        *journal,
        [&sync_client](const net::OfflineTicketRecord &t, net::SendDone done) {
          sync_client.upload_offline_tickets(
              {t.upload},
              [done = std::move(done)](
                  Result<std::vector<OfflineTicketResult>, net::StationError> r) {
                if (r && r->size() == 1)
                  return done(net::to_send_result(r->front()));
                if (r)
                  return done({false, false, 0, "the station answered no result"});
                done(net::send_failure(r.error()));
              });
        },
        [&bridge] { bridge.push(Tick{}); }, jitter,
        [](const std::string &line) { log(line); }, outbox_options);
    // The station's tickets for taps served from the lease, taken back.
    net::WithdrawalOutbox withdrawals(
        *journal,
        [&sync_client](const std::string &key, net::SendDone done) {
          sync_client.withdraw_ticket(
              key, [done = std::move(done)](Result<bool, net::StationError> r) {
                done(net::withdrawal_send_result(r));
              });
        },
        [&bridge] { bridge.push(Tick{}); }, jitter,
        [](const std::string &line) { log(line); }, outbox_options);
    LateAnswers late_answers;
    // After the reducer saw the end of a tap's request: if it fell back to the
    // lease, the station may hold a ticket for it that nobody has.
    auto request_ended = [&](const std::string &key) {
      if (key.empty() || !late_answers.request_ended(key))
        return;
      if (auto e = journal->add_withdrawal(key, wall_ms()))
        log("withdrawal not journaled: " + e->message, LogLevel::warning);
      else
        withdrawals.notify_added();
    };
    // The station's UTC offset, from its lease answers, kept in the journal:
    // offline tickets follow the station's day whatever the kiosk's own zone,
    // also after a restart during an outage. Shared with the io thread.
    constexpr long kNoOffset = std::numeric_limits<long>::min();
    auto station_offset = std::make_shared<std::atomic<long>>(kNoOffset);
    long kept_offset = kNoOffset;
    if (auto kept = journal->cached("station_utc_offset"); kept && *kept)
      if (auto offset = parse_offset_text(**kept))
        *station_offset = kept_offset = *offset;
    auto station_today = [&station_offset] {
      const long offset = *station_offset;
      return offset == kNoOffset
                 ? local_day()
                 : day_at_offset(std::chrono::system_clock::now(), offset);
    };
    net::LeasePolicy lease_policy;
    lease_policy.block_size = in.config.offline_lease_size;
    lease_policy.refill_below = in.config.offline_refill_below;
    net::LeaseKeeper leases(
        *journal,
        [&sync_client, station_offset](const std::string &service, int count,
                                       const std::string &key, net::LeaseDone done) {
          sync_client.lease_block(
              service, count,
              [done = std::move(done),
               station_offset](Result<net::StationClient::Lease, net::StationError> r) {
                if (r) {
                  if (auto offset = rfc3339_utc_offset(r->station_time))
                    *station_offset = *offset;
                  return done(net::LeaseBlock{r->service_id, r->day, r->first, r->last});
                }
                done(unexpected(net::send_failure(r.error())));
              },
              key);
        },
        [&bridge] { bridge.push(Tick{}); }, jitter,
        [](const std::string &line) { log(line); }, lease_policy);
    // The live queue: people waiting per service for the screens (and the
    // line length printed on offline tickets). Its thread has its own jitter.
    std::atomic<bool> stream_up{false};
    net::StreamClient stream(
        in.station,
        [&bridge](WaitingCounts counts) {
          bridge.push(WaitingCountsUpdated{std::move(counts)});
        },
        [&bridge, &stream_up](bool up) {
          stream_up = up;
          log(up ? "stream: subscribed to the live queue"
                 : "stream: lost; reconnecting with backoff");
          bridge.push(Tick{});
        },
        [] {
          thread_local std::mt19937_64 source{std::random_device{}()};
          return std::uniform_real_distribution<double>(0.0, 1.0)(source);
        },
        net::StreamOptions{.bearer_token = in.token});
    // The health report: every minute and at once when it changes.
    constexpr auto kHealthEvery = std::chrono::minutes(1);
    std::optional<KioskHealth> health_sent;
    std::optional<TimePoint> health_at;
    // Shared with the answer's callback, which may run while the client stops.
    auto health_in_flight = std::make_shared<std::atomic<bool>>(false);
    // After a failed report only the minute counts: a dead station is not
    // told of every change.
    auto health_failed = std::make_shared<std::atomic<bool>>(false);
    // The catalog again every catalog_refresh_seconds: an admin's edit reaches
    // a kiosk that runs for weeks. On the background connection, so a ticket
    // request never waits behind it.
    const auto catalog_every = std::chrono::seconds(in.config.catalog_refresh_seconds);
    std::optional<TimePoint> catalog_asked_at;
    auto catalog_in_flight = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<const Catalog> leased_catalog; // the catalog `leases` knows
    std::shared_ptr<const Catalog> state_catalog;  // the screens' (for number prefixes)

    auto execute = [&](const Effect &effect) {
      log(describe(effect));
      std::visit(
          Overloaded{
              [&](const FetchCatalog &) {
                client.fetch_catalog([&bridge](Result<Catalog, net::StationError> r) {
                  if (r)
                    bridge.push(CatalogLoaded{
                        std::make_shared<const Catalog>(std::move(r.value()))});
                  else
                    bridge.push(CatalogFailed{r.error().message});
                });
              },
              [&](const IssueTicket &e) {
                client.issue_ticket(
                    TicketRequest{e.service_id, e.priority_group, e.idempotency_key},
                    [&bridge,
                     key = e.idempotency_key](Result<Ticket, net::StationError> r) {
                      if (r)
                        bridge.push(TicketIssued{std::move(r.value()), key});
                      else
                        bridge.push(TicketFailed{to_issue_failure(r.error()), key});
                    });
              },
              [&](const IssueOffline &e) {
                late_answers.fell_back(e.idempotency_key);
                // Journaled (synchronous=FULL) before the ticket screen shows and
                // the printer gets it: the number is never handed out twice.
                const Service *service =
                    state_catalog ? state_catalog->find_service(e.service_id) : nullptr;
                // The station's day, as its blocks name it.
                const std::string day = leases.day();
                OfflineTicketUpload upload{new_request_key(), e.service_id, 0,
                                           e.priority_group, local_rfc3339_now()};
                auto issued = journal->issue_from_lease(
                    day, service ? service->prefix : e.service_id, upload, wall_ms());
                if (!issued) {
                  log("offline ticket NOT journaled: " + issued.error().message,
                      LogLevel::error);
                  bridge.push(OfflineIssueFailed{OfflineIssueFailed::Why::journal,
                                                 e.idempotency_key,
                                                 issued.error().message});
                  return;
                }
                if (!*issued) {
                  bridge.push(OfflineIssueFailed{
                      OfflineIssueFailed::Why::no_lease, e.idempotency_key,
                      "no leased number left for service " + e.service_id});
                  return;
                }
                const net::OfflineTicketRecord &r = **issued;
                ticket_outbox.notify_added();
                leases.notify_taken();
                Ticket ticket;
                ticket.number = r.number;
                ticket.service_id = r.upload.service_id;
                ticket.sequence = r.upload.sequence;
                ticket.day = r.day;
                ticket.issued_at = r.upload.issued_at;
                ticket.priority_group = r.upload.priority_group;
                bridge.push(TicketIssued{std::move(ticket), e.idempotency_key, true});
              },
              [&](const PrintTicket &e) { pipeline.submit(e.ticket, e.catalog); },
              [&](const SubmitRating &e) {
                // Committed (synchronous=FULL) here, before the thank-you frame
                // is painted; the outbox sends it on the next pump.
                Rating rating = e.rating;
                rating.id = new_request_key();
                rating.rated_at = local_rfc3339_now();
                const auto t0 = Clock::now();
                if (auto error = journal->add_rating(rating, wall_ms())) {
                  // Better sent once without a journal than not at all.
                  log("rating " + rating.id + " NOT journaled: " + error->message +
                          "; sending it directly",
                      LogLevel::error);
                  const std::string id = rating.id;
                  client.submit_rating(rating, [id](Result<bool, net::StationError> r) {
                    log(r ? "rating " + id + " stored (unjournaled)"
                          : "rating " + id + " lost: " + r.error().message);
                  });
                  return;
                }
                log("rating " + rating.id + " journaled in " +
                    std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(
                                       Clock::now() - t0)
                                       .count()) +
                    " us");
                outbox.notify_added();
              },
          },
          effect);
    };

    ui::ScreenPainter painter(window.renderer(), text, in.screen_texts);
    // The technician screens behind the corner gesture (docs/KIOSK.md).
    ui::TechnicianPainter technician_painter(window.renderer(), text, in.screen_texts);
    const char *state_env = std::getenv("STATE_DIRECTORY");
    TechnicianSession technician(
        {options.config_path, in.config,
         resolve_state_dir(in.config, options.config_path, state_env ? state_env : ""),
         resolve_token_path(in.config, options.config_path, state_env ? state_env : ""),
         in.station, [&bridge] { bridge.push(Tick{}); },
         [&](tech::DiagnosticFacts &facts) {
           if (auto counts = journal->counts())
             facts.outbox_depth = counts->unsent_ratings + counts->unsent_tickets;
           for (const auto &[service, left] : leases.remaining())
             facts.leases[service] = left;
           facts.version = MOTCUA_KIOSK_VERSION;
           facts.uptime_seconds =
               std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started)
                   .count();
           facts.last_problem = last_logged_problem();
         }},
        technician_painter);
    loop.host().set_screens(&painter, &technician);
    script::Player *const player = loop.player();

    auto first = start(screen_settings(in.config));
    State state = first.state;
    state_catalog = state.catalog;
    bool dirty = true;
    for (const auto &e : first.effects)
      execute(e);

    ui::InputRouter input(new_request_key);
    auto apply = [&](const Event &event, TimePoint now) {
      auto t = reduce(state, event, now);
      if (t.state.screen != state.screen)
        input.forget_press();
      dirty = dirty || t.redraw;
      state = std::move(t.state);
      state_catalog = state.catalog;
      for (const auto &e : t.effects)
        execute(e);
    };

    bool running = true;
    auto handle = [&](const SDL_Event &sdl, TimePoint now) {
      if (sdl.type == SDL_QUIT) { // SIGTERM or SIGINT; Alt+F4 closes nothing
        running = false;
        return;
      }
      if (auto event = bridge.take(sdl)) {
        // The periodic ask found nothing new: no log line, no redraw.
        if (const auto *loaded = std::get_if<CatalogLoaded>(&*event);
            loaded && !loaded->cached && state.catalog &&
            catalog_to_json(*loaded->catalog) == catalog_to_json(*state.catalog))
          return;
        if (auto line = describe_result(*event); !line.empty())
          log(line, is_failure(*event) ? LogLevel::warning : LogLevel::info);
        if (const auto *p = std::get_if<PrintFinished>(&*event)) {
          printer_monitor.poke();
          if (player)
            player->on_print_finished(*p);
        }
        // The station's catalog is kept in the journal; when the station does
        // not answer at start the kept one serves, so a kiosk started during
        // an outage still issues from its leases.
        if (const auto *loaded = std::get_if<CatalogLoaded>(&*event);
            loaded && !loaded->cached) {
          if (auto e = journal->put_cached("catalog", catalog_to_json(*loaded->catalog),
                                           wall_ms()))
            log("catalog not kept: " + e->message, LogLevel::warning);
        } else if (std::holds_alternative<CatalogFailed>(*event) && !state.catalog) {
          auto kept = journal->cached("catalog");
          if (kept && *kept) {
            auto catalog = parse_catalog(**kept, in.journal_path + " (kept catalog)");
            if (catalog) {
              log("station silent: the catalog kept in the journal serves");
              event = CatalogLoaded{std::make_shared<const Catalog>(std::move(*catalog)),
                                    true};
            } else {
              log("kept catalog unreadable: " + catalog.error().to_string(),
                  LogLevel::warning);
            }
          }
        }
        apply(*event, now);
        if (const auto *issued = std::get_if<TicketIssued>(&*event);
            issued && !issued->offline)
          request_ended(issued->idempotency_key);
        else if (const auto *failed = std::get_if<TicketFailed>(&*event))
          request_ended(failed->idempotency_key);
        return;
      }
      if (sdl.type == SDL_WINDOWEVENT) {
        dirty = true;
        return;
      }
      if (sdl.type == SDL_KEYDOWN && sdl.key.keysym.sym == SDLK_ESCAPE &&
          options.windowed) {
        running = false; // a way out for developers; full screen swallows keys
        return;
      }
      if (technician.handle(sdl, window.width(), window.height(), now))
        return;
      auto outcome = input.handle(sdl, state, window.width(), window.height());
      if (outcome.redraw) {
        // The pressed look shows on the frame drawn for this very touch.
        dirty = true;
      }
      if (outcome.event)
        apply(*outcome.event, now);
    };

    while (running) {
      TimePoint now = Clock::now();
      if (technician.pump(now))
        dirty = true;
      if (auto changes = technician.take_changes()) {
        if (changes->token) {
          client.set_bearer_token(*changes->token);
          sync_client.set_bearer_token(*changes->token);
        }
        if (changes->config) { // the technician's settings: the screens start anew
          in.config = *changes->config;
          pipeline.set_paper_width(in.config.printer.paper_width_dots);
          window.set_orientation(in.config.orientation);
          auto restart = start(screen_settings(in.config));
          state = restart.state;
          input.forget_press();
          for (const auto &e : restart.effects)
            execute(e);
        }
        dirty = true;
      }
      if (dirty && technician.active()) {
        window.begin_frame();
        technician.paint(window.width(), window.height());
        loop.present();
        dirty = false;
      }
      if (dirty) {
        window.begin_frame();
        painter.paint(state, window.width(), window.height(), input.pressed());
        dirty = false;
        if (loop.present())
          log("first frame after " +
              std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 Clock::now() - started)
                                 .count()) +
              " ms");
      }
      if (state.catalog != leased_catalog) {
        leased_catalog = state.catalog;
        // Without offline tickets no numbers are held back from the station.
        if (in.config.offline_tickets)
          leases.set_services(service_ids(state));
      }
      outbox.pump(now, wall_ms());
      ticket_outbox.pump(now, wall_ms());
      withdrawals.pump(now, wall_ms());
      leases.pump(now, wall_ms(), station_today());
      if (const long offset = *station_offset; offset != kept_offset) {
        kept_offset = offset;
        if (auto e = journal->put_cached("station_utc_offset", std::to_string(offset),
                                         wall_ms()))
          log("station offset not kept: " + e->message, LogLevel::warning);
      }
      if (!*health_in_flight) {
        KioskHealth health;
        health.version = MOTCUA_KIOSK_VERSION;
        report_printer_health(state, health);
        if (auto counts = journal->counts())
          health.outbox_depth = counts->unsent_ratings + counts->unsent_tickets;
        health.uptime_seconds =
            std::chrono::duration_cast<std::chrono::seconds>(now - started).count();
        health.clock = local_rfc3339_now();
        health.stream_connected = stream_up;
        for (const auto &[service, left] : leases.remaining())
          health.offline_numbers[service] = left;
        const bool due = *health_failed ? now - *health_at >= kHealthEvery
                                        : health_due(health_sent, health_at, health, now,
                                                     kHealthEvery);
        if (due) {
          health_sent = health;
          health_at = now;
          *health_in_flight = true;
          sync_client.report_health(
              kiosk_health_to_json(health),
              [health_in_flight, health_failed](Result<bool, net::StationError> r) {
                if (!r)
                  log("health report not delivered: " + r.error().message,
                      LogLevel::warning);
                *health_failed = !r;
                *health_in_flight = false;
              });
        }
      }
      if (!state.catalog) {
        catalog_asked_at.reset(); // the screens ask for it themselves
      } else if (!catalog_asked_at) {
        catalog_asked_at = now; // just loaded
      } else if (!*catalog_in_flight && now - *catalog_asked_at >= catalog_every) {
        catalog_asked_at = now;
        *catalog_in_flight = true;
        sync_client.fetch_catalog(
            [&bridge, catalog_in_flight](Result<Catalog, net::StationError> r) {
              if (r)
                bridge.push(
                    CatalogLoaded{std::make_shared<const Catalog>(std::move(r.value()))});
              else
                log("catalog not refreshed: " + r.error().message, LogLevel::warning);
              *catalog_in_flight = false;
            });
      }
      std::optional<TimePoint> wake = next_deadline(state);
      if (catalog_asked_at && !*catalog_in_flight) // its answer wakes the loop itself
        wake = std::min(wake.value_or(*catalog_asked_at + catalog_every),
                        *catalog_asked_at + catalog_every);
      if (auto t = technician.next_wake())
        wake = wake ? std::min(*wake, *t) : *t;
      if (health_at)
        wake =
            std::min(wake.value_or(*health_at + kHealthEvery), *health_at + kHealthEvery);
      for (auto retry : {outbox.next_wake(), ticket_outbox.next_wake(),
                         withdrawals.next_wake(), leases.next_wake()})
        if (retry)
          wake = wake ? std::min(*wake, *retry) : *retry;
      auto turn = loop.next(state, wake);
      if (turn.ended) {
        exit_code = *turn.ended;
        break;
      }
      now = Clock::now();
      if (turn.event) {
        handle(*turn.event, now);
        // Draw a press before handling what queued behind it.
        while (running && !dirty)
          if (auto more = loop.poll())
            handle(*more, now);
          else
            break;
      }
      apply(Tick{}, now);
    }
    loop.stopping();
    loop.host().set_screens(nullptr, nullptr);
    log(exit_code == 0 ? "exiting" : "exiting after a script failure");
    log("outbox: " + std::to_string(outbox.stats().acknowledged) +
        " ratings delivered, " + std::to_string(outbox.in_flight()) +
        " in flight left in the journal");
    log("offline tickets: " + std::to_string(ticket_outbox.stats().acknowledged) +
        " uploaded, " + std::to_string(ticket_outbox.in_flight()) + " in flight");
    // The outbox, client, pipeline and printer stop here (in that order) and
    // may still report; their events are freed below.
  }
  bridge.discard_pending();
  return exit_code;
}

} // namespace

int main(int argc, char **argv) {
  const auto started = Clock::now();
  std::vector<std::string> args(argv + 1, argv + argc);
  // Technician subcommands (ticket-preview, test-print, printer-status) need
  // no config and no screen.
  if (auto status =
          run_printer_command(args, assets_dir(MOTCUA_ASSETS_DIR), std::cout, std::cerr))
    return *status;
  if (auto status = run_provision_command(args, std::cout, std::cerr))
    return *status;
  if (auto status = run_pin_command(args, std::cin, std::cout, std::cerr))
    return *status;
  if (auto status = run_printer_admin_command(args, std::cout, std::cerr))
    return *status;
  auto options = parse_cli(args, assets_dir(MOTCUA_ASSETS_DIR));
  if (!options) {
    std::cerr << "motcua-kiosk: " << options.error() << "\n" << cli_usage();
    return kExitUsage;
  }
  if (options->help) {
    std::cout << cli_usage();
    return 0;
  }
  auto script = load_script(*options);
  if (!script) {
    log(script.error(), LogLevel::error);
    return kExitUsage;
  }
  auto open_display = [&]() -> std::unique_ptr<KioskDisplay> {
    auto display = KioskDisplay::open(*options, std::move(script.value()));
    if (!display) {
      log(display.error(), LogLevel::error);
      return nullptr;
    }
    return std::move(display.value());
  };
  // First boot: the setup wizard writes the configuration the kiosk then
  // reads, and the kiosk goes on to its home screen on the same display.
  std::unique_ptr<KioskDisplay> display;
  if (std::error_code ec; !std::filesystem::exists(options->config_path, ec)) {
    if (!(display = open_display()))
      return kExitStartup;
    if (const int status = run_setup_wizard(*options, *display); status != kSetupDone)
      return status;
  }
  // Everything read from files is checked before a window opens on a
  // configured kiosk.
  auto inputs = load_inputs(*options);
  if (!inputs) {
    log(inputs.error(), LogLevel::error);
    return kExitUsage;
  }
  auto journal = open_journal(inputs->journal_path);
  if (!journal)
    return kExitStartup;
  if (!display && !(display = open_display()))
    return kExitStartup;
  return run(*options, std::move(inputs.value()), std::move(journal.value()), *display,
             started);
}
