// `motcua-kiosk add-printer` and `printers` against the test cupsd: a network
// ESC/POS printer (the listener) added by address becomes a raw queue that
// prints the kiosk's test ticket; bad input is refused before CUPS is asked.
#include "tests/support/printers.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Run = ProgramRun;

Run kiosk(const std::string &log, std::vector<std::string> args,
          const std::map<std::string, std::string> &env) {
  args.insert(args.begin(), MOTCUA_KIOSK_BIN);
  return run_program(std::move(args), log, {{"CUPS_SERVER", env.at("CUPS_SERVER")}});
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

std::size_t jobs_in(const std::string &dir) {
  std::size_t n = 0;
  for (const auto &entry : fs::directory_iterator(dir))
    n += entry.path().extension() == ".bin";
  return n;
}

} // namespace

TEST_CASE("a network receipt printer added by its address prints the test ticket") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-add-printer");
  const std::string address = "127.0.0.1:" + env["MOTCUA_LISTENER_PORT"];
  auto added = kiosk(dir + "/add.log",
                     {"add-printer", "--address", address, "--name", "kiosk-added"}, env);
  REQUIRE_MESSAGE(added.status == 0, added.output);
  CHECK(has(added.output, "printer kiosk-added added: socket://" + address));
  CHECK(has(added.output, "ready"));

  auto listed = kiosk(dir + "/list.log", {"printers"}, env);
  CHECK(listed.status == 0);
  CHECK(has(listed.output, "kiosk-added — MotCua receipt printer socket://" + address +
                               " — socket://" + address));
  CHECK(has(listed.output, env["MOTCUA_RAW_QUEUE"] + " — "));

  const auto before = jobs_in(env["MOTCUA_LISTENER_DIR"]);
  auto printed = kiosk(dir + "/print.log", {"test-print", "--queue", "kiosk-added"}, env);
  CHECK_MESSAGE(printed.status == 0, printed.output);
  // The listener got the bytes (other tests print too: at least one more job).
  for (int i = 0; i < 100 && jobs_in(env["MOTCUA_LISTENER_DIR"]) == before; ++i)
    std::this_thread::sleep_for(100ms);
  CHECK(jobs_in(env["MOTCUA_LISTENER_DIR"]) > before);

  // Adding it again changes the queue in place.
  auto again = kiosk(dir + "/again.log",
                     {"add-printer", "--address", address, "--name", "kiosk-added"}, env);
  CHECK_MESSAGE(again.status == 0, again.output);
}

TEST_CASE("add-printer refuses a bad address or queue name in plain words") {
  auto env = printers_env();
  const auto dir = fresh_dir("kiosk-add-printer-bad");
  auto port =
      kiosk(dir + "/port.log", {"add-printer", "--address", "10.0.0.5:99999"}, env);
  CHECK(port.status == 2);
  CHECK(has(port.output, "port"));
  auto host = kiosk(dir + "/host.log", {"add-printer", "--address", "http://x"}, env);
  CHECK(host.status == 2);
  CHECK(has(host.output, "IP address"));
  auto name = kiosk(dir + "/name.log",
                    {"add-printer", "--address", "10.0.0.5", "--name", "a b"}, env);
  CHECK(name.status == 2);
  CHECK(has(name.output, "printer name"));
  auto missing = kiosk(dir + "/missing.log", {"add-printer"}, env);
  CHECK(missing.status == 2);
}
