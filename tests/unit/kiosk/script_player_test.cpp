#include "kiosk/app/script_player.hpp"

#include "kiosk/app/screen_machine.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace motcua;
using namespace motcua::kiosk;
using namespace std::chrono_literals;

namespace {

struct FakeHost final : script::Host {
  std::vector<std::string> calls;
  bool fail_screenshot = false;
  Result<bool> tap_service(const State &, const std::string &id) override {
    calls.push_back("tap " + id);
    return true;
  }
  Result<bool> tap_button(const State &, const std::string &id,
                          script::Pointer pointer) override {
    calls.push_back((pointer == script::Pointer::finger ? "tap " : "click ") + id);
    return true;
  }
  Result<bool> click(int x, int y) override {
    calls.push_back("click " + std::to_string(x) + " " + std::to_string(y));
    return true;
  }
  Result<bool> screenshot(const State &state, const std::string &path) override {
    calls.push_back("screenshot " + path + " " + std::string(screen_name(state.screen)));
    if (fail_screenshot)
      return unexpected(std::string("disk full"));
    return true;
  }
};

std::vector<script::Line> lines(const std::string &text) {
  auto r = script::parse(text, "s");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  return r.value();
}

State on(Screen screen) {
  State s;
  s.screen = screen;
  return s;
}

const TimePoint t0{10s};

} // namespace

TEST_CASE("waits hold the script until the screen shows, then it runs on") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(
      lines("wait-screen home 1000\ntap-service A\nwait-screen ticket 500\n"
            "print-state\nscreenshot x.png\n"),
      "s", host, out);
  auto step = player.advance(on(Screen::connecting), t0);
  CHECK(step.status == script::Step::Status::running);
  CHECK(step.wake == t0 + 1000ms);
  CHECK(host.calls.empty());

  // The tap yields at once, so its events are handled before the next wait.
  step = player.advance(on(Screen::home), t0 + 100ms);
  CHECK(step.status == script::Step::Status::running);
  CHECK(step.wake == t0 + 100ms);
  CHECK(host.calls == std::vector<std::string>{"tap A"});

  step = player.advance(on(Screen::issuing), t0 + 110ms);
  CHECK(step.wake == t0 + 610ms); // the wait's timeout counts from when it began

  auto ticket = on(Screen::ticket);
  ticket.ticket = Ticket{};
  ticket.ticket->number = "A001";
  ticket.print = PrintStatus::printed;
  step = player.advance(ticket, t0 + 200ms);
  CHECK(step.status == script::Step::Status::finished);
  CHECK(out.str() == "state=ticket number=A001 print=printed\n");
  CHECK(host.calls.back() == "screenshot x.png ticket");
}

TEST_CASE("a wait that times out fails the script with the line and the state") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("# c\nwait-screen ticket 500\nquit\n"), "s", host, out);
  CHECK(player.advance(on(Screen::issuing), t0).status == script::Step::Status::running);
  CHECK(player.advance(on(Screen::issuing), t0 + 499ms).status ==
        script::Step::Status::running);
  auto step = player.advance(on(Screen::issuing), t0 + 500ms);
  CHECK(step.status == script::Step::Status::failed);
  CHECK(step.error == "s:2: wait-screen ticket: timed out after 500 ms (state=issuing)");
}

TEST_CASE("wait-print consumes print results in order and fails on a failed print") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("wait-print 1000\nwait-print 1000\n"), "s", host, out);
  CHECK(player.advance(on(Screen::ticket), t0).status == script::Step::Status::running);
  // A result that came before the wait began still counts.
  player.on_print_finished(PrintFinished{"A001", true, "job 1"});
  player.on_print_finished(PrintFinished{"A002", false, "no paper"});
  auto step = player.advance(on(Screen::ticket), t0 + 10ms);
  CHECK(step.status == script::Step::Status::failed);
  CHECK(step.error == "s:2: wait-print: print of A002 failed: no paper");
}

