#pragma once
// Plays an automation script against the running kiosk: the loop calls
// advance() between events; commands that act on the window go through a
// host interface, so the player itself is plain logic.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/events.hpp"
#include "kiosk/app/screen_state.hpp"
#include "kiosk/app/script.hpp"
#include "net/protocol/result.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace motcua::kiosk::script {

class Host {
public:
  virtual ~Host() = default;
  // Each pushes real input events into the window's queue.
  virtual Result<bool> tap_service(const State &state, const std::string &service_id) = 0;
  virtual Result<bool> click(int x, int y) = 0;
  // A press and release at the centre of a button of the current screen.
  virtual Result<bool> tap_button(const State &state, const std::string &button_id,
                                  Pointer pointer) = 0;
  // Draws the current state and writes the frame as PNG.
  virtual Result<bool> screenshot(const State &state, const std::string &path) = 0;
  // The technician screen showing ("closed": none) and its one-line state.
  virtual std::string technician_screen() const { return "closed"; }
  virtual std::string technician_state() const { return {}; }
};

struct Step {
  enum class Status { running, finished, failed };
  Status status = Status::running;
  // While running: wake the loop no later than this (a wait's timeout, or
  // at once after input was pushed so it is handled before the next command).
  std::optional<TimePoint> wake;
  std::string error; // when failed: "script.txt:4: wait-screen ticket: ..."
};

class Player {
public:
  Player(std::vector<Line> lines, std::string source, Host &host, std::ostream &out);

  Step advance(const State &state, TimePoint now);
  // Every print result, as the loop sees it (wait-print consumes them in order).
  void on_print_finished(const PrintFinished &result);

private:
  Step fail(const Line &line, const std::string &why);
  // A wait: nothing when `done`, else running until `timeout` after it began.
  std::optional<Step> wait_until(const Line &line, bool done, Duration timeout,
                                 const std::string &what, const State &state,
                                 TimePoint now);

  std::vector<Line> lines_;
  std::string source_;
  Host &host_;
  std::ostream &out_;
  std::size_t next_ = 0;
  std::optional<TimePoint> wait_started_;
  std::vector<PrintFinished> prints_;
  std::size_t prints_consumed_ = 0;
};

} // namespace motcua::kiosk::script
