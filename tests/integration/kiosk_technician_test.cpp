// The technician screens in the real kiosk, driven by synthesized touches
// against a real station and the test cupsd: the corner gesture, five wrong
// PINs locking the pad (also after a restart), a PIN set from the shell, the
// diagnostics, settings written to the configuration file and used on return
// to service, and re-enrollment with a new code. Screenshots of every screen
// go to <build>/test-output/technician/.
#include "tests/support/printers.hpp"
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

void write_text(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

using Run = ProgramRun;

Run run(const std::string &log, std::vector<std::string> argv) {
  return run_program(std::move(argv), log);
}

std::string enrollment_code(const std::string &dir, const StationProcess &station) {
  static int n = 0;
  auto code =
      run(dir + "/code-" + std::to_string(++n) + ".log",
          {MOTCUA_STATION_BIN, "admin", "enrollment-code", "--data", station.dir});
  REQUIRE_MESSAGE(code.status == 0, code.output);
  return code.output.substr(0, code.output.find('\n'));
}

// The five taps of the hidden gesture in the top-left corner.
const char *const kGesture =
    "click 10 10\nclick 12 14\nclick 10 10\nclick 8 12\nclick 10 10\n";

// Taps on the wizard's keyboards, one key per character.
std::string typed(const std::string &text) {
  std::string out;
  for (char c : text)
    out += std::string("tap key:") + c + "\n";
  return out;
}

// Digits on the PIN pad, then OK, then time for the (deliberately slow) check.
std::string pin_taps(const std::string &pin) {
  std::string out;
  for (char c : pin)
    out += std::string("tap pin:") + c + "\n";
  return out + "tap pin:ok\nsleep 2500\n";
}

// A kiosk run with `script`; its log (stdout and stderr).
std::string kiosk_run(const std::string &dir, const std::string &name,
                      const std::string &config, const std::string &script,
                      const std::string &cups_server = "") {
  write_text(dir + "/" + name + ".script", script + "quit\n");
  std::map<std::string, std::string> env = headless_sdl_env();
  if (!cups_server.empty())
    env["CUPS_SERVER"] = cups_server;
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", config, "--windowed", "--script",
                      dir + "/" + name + ".script"},
                     env, dir + "/" + name + ".log");
  auto status = kiosk.wait_for(120s);
  auto log = read_file(dir + "/" + name + ".log");
  REQUIRE_MESSAGE(status.has_value(), "the kiosk did not finish its script: ", log);
  CHECK_MESSAGE(*status == 0, log);
  return log;
}

} // namespace

