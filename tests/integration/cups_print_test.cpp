// libcups against the private cupsd that scripts/printers starts: the bytes
// we submit to the raw queue reach the ESC/POS listener unchanged.
#include "printer/cups_raw_printer.hpp"
#include "printer/escpos.hpp"
#include "printer/receipt.hpp"
#include "tests/support/printers.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <future>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

printer::PrintOutcome print_and_wait(printer::TicketPrinter &p, printer::PrintJob job) {
  std::promise<printer::PrintOutcome> done;
  auto f = done.get_future();
  p.submit(std::move(job),
           [&](printer::PrintOutcome o) { done.set_value(std::move(o)); });
  REQUIRE(f.wait_for(60s) == std::future_status::ready);
  return f.get();
}

std::vector<std::uint8_t> sample_ticket_bytes(const std::string &number) {
  auto fonts =
      printer::ReceiptFonts::load(MOTCUA_ASSETS_DIR "/fonts/NotoSans-Regular.ttf",
                                  MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
  REQUIRE(fonts.has_value());
  printer::ReceiptContent c;
  c.station_name = "CÔNG AN PHƯỜNG VĨNH NGUYÊN";
  c.title = "PHIẾU SỐ THỨ TỰ";
  c.number = number;
  c.service_label = "Định danh điện tử (VNeID)";
  c.time_line = "08:15 28/11/2026";
  c.footer = "Vui lòng chờ gọi số";
  return printer::encode_escpos(printer::render_receipt(c, **fonts));
}

} // namespace

TEST_CASE("a ticket sent to the raw CUPS queue reaches the printer byte for byte") {
  auto env = printers_env();
  printer::CupsRawPrinter cups({env["MOTCUA_RAW_QUEUE"], env["CUPS_SERVER"], 5000});
  auto bytes = sample_ticket_bytes("D042");
  auto outcome = print_and_wait(cups, {"Phieu D042", bytes});
  REQUIRE_MESSAGE(outcome.ok, outcome.error);
  CHECK(outcome.job_id > 0);
  CHECK_FALSE(wait_for_job_with_bytes(env["MOTCUA_LISTENER_DIR"], bytes, 20s).empty());
}

TEST_CASE("a queue that rejects jobs is reported, and nothing is left held") {
  auto env = printers_env();
  const std::string queue = "motcua-rejecting";
  std::string prefix = "CUPS_SERVER=" + env["CUPS_SERVER"] + " ";
  REQUIRE(std::system((prefix + "lpadmin -p " + queue + " -E -v 'socket://127.0.0.1:" +
                       env["MOTCUA_LISTENER_PORT"] + "/?contimeout=5&snmp=false'")
                          .c_str()) == 0);
  REQUIRE(std::system((prefix + "cupsreject " + queue).c_str()) == 0);
  printer::CupsRawPrinter cups({queue, env["CUPS_SERVER"], 5000});
  auto outcome = print_and_wait(cups, {"Phieu E001", sample_ticket_bytes("E001")});
  CHECK_FALSE(outcome.ok);
  CHECK_FALSE(outcome.error.empty());
  // `lpstat -o QUEUE` prints one line per job not yet finished.
  auto out_file = fresh_dir("cups-rejecting") + "/lpstat.txt";
  std::system((prefix + "lpstat -o " + queue + " > " + out_file + " 2>&1").c_str());
  CHECK(read_file(out_file).empty());
  std::system((prefix + "lpadmin -x " + queue).c_str());
}

TEST_CASE("an unreachable cupsd is reported within the timeout instead of hanging") {
  printer::CupsRawPrinter cups({"motcua-raw", "localhost:1", 2000});
  auto outcome = print_and_wait(cups, {"Phieu A001", sample_ticket_bytes("A001")});
  CHECK_FALSE(outcome.ok);
  CHECK_FALSE(outcome.error.empty());
}
