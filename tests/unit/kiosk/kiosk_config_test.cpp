#include "kiosk/app/kiosk_config.hpp"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include <string>

using namespace motcua::kiosk;

namespace {

ConfigError rejected(const std::string &text) {
  auto r = parse_kiosk_config(text, "kiosk.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().source == "kiosk.json");
  return r.error();
}

} // namespace

TEST_CASE("a minimal config takes the documented defaults") {
  auto r =
      parse_kiosk_config(R"({"format_version":1,"station_url":"http://127.0.0.1:8080",
                                   "printer":{"queue":"motcua-raw"}})",
                         "kiosk.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  CHECK(r->station_url == "http://127.0.0.1:8080");
  CHECK(r->printer.queue == "motcua-raw");
  CHECK(r->printer.cups_server.empty());
  CHECK(r->printer.paper_width_dots == 576);
  CHECK(r->language == "vi");
  CHECK(r->ticket_screen_seconds == 8);
  CHECK(r->request_timeout_ms == 3000);
  CHECK(r->catalog_refresh_seconds == 300);
}

TEST_CASE("every field can be set") {
  auto r = parse_kiosk_config(
      R"({"format_version":1,"station_url":"http://10.0.0.5:9000",
          "printer":{"queue":"q","cups_server":"localhost:6310","paper_width_dots":384},
          "language":"en","ticket_screen_seconds":12,"request_timeout_ms":1500,
          "catalog_refresh_seconds":60})",
      "kiosk.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  CHECK(r->printer.cups_server == "localhost:6310");
  CHECK(r->printer.paper_width_dots == 384);
  CHECK(r->language == "en");
  CHECK(r->ticket_screen_seconds == 12);
  CHECK(r->request_timeout_ms == 1500);
  CHECK(r->catalog_refresh_seconds == 60);
}

TEST_CASE("bad configs are refused naming the field") {
  const std::string head = R"({"format_version":1,"station_url":"http://h:1",)";
  struct Case {
    std::string text;
    std::string field;
  };
  const Case cases[] = {
      {"[]", "(top level)"},
      {"{", "(top level)"},
      {R"({"station_url":"http://h:1","printer":{"queue":"q"}})", "format_version"},
      {R"({"format_version":2,"station_url":"http://h:1","printer":{"queue":"q"}})",
       "format_version"},
      {R"({"format_version":"1","station_url":"http://h:1","printer":{"queue":"q"}})",
       "format_version"},
      {R"({"format_version":1,"printer":{"queue":"q"}})", "station_url"},
      {R"({"format_version":1,"station_url":"ftp://h","printer":{"queue":"q"}})",
       "station_url"},
      {head + R"("printer":{}})", "printer.queue"},
      {head + R"("printer":{"queue":""}})", "printer.queue"},
      {head + R"("printer":"q"})", "printer"},
      {head + R"("printer":{"queue":"q","paper_width_dots":500}})",
       "printer.paper_width_dots"},
      {head + R"("printer":{"queue":"q","paper_width_dots":"576"}})",
       "printer.paper_width_dots"},
      {head + R"("printer":{"queue":"q","cups_server":7}})", "printer.cups_server"},
      {head + R"("printer":{"queue":"q","colour":true}})", "printer.colour"},
      {head + R"("printer":{"queue":"q"},"language":"fr"})", "language"},
      {head + R"("printer":{"queue":"q"},"ticket_screen_seconds":0})",
       "ticket_screen_seconds"},
      {head + R"("printer":{"queue":"q"},"request_timeout_ms":2.5})",
       "request_timeout_ms"},
      {head + R"("printer":{"queue":"q"},"ticket_seconds":8})", "ticket_seconds"},
      // https needs the certificate pinned at enrollment; http takes no pin.
      {R"({"format_version":1,"station_url":"https://h:1","printer":{"queue":"q"}})",
       "station_certificate_sha256"},
      {R"({"format_version":1,"station_url":"https://h:1","printer":{"queue":"q"},)"
       R"("station_certificate_sha256":"AB:CD"})",
       "station_certificate_sha256"},
      {head + R"("printer":{"queue":"q"},"station_certificate_sha256":")" +
           std::string(64, 'a') + R"("})",
       "station_certificate_sha256"},
  };
  for (const auto &c : cases) {
    auto e = rejected(c.text);
    CHECK_MESSAGE(e.field == c.field, c.text << " -> " << e.to_string());
    CHECK(!e.message.empty());
  }
}

TEST_CASE("the error text names the file, the field and why") {
  auto e = rejected(R"({"format_version":3})");
  CHECK(e.to_string() ==
        "kiosk.json: format_version: is 3; this program reads version 1");
}

