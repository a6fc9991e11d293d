// A network ESC/POS printer spoken to directly: DLE EOT status from the
// listener playing the printer, and the direct TCP 9100 transport.
#include "printer/direct_escpos_printer.hpp"
#include "printer/escpos_status.hpp"

#include "listener_process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <future>

using namespace motcua::printer;
using namespace motcua::printer::test;
using namespace std::chrono_literals;

namespace {

PrintOutcome print_and_wait(TicketPrinter &printer, PrintJob job) {
  std::promise<PrintOutcome> promise;
  auto f = promise.get_future();
  printer.submit(std::move(job),
                 [&](PrintOutcome o) { promise.set_value(std::move(o)); });
  REQUIRE(f.wait_for(60s) == std::future_status::ready);
  return f.get();
}

Bitmap small_ticket() {
  Bitmap b = Bitmap::blank(384, 40);
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; x += 3)
      b.set(x, y, true);
  return b;
}

} // namespace

TEST_CASE("DLE EOT tells paper present from paper absent") {
  TempDir dir;
  const auto state_file = dir.path() / "state";
  std::ofstream(state_file) << "paper\n";
  Listener printer(dir.path() / "out", dir.path() / "port",
                   {"--status-file", state_file.string()});
  const HostPort address{"127.0.0.1", printer.port()};
  auto ready = query_escpos_status(address, 5000);
  REQUIRE_MESSAGE(ready.has_value(), ready.error());
  CHECK(ready->names() == "ready");
  std::ofstream(state_file) << "no-paper\n";
  auto empty = query_escpos_status(address, 5000);
  REQUIRE(empty.has_value());
  CHECK(empty->names() == "media-empty");
  std::ofstream(state_file) << "cover-open\n";
  CHECK(query_escpos_status(address, 5000)->names() == "cover-open");
  // Status requests are not jobs.
  CHECK_FALSE(fs::exists(dir.path() / "out" / "job-0001.bin"));
}

TEST_CASE("a printer that does not answer DLE EOT gives an error, not a status") {
  TempDir dir;
  Listener printer(dir.path() / "out", dir.path() / "port", {"--status", "silent"});
  auto status = query_escpos_status({"127.0.0.1", printer.port()}, 300);
  CHECK_FALSE(status.has_value());
}

TEST_CASE("the direct transport prints to a printer with paper and refuses one without") {
  TempDir dir;
  const auto state_file = dir.path() / "state";
  std::ofstream(state_file) << "paper\n";
  Listener listener(dir.path() / "out", dir.path() / "port",
                    {"--status-file", state_file.string()});
  DirectEscPosPrinter printer({{"127.0.0.1", listener.port()}, 5000});
  const Bitmap ticket = small_ticket();
  auto printed = print_and_wait(printer, {"Phieu A001", {}, ticket});
  REQUIRE_MESSAGE(printed.ok, printed.error);
  CHECK(printed.end == JobEnd::delivered);
  CHECK(printed.printer_status.names() == "ready");
  REQUIRE(wait_for_file(dir.path() / "out" / "job-0001.bin"));
  auto doc = decode_escpos(read_bytes(dir.path() / "out" / "job-0001.bin"));
  REQUIRE_MESSAGE(doc.has_value(), doc.error());
  CHECK(doc->image == ticket);

  std::ofstream(state_file) << "no-paper\n";
  auto refused = print_and_wait(printer, {"Phieu A002", {}, ticket});
  CHECK_FALSE(refused.ok);
  CHECK(refused.end == JobEnd::not_sent);
  CHECK(refused.printer_status.headline() == PrinterCondition::media_empty);
  CHECK(refused.error.find("media-empty") != std::string::npos);
}

TEST_CASE("a printer that never answers DLE EOT still gets the job") {
  TempDir dir;
  Listener listener(dir.path() / "out", dir.path() / "port", {"--status", "silent"});
  DirectPrinterSettings settings{{"127.0.0.1", listener.port()}, 5000};
  settings.status_timeout_ms = 200;
  DirectEscPosPrinter printer(settings);
  auto outcome = print_and_wait(printer, {"Phieu A004", {}, small_ticket()});
  REQUIRE_MESSAGE(outcome.ok, outcome.error);
  CHECK(outcome.printer_status.headline() == PrinterCondition::unknown);
  REQUIRE(wait_for_file(dir.path() / "out" / "job-0001.bin"));
  CHECK(decode_escpos(read_bytes(dir.path() / "out" / "job-0001.bin"))->image ==
        small_ticket());
}

TEST_CASE("the direct transport reports a printer that is not there") {
  TempDir dir;
  int port = 0;
  {
    Listener gone(dir.path() / "out", dir.path() / "port");
    port = gone.port();
  } // stopped: nothing listens on the port now
  DirectEscPosPrinter printer({{"127.0.0.1", port}, 2000});
  auto outcome = print_and_wait(printer, {"Phieu A003", {0x1B, 0x40}});
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.printer_status.headline() == PrinterCondition::offline);
}

TEST_CASE("printer addresses parse as host and port") {
  CHECK(parse_host_port("192.168.1.50")->port == 9100);
  CHECK(parse_host_port("printer.local:9101")->host == "printer.local");
  CHECK(parse_host_port("printer.local:9101")->port == 9101);
  CHECK(parse_host_port("[fe80::1]:9100")->host == "fe80::1");
  CHECK_FALSE(parse_host_port("host:notaport").has_value());
  CHECK_FALSE(parse_host_port(":9100").has_value());
}