TEST_CASE("a technician locks the PIN pad with five wrong PINs, then opens the pages") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-technician");
  const std::string shots = MOTCUA_BINARY_DIR "/test-output/technician";
  fs::create_directories(shots);
  StationProcess station(dir + "/station");
  const std::string config = dir + "/etc/kiosk.json";
  const std::string state = dir + "/state";

  // Provisioned from the shell, the PIN read from standard input's file.
  write_text(dir + "/pin.txt", "2468\n");
  auto provisioned =
      run(dir + "/provision.log",
          {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(), "--code",
           enrollment_code(dir, station), "--printer", env["MOTCUA_RAW_QUEUE"],
           "--cups-server", env["CUPS_SERVER"], "--mode", "arrival", "--config", config,
           "--state-dir", state, "--pin-file", dir + "/pin.txt"});
  REQUIRE_MESSAGE(provisioned.status == 0, provisioned.output);
  const std::string pin_file = state + "/technician-pin.json";
  REQUIRE(fs::exists(pin_file));
  CHECK((fs::status(pin_file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  CHECK_FALSE(has(read_file(pin_file), "2468"));

  // Five wrong PINs: the pad says how many tries are left, then locks.
  std::string script = "wait-screen home 20000\n" + std::string(kGesture) +
                       "wait-technician pin 5000\n"
                       "screenshot " +
                       shots + "/pin-vi.png\n";
  for (int i = 0; i < 5; ++i) {
    script += pin_taps("1111") + "print-state\n";
    if (i == 0)
      script += "screenshot " + shots + "/pin-wrong-vi.png\n";
  }
  script += "screenshot " + shots +
            "/pin-locked-vi.png\n"
            // Even the right PIN cannot be typed now.
            "tap pin:2\nprint-state\n";
  auto locked = kiosk_run(dir, "lock", config, script);
  CHECK(has(locked, "technician=pin entered=0 tries=4 message=tech.pin.wrong"));
  CHECK(has(locked, "technician=pin entered=0 tries=0 locked message=tech.pin.locked"));
  CHECK_FALSE(has(locked, "technician=diagnostics"));
  CHECK(has(locked, "PIN pad locked after 5 wrong PINs"));

  // A restart does not give five more tries.
  auto restarted = kiosk_run(dir, "restart", config,
                             "wait-screen home 20000\n" + std::string(kGesture) +
                                 "wait-technician pin 5000\nprint-state\n" +
                                 pin_taps("2468") + "print-state\n");
  CHECK(
      has(restarted, "technician=pin entered=0 tries=0 locked message=tech.pin.locked"));
  CHECK_FALSE(has(restarted, "technician=diagnostics"));

  // A new PIN from the shell lifts the lock.
  auto reset = run(dir + "/set-pin.log", {MOTCUA_KIOSK_BIN, "set-pin", "--pin-file",
                                          dir + "/pin.txt", "--config", config});
  REQUIRE_MESSAGE(reset.status == 0, reset.output);

  // The right PIN: diagnostics, settings saved, a new enrollment, return to
  // service in the chosen mode.
  const std::string token_before = read_file(state + "/kiosk.token");
  const std::string code = enrollment_code(dir, station);
  std::string keys;
  for (char c : code)
    keys += std::string("tap key:") + c + "\n";
  auto visit = kiosk_run(dir, "visit", config,
                         "wait-screen home 20000\n" + std::string(kGesture) +
                             "wait-technician pin 5000\n" + pin_taps("2468") +
                             "wait-technician diagnostics 5000\nsleep 3000\n"
                             "screenshot " +
                             shots +
                             "/diagnostics-vi.png\nprint-state\n"
                             "tap tech:settings\nwait-technician settings\n"
                             "tap mode:departure\n"
                             "screenshot " +
                             shots +
                             "/settings-vi.png\n"
                             "tap settings:save\nsleep 300\nprint-state\n"
                             "tap tech:back\nwait-technician diagnostics\n"
                             "tap tech:enroll\nwait-technician enroll\n" +
                             keys + "screenshot " + shots +
                             "/enroll-vi.png\n"
                             "tap enroll:ok\nsleep 3000\nprint-state\n"
                             "tap tech:back\nwait-technician diagnostics\n"
                             "tap tech:leave\nwait-technician closed\n"
                             "wait-screen home 20000\nprint-state\n"
                             "screenshot " +
                             shots + "/after-return-vi.png\n");
  CHECK(has(visit, "PIN accepted"));
  CHECK(has(visit, "technician=settings message=tech.settings.saved mode=departure"));
  CHECK(has(visit, "technician=enroll message=tech.enroll.done"));
  CHECK(has(visit, "return to service with new settings"));
  // Departure's home is the rating screen.
  CHECK(has(visit, "state=rating"));
  CHECK(has(read_file(config), R"("mode":"departure")"));
  CHECK(fs::exists(config + ".previous"));
  CHECK(read_file(state + "/kiosk.token") != token_before);

  // What the kiosk wrote is what doctor reads.
  auto doctor =
      run(dir + "/doctor.log", {MOTCUA_KIOSK_BIN, "doctor", "--config", config});
  CHECK_MESSAGE(doctor.status == 0, doctor.output);
}

TEST_CASE("set-pin refuses a PIN that is not 4 to 8 digits and writes nothing") {
  const auto dir = fresh_dir("kiosk-set-pin");
  write_text(dir + "/pin.txt", "12ab\n");
  auto bad = run(dir + "/bad.log", {MOTCUA_KIOSK_BIN, "set-pin", "--pin-file",
                                    dir + "/pin.txt", "--state-dir", dir + "/state"});
  CHECK(bad.status == 2);
  CHECK(has(bad.output, "digits"));
  CHECK_FALSE(fs::exists(dir + "/state/technician-pin.json"));
  auto usage = run(dir + "/usage.log", {MOTCUA_KIOSK_BIN, "set-pin", "--state-dir", dir});
  CHECK(usage.status == 2);
  CHECK(has(usage.output, "--pin-file"));
}

TEST_CASE("a kiosk without a configuration is set up on its screen, then serves") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-setup-wizard");
  const std::string shots = MOTCUA_BINARY_DIR "/test-output/technician";
  fs::create_directories(shots);
  StationProcess station(dir + "/station");
  const std::string config = dir + "/etc/kiosk.json";
  const std::string address = "127.0.0.1:" + station.port;
  const std::string printer = "127.0.0.1:" + env["MOTCUA_LISTENER_PORT"];
  auto shot = [&](const std::string &name) {
    return "screenshot " + shots + "/setup-" + name + "-vi.png\n";
  };
  const std::string script =
      "wait-technician setup-language 10000\n" + shot("1-language") +
      // Portrait turns the screens at once; then back to following the screen.
      "tap setup:next\nwait-technician setup-orientation\ntap orientation:portrait\n" +
      shot("2-orientation") + "tap orientation:auto\n" +
      "tap setup:next\nwait-technician setup-station\n"
      // A station that does not answer is said so, in plain words.
      + typed("127.0.0.1:1") + "tap setup:next\nsleep 1500\nprint-state\n" +
      shot("3-station-failed") + "tap key:erase\n" + typed(station.port) +
      "print-state\n" + shot("3-station") +
      "tap setup:next\nwait-technician setup-code 10000\n" +
      typed(enrollment_code(dir, station)) + shot("4-code") +
      "tap setup:next\nwait-technician setup-printer 10000\nsleep 1500\n" +
      shot("5-printer") +
      "tap setup:add-printer\nwait-technician setup-printer-address\n" + typed(printer) +
      shot("5-printer-address") +
      "tap setup:next\nwait-technician setup-printer 10000\n"
      "tap paper:58\ntap setup:test-print\nsleep 300\nprint-state\n" +
      shot("5-printer-tested") +
      "tap setup:next\nwait-technician setup-mode\ntap mode:arrival\n" + shot("6-mode") +
      "tap setup:next\nwait-technician setup-pin\ntap pin:1\ntap pin:3\ntap pin:5\n"
      "tap pin:7\n" +
      shot("7-pin") +
      "tap pin:ok\nwait-technician closed 10000\n"
      // The same run goes on to the home screen, as a real first boot does,
      // and serves from the configuration just written.
      "wait-screen home 20000\ntap-service A\nwait-screen ticket 20000\n"
      "wait-print 30000\nprint-state\n";
  auto setup = kiosk_run(dir, "setup", config, script, env["CUPS_SERVER"]);
  CHECK(has(setup, "the setup wizard starts"));
  CHECK(has(setup, "message=tech.setup.station_failed"));
  // Once the address is edited the old address's error is gone.
  CHECK(has(setup, "technician=setup-station entered=" +
                       std::to_string(std::string("http://" + address).size()) +
                       " queue= mode="));
  const std::string queue = "receipt-127-0-0-1-" + env["MOTCUA_LISTENER_PORT"];
  CHECK(has(setup, "queue=" + queue + " message=tech.setup.printed"));
  CHECK(has(setup, "setup saved to " + config));

  // The files provision would have written.
  const auto written = read_file(config);
  CHECK(has(written, R"("station_url":"http://)" + address + "\""));
  CHECK(has(written, R"("queue":")" + queue + "\""));
  CHECK(has(written, R"("mode":"arrival")"));
  CHECK(has(written, R"("paper_width_dots":384)"));
  CHECK(fs::exists(dir + "/etc/kiosk.token"));
  CHECK(fs::exists(dir + "/etc/technician-pin.json"));

  CHECK(has(written, R"("orientation":"auto")"));
  CHECK(has(setup, "state=ticket number=A001 print=printed"));
  CHECK(has(setup, "paper 384 dots"));
  // A later start reads the same files.
  auto serve = kiosk_run(dir, "serve", config,
                         "wait-screen home 20000\ntap-service A\nwait-screen ticket "
                         "20000\nwait-print 30000\nprint-state\n",
                         env["CUPS_SERVER"]);
  CHECK(has(serve, "state=ticket number=A002 print=printed"));
  auto doctor =
      run(dir + "/doctor.log", {MOTCUA_KIOSK_BIN, "doctor", "--config", config});
  CHECK_MESSAGE(has(doctor.output, "token accepted by the station: ok"), doctor.output);
}

namespace {

// A PNG's width and height, from its IHDR chunk.
std::pair<int, int> png_size(const std::string &path) {
  const std::string png = read_file(path);
  REQUIRE(png.size() > 24);
  auto be32 = [&png](std::size_t at) {
    int v = 0;
    for (std::size_t i = at; i < at + 4; ++i)
      v = v * 256 + static_cast<unsigned char>(png[i]);
    return v;
  };
  return {be32(16), be32(20)};
}

} // namespace

TEST_CASE(
    "a kiosk set to portrait on a landscape output serves turned, touches included") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-portrait");
  StationProcess station(dir + "/station");
  const std::string config = dir + "/etc/kiosk.json";
  auto provisioned =
      run(dir + "/provision.log",
          {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(), "--code",
           enrollment_code(dir, station), "--printer", env["MOTCUA_RAW_QUEUE"],
           "--cups-server", env["CUPS_SERVER"], "--mode", "arrival", "--orientation",
           "portrait", "--config", config, "--state-dir", dir + "/state"});
  REQUIRE_MESSAGE(provisioned.status == 0, provisioned.output);
  CHECK(has(read_file(config), R"("orientation":"portrait")"));
  auto sideways = run(dir + "/sideways.log",
                      {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(), "--code",
                       "X", "--printer", "q", "--orientation", "sideways", "--config",
                       dir + "/other.json"});
  CHECK(sideways.status == 2);
  CHECK(has(sideways.output, "orientation"));

  // The window is 1920x1080 (a monitor stood on its side still says so); the
  // script's taps land where a finger on that glass would.
  auto served = kiosk_run(dir, "serve", config,
                          "wait-screen home 20000\nscreenshot " + dir +
                              "/home.png\ntap-service A\nwait-screen ticket 20000\n"
                              "wait-print 30000\nprint-state\n",
                          env["CUPS_SERVER"]);
  CHECK(has(served, "state=ticket number=A001 print=printed"));
  CHECK(png_size(dir + "/home.png") == std::pair{1080, 1920});
}
