// `motcua-kiosk provision` and `doctor` as a technician runs them, against a
// real station and the test cupsd: enrollment with a code made by
// `motcua-station admin`, the files written, the diagnostics healthy and
// broken, and damaged files reported rather than replaced.
#include "tests/support/printers.hpp"
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <sys/stat.h>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Run = ProgramRun;

Run run(const std::string &dir, const std::string &program,
        std::vector<std::string> args) {
  static int n = 0;
  const std::string log = dir + "/run-" + std::to_string(++n) + ".log";
  args.insert(args.begin(), program);
  return run_program(std::move(args), log);
}

void write_text(const std::string &path, const std::string &text) {
  FILE *f = std::fopen(path.c_str(), "w");
  REQUIRE(f);
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE(
    "a kiosk provisioned from the shell enrolls, and doctor tells healthy from broken") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-provision");
  StationProcess station(dir + "/station");
  auto code =
      run(dir, MOTCUA_STATION_BIN, {"admin", "enrollment-code", "--data", station.dir});
  REQUIRE_MESSAGE(code.status == 0, code.output);
  const std::string one_time = code.output.substr(0, code.output.find('\n'));

  const std::string config = dir + "/etc/kiosk.json";
  const std::string state = dir + "/state";
  const std::vector<std::string> provision{"provision",
                                           "--server",
                                           station.url(),
                                           "--code",
                                           one_time,
                                           "--printer",
                                           env["MOTCUA_RAW_QUEUE"],
                                           "--cups-server",
                                           env["CUPS_SERVER"],
                                           "--mode",
                                           "arrival",
                                           "--paper-width",
                                           "58",
                                           "--name",
                                           "Kiosk sảnh",
                                           "--config",
                                           config,
                                           "--state-dir",
                                           state};
  auto provisioned = run(dir, MOTCUA_KIOSK_BIN, provision);
  REQUIRE_MESSAGE(provisioned.status == 0, provisioned.output);
  CHECK(has(provisioned.output, "enrolled as kiosk"));
  REQUIRE(fs::exists(config));
  const std::string token_file = state + "/kiosk.token";
  REQUIRE(fs::exists(token_file));
  struct stat info {};
  REQUIRE(::stat(token_file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600); // a secret: its owner only
  const auto written = read_file(config);
  CHECK(has(written, R"("mode":"arrival")"));
  CHECK(has(written, R"("paper_width_dots":384)"));
  CHECK(has(written, R"("state_dir":")" + state));

  auto healthy = run(dir, MOTCUA_KIOSK_BIN, {"doctor", "--config", config});
  CHECK_MESSAGE(healthy.status == 0, healthy.output);
  CHECK(has(healthy.output, "token accepted by the station: ok"));
  CHECK(has(healthy.output, "the kiosk can serve"));

  // The code worked once: a second provisioning is refused and changes nothing.
  auto again = run(dir, MOTCUA_KIOSK_BIN, provision);
  CHECK(again.status == 1);
  CHECK(has(again.output, "new code"));
  CHECK(read_file(config) == written);

  // A token the station does not know.
  const auto token = read_file(token_file);
  write_text(token_file, "not-a-token\n");
  auto refused = run(dir, MOTCUA_KIOSK_BIN, {"doctor", "--config", config});
  CHECK(refused.status == 1);
  CHECK(has(refused.output, "token accepted by the station: FAIL"));
  write_text(token_file, token);

  // The station gone.
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s).has_value());
  auto down = run(dir, MOTCUA_KIOSK_BIN, {"doctor", "--config", config});
  CHECK(down.status == 1);
  CHECK(has(down.output, "does not answer"));
  CHECK(has(down.output, "the kiosk cannot serve"));
}

TEST_CASE("a damaged configuration is reported by doctor and kept by provision") {
  const auto dir = fresh_dir("kiosk-provision-damaged");
  const std::string config = dir + "/kiosk.json";
  write_text(config, R"({"format_version": 1, "station_url": )"); // cut by a power loss
  auto doctor = run(dir, MOTCUA_KIOSK_BIN, {"doctor", "--config", config});
  CHECK(doctor.status == 2);
  CHECK(has(doctor.output, "configuration: FAIL"));
  auto provision = run(dir, MOTCUA_KIOSK_BIN,
                       {"provision", "--server", "http://127.0.0.1:9", "--code", "X",
                        "--printer", "q", "--config", config, "--state-dir", dir});
  CHECK(provision.status == 1);
  CHECK(has(provision.output, "damaged"));
  CHECK(read_file(config) == R"({"format_version": 1, "station_url": )");

  write_text(config, R"({"format_version": 9, "station_url": "http://127.0.0.1:9",
                         "printer": {"queue": "q"}})");
  auto newer = run(dir, MOTCUA_KIOSK_BIN, {"doctor", "--config", config});
  CHECK(newer.status == 2);
  CHECK(has(newer.output, "format_version"));

  auto usage =
      run(dir, MOTCUA_KIOSK_BIN, {"provision", "--server", "http://127.0.0.1:9"});
  CHECK(usage.status == 2);
  CHECK(has(usage.output, "provision needs --code"));
  auto bad_mode =
      run(dir, MOTCUA_KIOSK_BIN,
          {"provision", "--server", "http://127.0.0.1:9", "--code", "X", "--printer", "q",
           "--mode", "lobby", "--config", dir + "/new.json"});
  CHECK(bad_mode.status == 2);
  CHECK_FALSE(fs::exists(dir + "/new.json"));
  auto bad_paper =
      run(dir, MOTCUA_KIOSK_BIN,
          {"provision", "--server", "http://127.0.0.1:9", "--code", "X", "--printer", "q",
           "--paper-width", "576", "--config", dir + "/new.json"});
  CHECK(bad_paper.status == 2);
  CHECK(has(bad_paper.output, "--paper-width must be 80 or 58"));
  CHECK_FALSE(fs::exists(dir + "/new.json"));
}