TEST_CASE("a missing file is an error naming the file") {
  auto r = load_kiosk_config("/nonexistent/kiosk.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().source == "/nonexistent/kiosk.json");
  CHECK(r.error().message.find("cannot open") == 0);
}

TEST_CASE(
    "the receipt's QR code points at the station unless the config says otherwise") {
  const std::string head = R"({"format_version":1,"station_url":"http://10.0.0.5:8080",
                               "printer":{"queue":"q"})";
  auto plain = parse_kiosk_config(head + "}", "kiosk.json");
  REQUIRE_MESSAGE(plain.has_value(), (plain ? "" : plain.error().to_string()));
  CHECK(plain->receipt.ticket_url == "http://10.0.0.5:8080");
  CHECK(plain->receipt.footer.empty());
  CHECK_FALSE(plain->receipt.logo_path.has_value());

  auto set = parse_kiosk_config(head + R"(,"receipt":{"footer":"Xin cảm ơn!",
      "ticket_url":"https://motcua.example/","logo":"/etc/motcua/logo.png"}})",
                                "kiosk.json");
  REQUIRE_MESSAGE(set.has_value(), (set ? "" : set.error().to_string()));
  CHECK(set->receipt.footer == "Xin cảm ơn!");
  CHECK(set->receipt.ticket_url == "https://motcua.example"); // no trailing slash
  CHECK(set->receipt.logo_path == "/etc/motcua/logo.png");

  auto none = parse_kiosk_config(head + R"(,"receipt":{"ticket_url":"","logo":""}})",
                                 "kiosk.json");
  REQUIRE(none.has_value());
  CHECK(none->receipt.ticket_url.empty()); // no QR code
  CHECK(none->receipt.logo_path == "");    // no logo
}

TEST_CASE("bad receipt settings are refused naming the field") {
  const std::string head = R"({"format_version":1,"station_url":"http://h:1",
                               "printer":{"queue":"q"},)";
  struct Case {
    std::string text, field;
  };
  const Case cases[] = {
      {head + R"("receipt":"x"})", "receipt"},
      {head + R"("receipt":{"footer":5}})", "receipt.footer"},
      {head + R"("receipt":{"footer":")" + std::string(201, 'x') + R"("}})",
       "receipt.footer"},
      {head + R"("receipt":{"ticket_url":"ftp://h"}})", "receipt.ticket_url"},
      {head + R"("receipt":{"ticket_url":"http://"}})", "receipt.ticket_url"},
      {head + R"("receipt":{"ticket_url":"http://)" + std::string(120, 'h') + R"("}})",
       "receipt.ticket_url"},
      {head + R"("receipt":{"logo":false}})", "receipt.logo"},
      {head + R"("receipt":{"qr":true}})", "receipt.qr"},
  };
  for (const auto &c : cases) {
    auto e = rejected(c.text);
    CHECK_MESSAGE(e.field == c.field, c.text << " -> " << e.to_string());
  }
}

TEST_CASE(
    "the printer is a CUPS queue with a format, or a network printer without CUPS") {
  const std::string head = R"({"format_version":1,"station_url":"http://h:1","printer":)";
  auto ok = [&](const std::string &printer) {
    auto r = parse_kiosk_config(head + printer + "}", "kiosk.json");
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
    return r->printer;
  };
  const auto cups = ok(R"({"queue":"receipt"})");
  CHECK(cups.format == "auto");
  CHECK(cups.direct.empty());
  CHECK(ok(R"({"queue":"office","format":"pwg-raster"})").format == "pwg-raster");
  const auto direct = ok(R"({"direct":"192.168.1.50:9100"})");
  CHECK(direct.direct == "192.168.1.50:9100");
  CHECK(direct.queue.empty());
  CHECK(ok(R"({"direct":"printer.lan"})").direct == "printer.lan");

  for (const auto &[printer, why] : std::vector<std::pair<std::string, std::string>>{
           {R"({"queue":"q","format":"pdf"})", "format"},
           {R"({"direct":"10.0.0.5:9100","format":"pwg-raster"})", "ESC/POS only"},
           {R"({"direct":"10.0.0.5:printer"})", "HOST:PORT"},
           {R"({"direct":"10.0.0.5:70000"})", "HOST:PORT"},
           {R"({"direct":":9100"})", "HOST:PORT"},
           {R"({"format":"escpos"})", "queue"}}) {
    CAPTURE(printer);
    const auto error = rejected(head + printer + "}");
    CHECK(error.field.starts_with("printer."));
    CHECK(error.to_string().find(why) != std::string::npos);
  }
}

TEST_CASE("an https station comes with its pinned certificate") {
  const std::string pin(64, 'e');
  auto config = parse_kiosk_config(
      R"({"format_version":1,"station_url":"https://station.local:8443",)"
      R"("printer":{"queue":"q"},"station_certificate_sha256":")" +
          pin + R"("})",
      "kiosk.json");
  REQUIRE(config.has_value());
  CHECK(config->station_url == "https://station.local:8443");
  CHECK(config->station_certificate_sha256 == pin);
}
