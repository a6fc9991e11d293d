#pragma once
// The technician screens in the running kiosk: watches every touch for the
// hidden gesture, then takes the screen and the input until "return to
// service". Runs the technician reducer's effects: PIN checks against the
// PIN file (on a worker thread: PBKDF2 is slow on purpose), diagnostics,
// settings written to the configuration file, re-enrollment. The kiosk loop
// calls handle() for input, pump() each turn, and paint() while active().
#include "kiosk/app/corner_gesture.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/technician_diagnostics.hpp"
#include "kiosk/app/technician_layout.hpp"
#include "kiosk/app/technician_machine.hpp"
#include "kiosk/ui/input.hpp"
#include "kiosk/ui/technician_painter.hpp"
#include "net/client/station_client.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace motcua::kiosk {

class TechnicianSession {
public:
  struct Setup {
    std::string config_path;
    KioskConfig config;
    std::string state_dir; // holds the PIN file (technician-pin.json) and the token
    std::string token_path;
    net::StationAddress station;
    // From any thread: wake the loop so it calls pump().
    std::function<void()> wake;
    // The facts only the loop owns (journal, leases, uptime), on its thread.
    std::function<void(tech::DiagnosticFacts &)> loop_facts;
    std::string assets_dir; // for the setup wizard's test print
  };
  // What a visit changed, for the citizen screens and the station client.
  struct Changes {
    std::optional<KioskConfig> config;
    std::optional<std::string> token;
  };

  TechnicianSession(Setup setup, ui::TechnicianPainter &painter);
  ~TechnicianSession(); // waits for running checks
  TechnicianSession(const TechnicianSession &) = delete;
  TechnicianSession &operator=(const TechnicianSession &) = delete;

  bool active() const { return state_.screen != tech::Screen::closed; }
  // No configuration yet: the setup wizard takes the screen.
  void start_setup(TimePoint now) { apply(tech::StartSetup{"vi"}, now); }
  const tech::State &state() const { return state_; }

  // Every input event: true when the technician screens took it (while
  // active; the gesture's own taps still reach the citizen screens).
  bool handle(const SDL_Event &sdl, int width, int height, TimePoint now);
  // Results from other threads and time; true when the screen must be drawn.
  bool pump(TimePoint now);
  void paint(int width, int height);
  std::optional<TimePoint> next_wake() const { return tech::next_deadline(state_); }
  // Once after a visit that changed something.
  std::optional<Changes> take_changes();

  // The centre of a button of the technician screen, for scripts.
  std::optional<std::pair<int, int>> button_centre(std::string_view id, int width,
                                                   int height) const;

private:
  void open(TimePoint now);
  void apply(const tech::Event &event, TimePoint now);
  void execute(const tech::Effect &effect, TimePoint now);
  void post(tech::Event event); // from a worker or the station client's thread
  void start_pin_check(std::string pin, TimePoint now);
  void gather(TimePoint now);
  void write_settings(const tech::WriteSettings &settings, TimePoint now);
  void enroll(std::string code);
  void check_station(const std::string &url);
  void add_printer(const std::string &address);
  void print_test(const tech::PrintTest &test, TimePoint now);
  void finish_setup(const tech::FinishSetup &setup, TimePoint now);
  // The station client for `url` (the wizard's typed one, else the configured).
  net::StationClient *client_for(const std::string &url);
  std::string pin_path() const;

  Setup setup_;
  ui::TechnicianPainter &painter_;
  tech::State state_;
  CornerGesture gesture_;
  ui::TapInput input_;
  std::optional<std::size_t> pressed_;
  bool dirty_ = false;
  std::unique_ptr<net::StationClient> client_;
  std::string client_url_;
  std::optional<Changes> changes_; // built during a visit
  std::optional<Changes> ready_;   // handed over after the visit

  std::mutex inbox_mutex_;
  std::vector<tech::Event> inbox_;
  std::optional<std::string> enrolled_token_; // guarded by inbox_mutex_
  std::string enrolled_certificate_;          // https: what enrollment saw; likewise
  std::vector<std::thread> workers_;
};

} // namespace motcua::kiosk
