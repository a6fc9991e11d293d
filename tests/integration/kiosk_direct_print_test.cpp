// The second transport end to end: a kiosk configured with
// "printer": {"direct": "HOST:PORT"} prints its ticket as ESC/POS straight to
// a network printer (the listener playing one, answering DLE EOT), no CUPS.
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("a kiosk prints straight to a network receipt printer without CUPS") {
  const auto dir = fresh_dir("kiosk-direct-print");
  StationProcess station(dir + "/station");
  fs::create_directories(dir + "/printer");
  ChildProcess printer({MOTCUA_ESCPOS_LISTENER, "--listen", "127.0.0.1:0", "--out",
                        dir + "/printer", "--port-file", dir + "/printer.port"},
                       {}, dir + "/printer.log");
  std::string port = wait_for_file(dir + "/printer.port", 20s);
  while (!port.empty() && (port.back() == '\n' || port.back() == ' '))
    port.pop_back();
  REQUIRE_MESSAGE(!port.empty(), read_file(dir + "/printer.log"));

  auto write = [](const std::string &path, const std::string &text) {
    FILE *f = std::fopen(path.c_str(), "w");
    REQUIRE(f);
    std::fputs(text.c_str(), f);
    std::fclose(f);
  };
  write(dir + "/kiosk.json",
        R"({"format_version": 1, "station_url": ")" + station.url() +
            R"(", "printer": {"direct": "127.0.0.1:)" + port +
            R"("}, "offline_tickets": false, "ticket_screen_seconds": 1})");
  write(dir + "/tap.script",
        "wait-screen home 20000\ntap-service B\nwait-screen ticket 20000\n"
        "wait-print 30000\nprint-state\nquit\n");
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/tap.script"},
                     headless_sdl_env(), dir + "/kiosk.log");
  const auto status = kiosk.wait_for(120s);
  const auto log = read_file(dir + "/kiosk.log");
  REQUIRE_MESSAGE(status == std::optional<int>(0), log);
  CHECK_MESSAGE(log.find("state=ticket number=B001 print=printed") != std::string::npos,
                log);
  // The job reached the printer: ESC @ first, the raster in it.
  std::string job;
  for (const auto &entry : fs::directory_iterator(dir + "/printer"))
    if (entry.path().extension() == ".bin")
      job = read_file(entry.path().string());
  REQUIRE_MESSAGE(job.size() > 1000, read_file(dir + "/printer.log"));
  CHECK(job.substr(0, 2) == std::string("\x1b@", 2));
  CHECK(job.find(std::string("\x1dv0", 3)) != std::string::npos);
}
