#include "net/protocol/ticket.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("a ticket survives a round trip through its JSON form") {
  Ticket t;
  t.number = "A015";
  t.service_id = "A";
  t.sequence = 15;
  t.day = "2026-11-28";
  t.issued_at = "2026-11-28T08:15:03+07:00";
  t.priority_group = "elderly";
  t.people_ahead = 5;
  t.estimated_wait_minutes = 50;
  auto back = parse_ticket_response(ticket_to_json(t));
  REQUIRE(back.has_value());
  CHECK(back->number == "A015");
  CHECK(back->sequence == 15);
  CHECK(back->issued_at == t.issued_at);
  CHECK(back->priority_group == std::optional<std::string>("elderly"));
  CHECK(back->people_ahead == 5);
  CHECK(back->estimated_wait_minutes == 50);
}

TEST_CASE("ticket requests: fields checked, unknown ones ignored") {
  auto ok = parse_ticket_request(R"({"service":"B","idempotency_key":"k1","extra":[1,2]})");
  REQUIRE(ok.has_value());
  CHECK(ok->service_id == "B");
  CHECK(ok->idempotency_key == "k1");
  CHECK_FALSE(ok->priority_group.has_value());

  CHECK(parse_ticket_request("{").error().code == "malformed_json");
  CHECK(parse_ticket_request("[]").error().code == "invalid_field");
  CHECK(parse_ticket_request(R"({"service":7})").error().code == "invalid_field");
  CHECK(parse_ticket_request(R"({"service":""})").error().code == "invalid_field");
  CHECK(parse_ticket_request(R"({"service":"A","priority_group":3})").error().code ==
        "invalid_field");
  CHECK(parse_ticket_request(R"({"service":"A","idempotency_key":false})").error().code ==
        "invalid_field");

  TicketRequest r{"C", std::string("pregnant"), "key-9"};
  auto again = parse_ticket_request(ticket_request_to_json(r));
  REQUIRE(again.has_value());
  CHECK(again->priority_group == std::optional<std::string>("pregnant"));
  CHECK(again->idempotency_key == "key-9");
}

TEST_CASE("a ticket response missing fields is rejected, not half-read") {
  CHECK_FALSE(parse_ticket_response(R"({"ticket":{"number":"A001"}})").has_value());
  CHECK_FALSE(parse_ticket_response("not json").has_value());
  CHECK_FALSE(parse_ticket_response(R"({"error":{"code":"x"}})").has_value());
}

TEST_CASE("API errors have a stable code and a message") {
  auto e = parse_api_error(api_error_to_json({"unknown_service", "no service \"Z\""}));
  REQUIRE(e.has_value());
  CHECK(e->code == "unknown_service");
  CHECK(e->message == "no service \"Z\"");
  CHECK_FALSE(parse_api_error(R"({"ticket":{}})").has_value());
}

TEST_CASE("ticket time is printed as HH:MM DD/MM/YYYY in station time") {
  CHECK(format_ticket_time("2026-05-12T08:15:00+07:00") == "08:15 12/05/2026");
  CHECK(format_ticket_time("2026-11-28T23:59:59+07:00") == "23:59 28/11/2026");
  CHECK(format_ticket_time("garbage") == "");
  CHECK(format_ticket_time("2026-05-12 08:15") == "");
}