TEST_CASE("wait-print times out without a result") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("wait-print 200\n"), "s", host, out);
  player.advance(on(Screen::ticket), t0);
  auto step = player.advance(on(Screen::ticket), t0 + 200ms);
  CHECK(step.status == script::Step::Status::failed);
  CHECK(step.error.find("s:1: wait-print: no print result: timed out after 200 ms") == 0);
}

TEST_CASE("quit ends the script and a failing command fails it") {
  FakeHost host;
  std::ostringstream out;
  script::Player quitting(lines("quit\ntap-service A\n"), "s", host, out);
  CHECK(quitting.advance(on(Screen::home), t0).status == script::Step::Status::finished);
  CHECK(host.calls.empty());

  host.fail_screenshot = true;
  script::Player failing(lines("click 3 4\nscreenshot y.png\n"), "s", host, out);
  CHECK(failing.advance(on(Screen::home), t0).status == script::Step::Status::running);
  auto step = failing.advance(on(Screen::home), t0);
  CHECK(step.status == script::Step::Status::failed);
  CHECK(step.error == "s:2: screenshot y.png: disk full");
  CHECK(host.calls == std::vector<std::string>{"click 3 4", "screenshot y.png home"});
}

TEST_CASE(
    "wait-screen home matches the mode's home and tap and click-button name buttons") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("wait-screen home 100\ntap level:satisfied\n"
                              "click-button language\nprint-state\n"),
                        "s", host, out);
  State arrival_home = on(Screen::services); // arrival mode: services is home
  CHECK(player.advance(arrival_home, t0).status == script::Step::Status::running);
  CHECK(player.advance(arrival_home, t0).status == script::Step::Status::running);
  CHECK(player.advance(arrival_home, t0).status == script::Step::Status::finished);
  CHECK(host.calls == std::vector<std::string>{"tap level:satisfied", "click language"});
  CHECK(out.str() == "state=services\n");
}

TEST_CASE("an empty script finishes at once") {
  FakeHost host;
  std::ostringstream out;
  script::Player player({}, "s", host, out);
  CHECK(player.advance(on(Screen::connecting), t0).status ==
        script::Step::Status::finished);
}

TEST_CASE("sleep holds the script for its time, then it runs on") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("sleep 2000\ntap-service A\n"), "s", host, out);
  auto step = player.advance(on(Screen::home), t0);
  CHECK(step.status == script::Step::Status::running);
  REQUIRE(step.wake);
  CHECK(*step.wake == t0 + 2000ms);
  step = player.advance(on(Screen::home), t0 + 1999ms);
  CHECK(host.calls.empty());
  step = player.advance(on(Screen::home), t0 + 2000ms);
  CHECK(host.calls == std::vector<std::string>{"tap A"});
}

TEST_CASE("wait-printer holds until the polled status has the condition") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("wait-printer media-empty 3000\nprint-state\n"), "s", host,
                        out);
  auto idle = on(Screen::services);
  idle.printer = printer::PrinterStatus::of({printer::PrinterCondition::ready});
  auto step = player.advance(idle, t0);
  CHECK(step.status == script::Step::Status::running);
  CHECK(step.wake == t0 + 3000ms);
  auto empty = idle;
  empty.printer = printer::PrinterStatus::of(
      {printer::PrinterCondition::media_empty, printer::PrinterCondition::stopped});
  step = player.advance(empty, t0 + 1s);
  CHECK(step.status == script::Step::Status::finished);
  CHECK(out.str() == "state=services printer=media-empty,stopped\n");
}

TEST_CASE("wait-printer fails with the status it saw when the time runs out") {
  FakeHost host;
  std::ostringstream out;
  script::Player player(lines("wait-printer ready 100\n"), "s", host, out);
  auto s = on(Screen::services);
  s.printer = printer::PrinterStatus::of({printer::PrinterCondition::cover_open});
  player.advance(s, t0);
  auto step = player.advance(s, t0 + 100ms);
  CHECK(step.status == script::Step::Status::failed);
  CHECK(step.error == "s:1: wait-printer ready: timed out after 100 ms (state=services "
                      "printer=cover-open)");
}
