// A printer fault shows on the kiosk while it is idle, within the monitor's
// poll, without a job failing first: a network ESC/POS printer whose DLE EOT
// answer says "no paper", and a CUPS queue a technician paused (cupsdisable).
// The kiosk's script waits for each status; the test changes the printer when
// the kiosk's log says it saw the previous one.
#include "tests/support/printers.hpp"
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

void write_text(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Waits until the kiosk's log holds `line`; returns how long it took.
std::chrono::milliseconds wait_for_log(const std::string &log_path,
                                       const std::string &line,
                                       std::chrono::seconds patience) {
  const auto from = Clock::now();
  while (Clock::now() - from < patience) {
    if (read_file(log_path).find(line) != std::string::npos)
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from);
    std::this_thread::sleep_for(50ms);
  }
  FAIL("kiosk log never said \"" << line << "\":\n" << read_file(log_path));
  return {};
}

struct Fault {
  std::string printer_json; // the kiosk config's "printer" object
  std::string condition;    // as the kiosk names it, e.g. "media-empty"
  std::function<void()> make, clear;
};

// Kiosk idle on its services screen: ready, then the fault, then ready again,
// then a ticket prints.
void check_fault_cycle(const std::string &dir, StationProcess &station, const Fault &f) {
  write_text(dir + "/kiosk.json",
             R"({"format_version": 1, "station_url": ")" + station.url() +
                 R"(", "printer": )" + f.printer_json +
                 R"(, "offline_tickets": false, "ticket_screen_seconds": 1})");
  write_text(dir + "/fault.script", "wait-screen home 20000\n"
                                    "wait-printer ready 20000\n"
                                    "wait-printer " +
                                        f.condition +
                                        " 20000\n"
                                        "screenshot " +
                                        dir +
                                        "/fault.png\n"
                                        "print-state\n"
                                        "wait-printer ready 20000\n"
                                        "tap-service A\n"
                                        "wait-screen ticket 20000\n"
                                        "wait-print 30000\n"
                                        "print-state\n"
                                        "quit\n");
  const std::string log = dir + "/kiosk.log";
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/fault.script"},
                     headless_sdl_env(), log);
  wait_for_log(log, "printer: ready", 30s);
  f.make();
  const auto seen = wait_for_log(log, "printer: " + f.condition, 30s);
  MESSAGE(f.condition << " seen by the idle kiosk after " << seen.count() << " ms");
  f.clear();
  const auto status = kiosk.wait_for(120s);
  const std::string text = read_file(log);
  REQUIRE_MESSAGE(status == std::optional<int>(0), text);
  // While the fault held the screen said so; once cleared the ticket printed.
  CHECK_MESSAGE(text.find("state=services printer=" + f.condition) != std::string::npos,
                text);
  CHECK_MESSAGE(text.find("print=printed printer=") != std::string::npos, text);
  CHECK(fs::file_size(dir + "/fault.png") > 10000);
}

} // namespace

TEST_CASE("an idle kiosk shows a network receipt printer's paper running out and back") {
  const auto dir = fresh_dir("kiosk-printer-status-direct");
  StationProcess station(dir + "/station");
  fs::create_directories(dir + "/printer");
  write_text(dir + "/printer.status", "paper");
  ChildProcess printer({MOTCUA_ESCPOS_LISTENER, "--listen", "127.0.0.1:0", "--out",
                        dir + "/printer", "--port-file", dir + "/printer.port",
                        "--status-file", dir + "/printer.status"},
                       {}, dir + "/printer.log");
  std::string port = wait_for_file(dir + "/printer.port", 20s);
  while (!port.empty() && (port.back() == '\n' || port.back() == ' '))
    port.pop_back();
  REQUIRE_MESSAGE(!port.empty(), read_file(dir + "/printer.log"));
  check_fault_cycle(dir, station,
                    {R"({"direct": "127.0.0.1:)" + port + R"("})", "media-empty",
                     [&] { write_text(dir + "/printer.status", "no-paper"); },
                     [&] { write_text(dir + "/printer.status", "paper"); }});
}

TEST_CASE("an idle kiosk shows its CUPS queue paused and resumed") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-printer-status-cups");
  StationProcess station(dir + "/station");
  // A queue of the test's own, so pausing it stops no other test's prints.
  const std::string queue = "motcua-kiosk-status";
  auto run = [&](const std::string &command) {
    const std::string line = "CUPS_SERVER=" + env.at("CUPS_SERVER") + " " + command +
                             " >>" + dir + "/commands.log 2>&1";
    REQUIRE_MESSAGE(std::system(line.c_str()) == 0, read_file(dir + "/commands.log"));
  };
  run("lpadmin -p " + queue + " -E -v 'socket://127.0.0.1:" +
      env.at("MOTCUA_LISTENER_PORT") + "/?contimeout=5&snmp=false'");
  check_fault_cycle(dir, station,
                    {R"({"queue": ")" + queue + R"(", "cups_server": ")" +
                         env.at("CUPS_SERVER") + R"("})",
                     "stopped", [&] { run("cupsdisable " + queue); },
                     [&] { run("cupsenable " + queue); }});
  run("lpadmin -x " + queue);
}
