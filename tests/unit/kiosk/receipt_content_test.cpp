#include "kiosk/app/receipt_content.hpp"

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
