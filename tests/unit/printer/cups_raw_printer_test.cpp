#include "printer/cups_raw_printer.hpp"
#include "printer/cups_server_address.hpp"

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using namespace motcua::printer;
using namespace std::chrono_literals;

namespace {

// Generous: the point is "fails, and not after minutes", not a speed test.
constexpr auto kPatience = 60s;

PrintOutcome print_once(TicketPrinter &printer) {
  std::promise<PrintOutcome> promise;
  auto outcome = promise.get_future();
  const auto caller = std::this_thread::get_id();
  printer.submit({"Phieu A015", {0x1B, 0x40}}, [&promise, caller](PrintOutcome o) {
    CHECK(std::this_thread::get_id() != caller);
    promise.set_value(std::move(o));
  });
  REQUIRE(outcome.wait_for(kPatience) == std::future_status::ready);
  return outcome.get();
}

// A TCP port that completes handshakes (kernel backlog) but never answers.
struct SilentServer {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  SilentServer() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd, 8) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~SilentServer() { close(fd); }
};

} // namespace

TEST_CASE("CUPS server strings split into host and port") {
  CHECK(parse_cups_server("localhost:8631", 631).host == "localhost");
  CHECK(parse_cups_server("localhost:8631", 631).port == 8631);
  CHECK(parse_cups_server("printhost", 631).port == 631);
  CHECK(parse_cups_server("[::1]:9000", 631).host == "::1");
  CHECK(parse_cups_server("[::1]:9000", 631).port == 9000);
  CHECK(parse_cups_server("/run/cups/cups.sock", 631).host == "/run/cups/cups.sock");
  CHECK(parse_cups_server("fe80::1", 631).host == "fe80::1");
  CHECK(parse_cups_server("host:notaport", 631).host == "host:notaport");
}

TEST_CASE("an unreachable CUPS server fails the job with a reason") {
  CupsRawPrinter printer({"motcua-raw", "localhost:1", 2000});
  const PrintOutcome o = print_once(printer);
  CHECK_FALSE(o.ok);
  CHECK(o.error.find("localhost:1") != std::string::npos);
}

TEST_CASE("a server that accepts but never answers fails the job instead of hanging") {
  SilentServer silent;
  CupsRawPrinter printer(
      {"motcua-raw", "localhost:" + std::to_string(silent.port), 1000});
  const PrintOutcome o = print_once(printer);
  CHECK_FALSE(o.ok);
  CHECK_FALSE(o.error.empty());
}

TEST_CASE("jobs still queued at destruction get their callbacks") {
  SilentServer silent;
  std::atomic<int> called{0};
  {
    CupsRawPrinter printer(
        {"motcua-raw", "localhost:" + std::to_string(silent.port), 1000});
    for (int i = 0; i < 3; ++i)
      printer.submit({"job", {1, 2, 3}}, [&](PrintOutcome o) {
        CHECK_FALSE(o.ok);
        CHECK_FALSE(o.error.empty());
        ++called;
      });
  }
  CHECK(called == 3);
}
