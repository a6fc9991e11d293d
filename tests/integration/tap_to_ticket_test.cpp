// The walking skeleton end to end with real processes: a private cupsd with a
// raw queue read by the ESC/POS listener, motcua-station, and motcua-kiosk on
// SDL's dummy video driver driven by an automation script that taps a service
// button with synthesized fingers.
#include "kiosk/app/texts.hpp"
#include "kiosk/app/ticket_print_job.hpp"
#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"
#include "tests/support/printers.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

// The tickets the station committed, as the kiosk received them: a fresh
// database, so people ahead are the earlier tickets of the same service.
std::vector<Ticket> tickets_in_database(const std::string &path) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(
              db,
              "SELECT number, service_id, sequence, day, issued_at FROM tickets "
              "ORDER BY id",
              -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<Ticket> tickets;
  auto text = [&](int column) {
    return std::string(reinterpret_cast<const char *>(sqlite3_column_text(stmt, column)));
  };
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    Ticket t;
    t.number = text(0);
    t.service_id = text(1);
    t.sequence = sqlite3_column_int(stmt, 2);
    t.day = text(3);
    t.issued_at = text(4);
    tickets.push_back(t);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return tickets;
}

void write_text(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("a tap on the kiosk prints the ticket the station committed") {
  auto env = printers_env();
  auto dir = fresh_dir("tap-to-ticket");
  StationProcess station(dir + "/station");

  // The kiosk leases its offline blocks as it starts (from the top of the
  // range); the day's first online numbers are still A001 and A002. The
  // offline path has its own tests, offline_sync_test.cpp.
  write_text(dir + "/kiosk.json", R"({
    "format_version": 1,
    "station_url": ")" + station.url() +
                                      R"(",
    "printer": {"queue": ")" + env["MOTCUA_RAW_QUEUE"] +
                                      R"(", "cups_server": ")" + env["CUPS_SERVER"] +
                                      R"(", "paper_width_dots": 576},
    "receipt": {"footer": "Xin cảm ơn quý khách!"},
    "language": "vi",
    "ticket_screen_seconds": 1
  })");
  write_text(dir + "/tap.script", "wait-screen home 20000\n"
                                  "screenshot " +
                                      dir +
                                      "/home.png\n"
                                      "tap-service A\n"
                                      "wait-screen ticket 20000\n"
                                      "wait-print 30000\n"
                                      "screenshot " +
                                      dir +
                                      "/ticket.png\n"
                                      "print-state\n"
                                      "wait-screen home 20000\n"
                                      "tap-service A\n"
                                      "wait-screen ticket 20000\n"
                                      "wait-print 30000\n"
                                      "print-state\n"
                                      "quit\n");
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/tap.script"},
                     headless_sdl_env(), dir + "/kiosk.log");
  auto status = kiosk.wait_for(120s);
  auto log = read_file(dir + "/kiosk.log");
  REQUIRE_MESSAGE(status.has_value(), "the kiosk did not finish its script: ", log);
  REQUIRE_MESSAGE(*status == 0, log);
  CHECK(log.find("state=ticket number=A001 print=printed") != std::string::npos);
  CHECK(log.find("state=ticket number=A002 print=printed") != std::string::npos);

  auto tickets = tickets_in_database(station.database());
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[0].number == "A001");
  CHECK(tickets[1].number == "A002");
  tickets[1].people_ahead = 1;
  tickets[1].estimated_wait_minutes =
      10; // one ahead × the catalog's 10 minutes for "Cư trú"

  auto catalog = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
  REQUIRE(catalog.has_value());
  auto texts = kiosk::Texts::load_language(MOTCUA_ASSETS_DIR, "vi");
  REQUIRE(texts.has_value());
  auto fonts =
      printer::ReceiptFonts::load(MOTCUA_ASSETS_DIR "/fonts/NotoSans-Regular.ttf",
                                  MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
  REQUIRE(fonts.has_value());
  // What the config asks for: its footer, the emblem, and a QR code to the
  // station's own URL (no receipt.ticket_url given).
  kiosk::ReceiptSettings settings;
  settings.footer = "Xin cảm ơn quý khách!";
  settings.ticket_url = station.url();
  auto extras = kiosk::load_receipt_extras(settings, MOTCUA_ASSETS_DIR);
  REQUIRE(extras.has_value());

  for (const auto &ticket : tickets) {
    CAPTURE(ticket.number);
    auto expected = printer::encode_escpos(
        kiosk::ticket_print_job(ticket, *catalog, *texts, **fonts, 576, *extras).image);
    auto received = wait_for_job_with_bytes(env["MOTCUA_LISTENER_DIR"], expected, 20s);
    CHECK_MESSAGE(!received.empty(), "no job at the printer equals the expected ticket");
    if (received.empty())
      continue;
    auto raw = read_file(received);
    auto decoded =
        printer::decode_escpos(std::vector<std::uint8_t>(raw.begin(), raw.end()));
    REQUIRE(decoded.has_value());
    auto expected_doc = printer::decode_escpos(expected);
    REQUIRE(expected_doc.has_value());
    CHECK(decoded->image == expected_doc->image);
    CHECK(decoded->image.width == 576);
    CHECK(decoded->cut);
    printer::write_png(decoded->image, dir + "/" + ticket.number + ".png");
  }
}

TEST_CASE("motcua-kiosk ticket-preview writes the kiosk's ticket at both paper widths") {
  auto dir = fresh_dir("ticket-preview");
  for (const char *width : {"576", "384"}) {
    CAPTURE(width);
    const std::string out = dir + "/ticket-" + width + ".png";
    ChildProcess preview(
        {MOTCUA_KIOSK_BIN, "ticket-preview", "--width", width, "--out", out}, {},
        dir + "/preview-" + width + ".log");
    auto status = preview.wait_for(60s);
    REQUIRE(status.has_value());
    CHECK_MESSAGE(*status == 0, read_file(dir + "/preview-" + width + ".log"));
    auto coverage = printer::read_png_coverage(out);
    REQUIRE_MESSAGE(coverage.has_value(), coverage.error());
    CHECK(coverage->width == std::stoi(width));
    CHECK(coverage->height > coverage->width);
  }
  // A config that is wrong is named, and nothing is written.
  write_text(dir + "/bad.json",
             R"({"format_version": 1, "station_url": "http://127.0.0.1:1",
    "printer": {"queue": "q"}, "receipt": {"ticket_url": "ftp://x"}})");
  ChildProcess bad({MOTCUA_KIOSK_BIN, "ticket-preview", "--config", dir + "/bad.json",
                    "--out", dir + "/bad.png"},
                   {}, dir + "/bad.log");
  auto status = bad.wait_for(60s);
  REQUIRE(status.has_value());
  CHECK(*status == 2);
  CHECK(read_file(dir + "/bad.log").find("receipt.ticket_url") != std::string::npos);
  CHECK_FALSE(std::ifstream(dir + "/bad.png").good());
}
