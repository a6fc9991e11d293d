#include "kiosk/shell/technician_session.hpp"

#include "kiosk/app/overloaded.hpp"
#include "kiosk/app/read_file.hpp"
#include "kiosk/app/technician_machine.hpp"
#include "kiosk/app/technician_pin.hpp"
#include "kiosk/app/technician_setup.hpp"
#include "kiosk/shell/config_file.hpp"
#include "kiosk/shell/enrollment.hpp"
#include "kiosk/shell/kiosk_token.hpp"
#include "kiosk/shell/pin_command.hpp"
#include "kiosk/shell/printer_commands.hpp"
#include "kiosk/shell/printer_probe.hpp"
#include "net/system/atomic_file.hpp"
#include "net/system/log.hpp"
#include "printer/cups_admin.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <future>
#include <sstream>
#include <sys/statvfs.h>
#include <unistd.h>

namespace motcua::kiosk {

namespace {

constexpr auto kStationTimeout = std::chrono::milliseconds(5000);

void log(const std::string &line, LogLevel level = LogLevel::notice) {
  log_line("motcua-kiosk", level, "technician: " + line);
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A wall-clock lock end as a point on the loop's monotonic clock.
std::optional<TimePoint> to_steady(std::optional<std::int64_t> until_ms, TimePoint now,
                                   std::int64_t now_ms) {
  if (!until_ms)
    return std::nullopt;
  return now + std::chrono::milliseconds(*until_ms - now_ms);
}

// The touch position in window pixels of a release, if the event is one.
std::optional<std::pair<int, int>> release_at(const SDL_Event &sdl, int w, int h) {
  if (sdl.type == SDL_FINGERUP)
    return std::pair{static_cast<int>(sdl.tfinger.x * w),
                     static_cast<int>(sdl.tfinger.y * h)};
  if (sdl.type == SDL_MOUSEBUTTONUP && sdl.button.which != SDL_TOUCH_MOUSEID)
    return std::pair{sdl.button.x, sdl.button.y};
  return std::nullopt;
}

} // namespace

TechnicianSession::TechnicianSession(Setup setup, ui::TechnicianPainter &painter)
    : setup_(std::move(setup)), painter_(painter) {}

TechnicianSession::~TechnicianSession() {
  client_.reset(); // its callbacks run (with an error) before it is gone
  for (auto &worker : workers_)
    worker.join();
}

std::string TechnicianSession::pin_path() const {
  return (std::filesystem::path(setup_.state_dir) / kPinFileName).string();
}

bool TechnicianSession::handle(const SDL_Event &sdl, int width, int height,
                               TimePoint now) {
  if (!active()) {
    if (auto at = release_at(sdl, width, height))
      if (gesture_.tap(at->first, at->second, width, height, now))
        open(now);
    return false;
  }
  const bool pointer = sdl.type == SDL_FINGERDOWN || sdl.type == SDL_FINGERUP ||
                       sdl.type == SDL_FINGERMOTION || sdl.type == SDL_MOUSEBUTTONDOWN ||
                       sdl.type == SDL_MOUSEBUTTONUP || sdl.type == SDL_MOUSEMOTION;
  if (!pointer)
    return false; // results, ticks, window changes: the loop's as always
  auto touch = input_.handle(sdl, width, height);
  if (!touch)
    return true;
  const auto layout = tech::layout_screen(state_, width, height);
  const auto under = layout.at(touch->x, touch->y);
  switch (touch->phase) {
  case ui::Touch::Phase::down:
    pressed_ = under && layout.buttons[*under].enabled ? under : std::nullopt;
    break;
  case ui::Touch::Phase::cancelled:
    pressed_.reset();
    break;
  case ui::Touch::Phase::up: {
    const auto was = pressed_;
    pressed_.reset();
    apply(was && under == was ? layout.buttons[*was].event : tech::Event{tech::Touched{}},
          now);
    break;
  }
  }
  dirty_ = true;
  return true;
}

void TechnicianSession::open(TimePoint now) {
  tech::Opened opened;
  opened.mode = setup_.config.mode;
  opened.language = setup_.config.language;
  opened.station_url = setup_.config.station_url;
  opened.paper_width_dots = setup_.config.printer.paper_width_dots;
  opened.orientation = setup_.config.orientation;
  opened.pin_set = false;
  if (auto text = read_text_file(pin_path())) {
    if (auto record = parse_pin_record(*text, pin_path())) {
      const auto now_ms = wall_ms();
      opened.pin_set = true;
      opened.tries_left = pin_tries_left(*record, now_ms);
      opened.locked_until = to_steady(pin_locked_until(*record, now_ms), now, now_ms);
    } else {
      // Never "no PIN, come in": the pad stays shut until the file is fixed.
      log(record.error() + " (set a new PIN with motcua-kiosk set-pin)",
          LogLevel::warning);
    }
  }
  log("PIN pad opened by the corner gesture");
  pressed_.reset();
  input_ = ui::TapInput{};
  apply(opened, now);
}

void TechnicianSession::apply(const tech::Event &event, TimePoint now) {
  auto t = tech::reduce(state_, event, now);
  state_ = std::move(t.state);
  dirty_ = true;
  for (const auto &effect : t.effects)
    execute(effect, now);
}

void TechnicianSession::post(tech::Event event) {
  {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(std::move(event));
  }
  setup_.wake();
}

bool TechnicianSession::pump(TimePoint now) {
  std::vector<tech::Event> events;
  std::optional<std::string> token;
  {
    std::lock_guard lock(inbox_mutex_);
    events.swap(inbox_);
    token.swap(enrolled_token_);
  }
  if (token) {
    if (!changes_)
      changes_.emplace();
    changes_->token = std::move(token);
  }
  for (const auto &event : events)
    apply(event, now);
  if (active())
    apply(tech::Tick{}, now);
  const bool redraw = dirty_;
  dirty_ = false;
  return redraw;
}

void TechnicianSession::paint(int width, int height) {
  painter_.paint(state_, width, height, pressed_);
}

std::optional<TechnicianSession::Changes> TechnicianSession::take_changes() {
  auto out = std::move(ready_);
  ready_.reset();
  return out;
}

std::optional<std::pair<int, int>>
TechnicianSession::button_centre(std::string_view id, int width, int height) const {
  const auto layout = tech::layout_screen(state_, width, height);
  if (const auto *b = layout.find(id))
    return std::pair{b->rect.center_x(), b->rect.center_y()};
  return std::nullopt;
}

void TechnicianSession::execute(const tech::Effect &effect, TimePoint now) {
  std::visit(Overloaded{
                 [&](const tech::CheckPin &e) { start_pin_check(e.pin, now); },
                 [&](const tech::GatherDiagnostics &) { gather(now); },
                 [&](const tech::WriteSettings &e) { write_settings(e, now); },
                 [&](const tech::Enroll &e) { enroll(e.code); },
                 [&](const tech::CheckStation &e) { check_station(e.url); },
                 [&](const tech::ListQueues &) {
                   workers_.emplace_back([this] {
                     auto queues = printer::list_cups_queues(printer::CupsQueue{});
                     tech::QueuesListed listed;
                     if (queues)
                       for (const auto &q : *queues)
                         listed.queues.push_back(q.name);
                     else
                       listed.error = queues.error();
                     post(listed);
                   });
                 },
                 [&](const tech::AddPrinter &e) { add_printer(e.address); },
                 [&](const tech::PrintTest &e) { print_test(e, now); },
                 [&](const tech::FinishSetup &e) { finish_setup(e, now); },
                 [&](const tech::ReturnToService &e) {
                   log(e.changed ? "return to service with new settings"
                                 : "return to service");
                   if (e.changed)
                     ready_ = std::move(changes_);
                   changes_.reset();
                 },
             },
             effect);
}

void TechnicianSession::start_pin_check(std::string pin, TimePoint now) {
  const std::string path = pin_path();
  workers_.emplace_back([this, path, pin = std::move(pin), now] {
    tech::PinChecked result;
    auto text = read_text_file(path);
    auto record = text ? parse_pin_record(*text, path)
                       : Result<PinRecord>(unexpected(text.error()));
    if (!record) {
      log(record.error(), LogLevel::warning);
      post(result);
      return;
    }
    const auto now_ms = wall_ms();
    const auto check = kiosk::check_pin(*record, pin, now_ms);
    // The failure count and the lock are on disk before the answer shows:
    // a restart does not give five more tries.
    if (auto error = write_file_atomically(path, pin_record_to_json(check.record), 0600))
      log("PIN record not updated: " + *error, LogLevel::warning);
    result.accepted = check.outcome == PinCheck::Outcome::accepted;
    result.tries_left = check.tries_left;
    if (check.locked_until_ms)
      result.locked_until = to_steady(check.locked_until_ms, now, now_ms);
    log(result.accepted ? "PIN accepted"
        : check.outcome == PinCheck::Outcome::locked
            ? "PIN pad locked after " + std::to_string(kPinTries) + " wrong PINs"
            : "wrong PIN, " + std::to_string(check.tries_left) + " tries left",
        result.accepted ? LogLevel::notice : LogLevel::warning);
    post(result);
  });
}

void TechnicianSession::gather(TimePoint) {
  tech::DiagnosticFacts facts;
  facts.station_url = setup_.config.station_url;
  if (setup_.loop_facts)
    setup_.loop_facts(facts);
  auto token = read_kiosk_token(setup_.token_path);
  facts.enrolled = token && !token->empty();
  if (token)
    client_for(setup_.config.station_url)->set_bearer_token(*token);
  const std::string language = state_.language;
  workers_.emplace_back([this, facts, language]() mutable {
    const auto t0 = std::chrono::steady_clock::now();
    std::promise<Result<Catalog, net::StationError>> answer;
    auto future = answer.get_future();
    client_->fetch_catalog([&answer](Result<Catalog, net::StationError> r) {
      answer.set_value(std::move(r));
    });
    auto catalog = future.get();
    if (catalog) {
      facts.station_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - t0)
                             .count();
      facts.services = static_cast<int>(catalog->services.size());
    } else {
      facts.station_error = describe_station_error(catalog.error(), language);
    }
    const auto status = printer_status_now(setup_.config.printer);
    facts.printer_ok = status.can_print();
    facts.printer_name = printer_name(setup_.config.printer);
    facts.printer_state = std::string(status.message(language)) +
                          (status.detail.empty() ? "" : " (" + status.detail + ")");
    struct statvfs disk {};
    if (::statvfs(setup_.state_dir.c_str(), &disk) == 0)
      facts.disk_free_mb = static_cast<long>(static_cast<double>(disk.f_bavail) *
                                             static_cast<double>(disk.f_frsize) / 1e6);
    post(tech::DiagnosticsGathered{tech::diagnostic_rows(facts, language)});
  });
}

void TechnicianSession::write_settings(const tech::WriteSettings &e, TimePoint now) {
  auto updated = update_config_file(setup_.config_path, [&e](boost::json::object &o) {
    o["mode"] = std::string(mode_name(e.mode));
    o["language"] = e.language;
    // The printer object is checked to be one when the file was read.
    o["printer"].as_object()["paper_width_dots"] = e.paper_width_dots;
    o["orientation"] = std::string(orientation_name(e.orientation));
  });
  if (!updated) {
    log("settings not saved: " + updated.error(), LogLevel::warning);
    apply(tech::SettingsSaved{false, updated.error()}, now);
    return;
  }
  log("settings saved to " + setup_.config_path + ": mode " +
      std::string(mode_name(e.mode)) + ", language " + e.language + ", paper " +
      std::to_string(e.paper_width_dots) + " dots, orientation " +
      std::string(orientation_name(e.orientation)));
  setup_.config = *updated;
  if (!changes_)
    changes_.emplace();
  changes_->config = *updated;
  apply(tech::SettingsSaved{true, ""}, now);
}

net::StationClient *TechnicianSession::client_for(const std::string &url) {
  if (!client_ || client_url_ != url) {
    auto station = net::parse_station_url(url);
    // The configured station keeps its pin; a new https one (setup) is
    // trusted on first use and its certificate pinned by finish_setup.
    if (station && url == setup_.config.station_url)
      station->certificate_sha256 = setup_.config.station_certificate_sha256;
    client_ = std::make_unique<net::StationClient>(station ? *station : setup_.station,
                                                   kStationTimeout);
    client_url_ = url;
  }
  return client_.get();
}

void TechnicianSession::check_station(const std::string &url) {
  if (auto station = net::parse_station_url(url); !station) {
    post(tech::StationChecked{false, station.error()});
    return;
  }
  client_for(url)->fetch_catalog(
      [this, language = state_.language](Result<Catalog, net::StationError> r) {
        if (r)
          post(tech::StationChecked{true, std::to_string(r->services.size()) + " " +
                                              "services"});
        else
          post(tech::StationChecked{false, describe_station_error(r.error(), language)});
      });
}

void TechnicianSession::add_printer(const std::string &address) {
  workers_.emplace_back([this, address] {
    auto uri = printer::receipt_printer_uri(address);
    if (!uri) {
      post(tech::PrinterAdded{false, "", uri.error()});
      return;
    }
    // One queue per printer address: "receipt-192-168-1-50".
    std::string name = "receipt-" + address;
    std::replace_if(
        name.begin(), name.end(), [](char c) { return c == '.' || c == ':'; }, '-');
    if (auto error = printer::add_raw_queue(printer::CupsQueue{}, name, *uri,
                                            "MotCua receipt printer " + *uri)) {
      log("printer " + address + " not added: " + *error, LogLevel::warning);
      post(tech::PrinterAdded{false, "", *error});
      return;
    }
    log("printer " + name + " added: " + *uri);
    post(tech::PrinterAdded{true, name, ""});
  });
}

void TechnicianSession::print_test(const tech::PrintTest &e, TimePoint now) {
  // On this thread: the receipt's fonts share FreeType with the screen.
  std::ostringstream out, err;
  const std::string &queue = e.queue;
  const int status =
      run_printer_command({"test-print", "--queue", queue, "--width",
                           std::to_string(e.paper_width_dots), "--deadline-ms", "15000"},
                          setup_.assets_dir, out, err)
          .value_or(1);
  std::string detail = err.str().empty() ? out.str() : err.str();
  while (!detail.empty() && detail.back() == '\n')
    detail.pop_back();
  detail =
      detail.substr(detail.rfind('\n') == std::string::npos ? 0 : detail.rfind('\n') + 1);
  log("test print on " + queue + (status == 0 ? ": done" : ": " + detail),
      status == 0 ? LogLevel::notice : LogLevel::warning);
  apply(tech::PrintTested{status == 0, detail}, now);
}

void TechnicianSession::finish_setup(const tech::FinishSetup &e, TimePoint now) {
  NewConfig fresh;
  fresh.station_url = e.station_url;
  fresh.queue = e.queue;
  fresh.paper_width_dots = e.paper_width_dots;
  fresh.orientation = std::string(orientation_name(e.orientation));
  fresh.mode = std::string(mode_name(e.mode));
  fresh.language = e.language;
  fresh.state_dir = setup_.state_dir;
  if (e.station_url.starts_with("https://")) {
    std::lock_guard lock(inbox_mutex_);
    fresh.station_certificate_sha256 = enrolled_certificate_;
  }
  const std::string text = new_config_text(fresh);
  auto checked = parse_kiosk_config(text, setup_.config_path);
  std::optional<std::string> error;
  if (!checked) {
    error = checked.error().to_string();
  } else {
    std::error_code ec;
    const auto folder = std::filesystem::path(setup_.config_path).parent_path();
    if (!folder.empty())
      std::filesystem::create_directories(folder, ec);
    error = install_config_text(setup_.config_path, text);
    if (!error)
      error = store_technician_pin(setup_.state_dir, e.pin);
  }
  if (error) {
    log("setup not saved: " + *error, LogLevel::warning);
    apply(tech::SetupFinished{false, *error}, now);
    return;
  }
  log("setup saved to " + setup_.config_path + " (station " + e.station_url +
      ", printer " + e.queue + " on " + std::to_string(e.paper_width_dots) +
      "-dot paper, mode " + fresh.mode + ", orientation " + fresh.orientation + ")");
  setup_.config = *checked;
  if (!changes_)
    changes_.emplace();
  changes_->config = *checked;
  apply(tech::SetupFinished{true, ""}, now);
}

void TechnicianSession::enroll(std::string code) {
  auto *client = client_for(tech::is_setup(state_.screen) ? state_.setup.station_url
                                                          : setup_.config.station_url);
  char host[256] = "kiosk";
  ::gethostname(host, sizeof host - 1);
  client->enroll(
      std::move(code), host,
      [this, language = state_.language](
          Result<net::StationClient::Enrollment, net::StationError> r) {
        if (!r) {
          log("enrollment failed: " + describe_station_error(r.error()),
              LogLevel::warning);
          post(tech::EnrollFinished{false, describe_station_error(r.error(), language)});
          return;
        }
        if (auto error = write_kiosk_token(setup_.token_path, r->token)) {
          log("enrolled, but the token was not saved: " + *error, LogLevel::warning);
          post(tech::EnrollFinished{false, *error});
          return;
        }
        log("enrolled as " + r->kiosk_id);
        {
          std::lock_guard lock(inbox_mutex_);
          enrolled_token_ = r->token;
          enrolled_certificate_ = r->certificate_sha256;
        }
        post(tech::EnrollFinished{true, r->kiosk_id});
      });
}

} // namespace motcua::kiosk
