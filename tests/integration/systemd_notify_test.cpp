// Both programs as systemd runs them (Type=notify, WatchdogSec=): a test
// socket plays systemd's notification socket and hears "ready", then the
// watchdog pings at half the interval, then "stopping".
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

struct FakeSystemd {
  int fd = -1;
  std::string path;
  explicit FakeSystemd(const std::string &dir) : path(dir + "/notify") {
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof a.sun_path);
    path.copy(a.sun_path, path.size());
    REQUIRE(bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
  }
  ~FakeSystemd() { close(fd); }
  // The next message, or "" after `deadline`.
  std::string next(std::chrono::milliseconds deadline) const {
    timeval t{static_cast<time_t>(deadline.count() / 1000),
              static_cast<suseconds_t>(deadline.count() % 1000 * 1000)};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
    char buffer[512];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  }
  // Messages heard during `span`.
  std::vector<std::string> during(std::chrono::milliseconds span) const {
    std::vector<std::string> heard;
    const auto end = std::chrono::steady_clock::now() + span;
    for (auto now = std::chrono::steady_clock::now(); now < end;
         now = std::chrono::steady_clock::now()) {
      auto m =
          next(std::chrono::duration_cast<std::chrono::milliseconds>(end - now) + 1ms);
      if (!m.empty())
        heard.push_back(m);
    }
    return heard;
  }
};

long count(const std::vector<std::string> &v, const std::string &what) {
  return std::count(v.begin(), v.end(), what);
}

} // namespace

TEST_CASE(
    "motcua-station tells systemd it is ready, pings the watchdog and says it stops") {
  const auto dir = fresh_dir("station-notify");
  FakeSystemd systemd(dir);
  ChildProcess station({MOTCUA_STATION_BIN, "--listen", "127.0.0.1:0", "--data",
                        dir + "/data", "--port-file", dir + "/port"},
                       {{"NOTIFY_SOCKET", systemd.path}, {"WATCHDOG_USEC", "400000"}},
                       dir + "/station.log");
  CHECK_MESSAGE(systemd.next(20s) == "READY=1", read_file(dir + "/station.log"));
  CHECK_FALSE(wait_for_file(dir + "/port", 1s).empty()); // ready means listening
  // 200 ms apart for 1.5 s: about seven pings, and nothing else.
  const auto heard = systemd.during(1500ms);
  CHECK(count(heard, "WATCHDOG=1") >= 4);
  CHECK(count(heard, "WATCHDOG=1") == static_cast<long>(heard.size()));
  station.terminate();
  CHECK(station.wait_for(10s) == std::optional<int>(0));
  CHECK(systemd.next(2s) == "STOPPING=1");
}

TEST_CASE(
    "motcua-kiosk is ready after its first frame and pings the watchdog while idle") {
  const auto dir = fresh_dir("kiosk-notify");
  FakeSystemd systemd(dir);
  {
    FILE *f = std::fopen((dir + "/kiosk.json").c_str(), "w");
    REQUIRE(f);
    // No station: the kiosk still draws (its "connecting" screen) and lives.
    std::fputs(R"({"format_version": 1, "station_url": "http://127.0.0.1:9",
                   "printer": {"queue": "none"}})",
               f);
    std::fclose(f);
    f = std::fopen((dir + "/idle.script").c_str(), "w");
    REQUIRE(f);
    std::fputs("sleep 1500\nquit\n", f);
    std::fclose(f);
  }
  auto with_systemd = headless_sdl_env();
  with_systemd["NOTIFY_SOCKET"] = systemd.path;
  with_systemd["WATCHDOG_USEC"] = "400000";
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/idle.script"},
                     with_systemd, dir + "/kiosk.log");
  const auto ready = systemd.next(30s);
  const auto heard = systemd.during(1200ms);
  REQUIRE_MESSAGE(kiosk.wait_for(30s).has_value(), read_file(dir + "/kiosk.log"));
  CHECK_MESSAGE(ready == "READY=1", read_file(dir + "/kiosk.log"));
  CHECK(count(heard, "WATCHDOG=1") >= 3);
  const auto rest = systemd.during(300ms);
  CHECK(count(rest, "STOPPING=1") + count(heard, "STOPPING=1") == 1);
}
