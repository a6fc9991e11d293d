#include "kiosk/app/receipt_content.hpp"
#include "kiosk/app/ticket_print_job.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::kiosk;

namespace {

Catalog default_catalog() {
  auto r = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return r.value();
}

Texts texts(std::string_view language) {
  auto r = Texts::load_language(MOTCUA_ASSETS_DIR, language);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  return r.value();
}

Ticket c015() {
  Ticket t;
  t.number = "C015";
  t.service_id = "C";
  t.sequence = 15;
  t.day = "2026-05-12";
  t.issued_at = "2026-05-12T08:15:03+07:00";
  t.people_ahead = 5;
  t.estimated_wait_minutes = 20;
  return t;
}

} // namespace

TEST_CASE(
    "the receipt carries the station, number, service, wait and time in Vietnamese") {
  auto r = receipt_for(c015(), default_catalog(), texts("vi"));
  CHECK(r.station_name == "CÔNG AN PHƯỜNG VĨNH NGUYÊN");
  CHECK(r.title == "PHIẾU SỐ THỨ TỰ");
  CHECK(r.number == "C015");
  CHECK(r.service_label == "Căn cước");
  REQUIRE(r.detail_lines.size() == 2);
  CHECK(r.detail_lines[0] == "Số người đang chờ: 5");
  CHECK(r.detail_lines[1] == "Dự kiến: ~20 phút");
  CHECK(r.time_line == "08:15 12/05/2026");
  CHECK(r.footer == "Vui lòng chờ gọi số");
  CHECK(r.qr_payload.empty());
}

TEST_CASE("a priority ticket names its group on the receipt") {
  auto t = c015();
  t.priority_group = "elderly";
  auto r = receipt_for(t, default_catalog(), texts("vi"));
  REQUIRE(r.detail_lines.size() == 3);
  CHECK(r.detail_lines[2] == "Người cao tuổi (từ 60 tuổi)");
}

TEST_CASE("a service missing from the catalog prints its id rather than nothing") {
  auto t = c015();
  t.service_id = "Q";
  auto r = receipt_for(t, default_catalog(), texts("vi"));
  CHECK(r.service_label == "Q");
}

TEST_CASE("the receipt is deterministic") {
  auto catalog = default_catalog();
  auto vi = texts("vi");
  auto a = receipt_for(c015(), catalog, vi);
  auto b = receipt_for(c015(), catalog, vi);
  CHECK(a.detail_lines == b.detail_lines);
  CHECK(a.number == b.number);
  CHECK(a.time_line == b.time_line);
}

TEST_CASE("the kiosk's set-up adds the logo, its own footer and a QR code") {
  ReceiptExtras extras;
  extras.logo = std::make_shared<const printer::GrayImage>();
  extras.footer = "Xin cảm ơn quý khách";
  extras.ticket_url = "http://192.168.1.10:8080/";
  auto r = receipt_for(c015(), default_catalog(), texts("vi"), extras);
  CHECK(r.logo == extras.logo);
  CHECK(r.footer == "Xin cảm ơn quý khách");
  CHECK(r.qr_payload == "http://192.168.1.10:8080/t/2026-05-12/C015");
}

TEST_CASE("with nobody ahead the receipt says the citizen is next, not a zero wait") {
  Ticket t = c015();
  t.people_ahead = 0;
  t.estimated_wait_minutes = 0;
  for (const char *language : {"vi", "en"}) {
    CAPTURE(language);
    const Texts words = texts(language);
    const auto lines = wait_lines(t, words);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == words.get("ticket.you_are_next"));
    CHECK(lines[0].find('0') == std::string::npos);
  }
  auto r = receipt_for(t, default_catalog(), texts("vi"));
  REQUIRE(r.detail_lines.size() == 1);
  CHECK(r.detail_lines[0] == "Quý khách là người được gọi tiếp theo");
}

TEST_CASE("with people ahead the receipt gives their number and the wait") {
  Ticket t = c015();
  t.people_ahead = 1;
  t.estimated_wait_minutes = 10;
  const auto lines = wait_lines(t, texts("en"));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "People ahead: 1");
  CHECK(lines[1] == "Estimated wait: ~10 min");
}

TEST_CASE("the config's receipt settings become the extras, with the emblem by default") {
  ReceiptSettings settings;
  settings.footer = "Xin cảm ơn!";
  settings.ticket_url = "http://10.0.0.5:8080";
  auto extras = load_receipt_extras(settings, MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(extras.has_value(), (extras ? "" : extras.error()));
  REQUIRE(extras->logo != nullptr);
  CHECK(extras->logo->width > 0);
  CHECK(extras->footer == "Xin cảm ơn!");
  CHECK(extras->ticket_url == "http://10.0.0.5:8080");

  settings.logo_path = "";
  auto no_logo = load_receipt_extras(settings, MOTCUA_ASSETS_DIR);
  REQUIRE(no_logo.has_value());
  CHECK(no_logo->logo == nullptr);

  settings.logo_path = "/nonexistent/logo.png";
  auto missing = load_receipt_extras(settings, MOTCUA_ASSETS_DIR);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().find("/nonexistent/logo.png") != std::string::npos);
}

TEST_CASE("the print job carries the receipt's dots for the transport to encode") {
  auto fonts = printer::load_receipt_fonts(MOTCUA_ASSETS_DIR);
  REQUIRE(fonts.has_value());
  ReceiptExtras extras;
  extras.ticket_url = "http://10.0.0.5:8080";
  const auto catalog = default_catalog();
  const auto vi = texts("vi");
  auto with_qr = ticket_print_job(c015(), catalog, vi, **fonts, 384, extras);
  auto without = ticket_print_job(c015(), catalog, vi, **fonts, 384);
  CHECK(with_qr.title == "Phieu C015");
  CHECK(with_qr.data.empty());
  CHECK(with_qr.image.width == 384);
  CHECK(with_qr.image.height > without.image.height); // the QR code
}
