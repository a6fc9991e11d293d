// What a technician may type for a network receipt printer and a queue name.
#include "printer/cups_admin.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

TEST_CASE("a receipt printer's address becomes a socket URI on port 9100 by default") {
  CHECK(receipt_printer_uri("192.168.1.50").value() == "socket://192.168.1.50:9100");
  CHECK(receipt_printer_uri("192.168.1.50:9101").value() == "socket://192.168.1.50:9101");
  CHECK(receipt_printer_uri("printer-1.lan").value() == "socket://printer-1.lan:9100");
  CHECK_FALSE(receipt_printer_uri(""));
  CHECK_FALSE(receipt_printer_uri("192.168.1.50:0"));
  CHECK_FALSE(receipt_printer_uri("192.168.1.50:65536"));
  CHECK_FALSE(receipt_printer_uri("192.168.1.50:9x"));
  CHECK_FALSE(receipt_printer_uri("http://192.168.1.50"));
  CHECK_FALSE(receipt_printer_uri("a b"));
  CHECK(receipt_printer_uri("a;b").error().find("IP address") != std::string::npos);
}

TEST_CASE("a CUPS queue name has letters, digits, dash and underscore") {
  CHECK_FALSE(queue_name_problem("receipt"));
  CHECK_FALSE(queue_name_problem("Kiosk_2-lobby"));
  CHECK(queue_name_problem(""));
  CHECK(queue_name_problem("has space"));
  CHECK(queue_name_problem("a/b"));
  CHECK(queue_name_problem(std::string(128, 'a')));
}
