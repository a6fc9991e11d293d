#include "net/protocol/ticket.hpp"
#include "server/api/api_handler.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <string>

using namespace motcua::station;

namespace {

ApiRequest get(std::string target) {
  return ApiRequest{"GET", std::move(target), "", "", ""};
}

ApiRequest post_ticket(std::string body, std::string content_type = "application/json") {
  return ApiRequest{"POST", "/api/v1/tickets", std::move(content_type), "",
                    std::move(body)};
}

std::string error_code(const ApiResponse &response) {
  auto error = motcua::parse_api_error(response.body);
  return error ? error->code : "(no error body: " + response.body + ")";
}

// 17:00 UTC on the 27th is the first second of the 28th in Vietnam.
struct Fixture : test::StationStack {
  Fixture() : StationStack(fixed_clock(test::utc(2026, 11, 27, 17, 0, 0))) {}
};

// Always fails to write, to show what the API says when storage breaks.
class BrokenJournal final : public TicketJournal {
public:
  motcua::Result<std::optional<TicketRecord>, StoreError>
  find_ticket_by_key(const std::string &) override {
    return std::optional<TicketRecord>();
  }
  std::optional<StoreError> append(const JournalEntry &, const TicketRecord *) override {
    return StoreError{StoreError::Code::storage_error, "disk I/O error in /secret/path"};
  }
  std::optional<StoreError> append_batch(const std::vector<JournalWrite> &) override {
    return StoreError{StoreError::Code::storage_error, "disk I/O error in /secret/path"};
  }
  motcua::Result<std::vector<JournalEntry>, StoreError>
  load_journal(const std::string &) override {
    return std::vector<JournalEntry>();
  }
};

} // namespace

TEST_CASE("GET /api/v1/health reports ok and the version") {
  Fixture f;
  auto response = f.handle(get("/api/v1/health"));
  CHECK(response.status == 200);
  CHECK(response.content_type == "application/json");
  CHECK(response.body == R"({"status":"ok","version":"0.1.0"})");
}

TEST_CASE(
    "GET /api/v1/catalog returns the catalog with an ETag, and 304 when unchanged") {
  Fixture f;
  auto response = f.handle(get("/api/v1/catalog"));
  CHECK(response.status == 200);
  auto parsed = motcua::parse_catalog(response.body, "response");
  REQUIRE(parsed.has_value());
  CHECK(parsed->services.size() == 3);
  CHECK(parsed->station_name == "CÔNG AN PHƯỜNG THỬ");
  const std::string *etag = response.header("etag");
  REQUIRE(etag != nullptr);
  CHECK(etag->size() > 2);
  CHECK(etag->front() == '"');

  auto conditional = get("/api/v1/catalog");
  conditional.if_none_match = *etag;
  auto not_modified = f.handle(conditional);
  CHECK(not_modified.status == 304);
  CHECK(not_modified.body.empty());
  REQUIRE(not_modified.header("ETag") != nullptr);
  CHECK(*not_modified.header("ETag") == *etag);

  conditional.if_none_match = "\"something-else\"";
  CHECK(f.handle(conditional).status == 200);
  conditional.if_none_match = "\"other\", W/" + *etag;
  CHECK(f.handle(conditional).status == 304);
}

TEST_CASE("query strings do not change the route") {
  Fixture f;
  CHECK(f.handle(get("/api/v1/health?probe=1")).status == 200);
}

TEST_CASE("POST /api/v1/tickets issues numbers in order with people ahead and a wait") {
  Fixture f;
  auto first = f.handle(post_ticket(R"({"service":"A","idempotency_key":"k1"})"));
  REQUIRE(first.status == 201);
  auto t1 = motcua::parse_ticket_response(first.body);
  REQUIRE(t1.has_value());
  CHECK(t1->number == "A001");
  CHECK(t1->day == "2026-11-28");
  CHECK(t1->issued_at == "2026-11-28T00:00:00+07:00");
  CHECK(t1->people_ahead == 0);
  CHECK(t1->estimated_wait_minutes == 0);

  auto second = f.handle(post_ticket(
      R"({"service":"A","idempotency_key":"k2","priority_group":"elderly"})"));
  REQUIRE(second.status == 201);
  auto t2 = motcua::parse_ticket_response(second.body);
  REQUIRE(t2.has_value());
  CHECK(t2->number == "A002");
  // Strict priority (the default policy): the elderly citizen goes first.
  CHECK(t2->people_ahead == 0);
  CHECK(t2->estimated_wait_minutes == 0);
  CHECK(t2->priority_group == std::optional<std::string>("elderly"));
}

TEST_CASE("a replay with the same idempotency key answers 200 with the same ticket") {
  Fixture f;
  auto first = f.handle(post_ticket(R"({"service":"B","idempotency_key":"same"})"));
  auto again = f.handle(post_ticket(R"({"service":"B","idempotency_key":"same"})"));
  CHECK(first.status == 201);
  CHECK(again.status == 200);
  CHECK(motcua::parse_ticket_response(again.body)->number == "B001");
}

TEST_CASE("unknown JSON fields are ignored") {
  Fixture f;
  auto response = f.handle(post_ticket(R"({"service":"A","kiosk":"k-7","extra":[1,2]})"));
  CHECK(response.status == 201);
}

TEST_CASE("bad ticket requests get 400 with a named code") {
  Fixture f;
  struct Case {
    const char *body;
    const char *code;
  };
  const Case cases[] = {
      {"{\"service\":", "malformed_json"},
      {"", "malformed_json"},
      {"[1,2]", "invalid_field"},
      {R"({"idempotency_key":"x"})", "invalid_field"},
      {R"({"service":7})", "invalid_field"},
      {R"({"service":""})", "invalid_field"},
      {R"({"service":"A","idempotency_key":5})", "invalid_field"},
      {R"({"service":"A","priority_group":true})", "invalid_field"},
      {R"({"service":"A","priority_group":"nobody"})", "invalid_field"},
  };
  for (const auto &c : cases) {
    CAPTURE(c.body);
    auto response = f.handle(post_ticket(c.body));
    CHECK(response.status == 400);
    CHECK(error_code(response) == c.code);
  }
}

TEST_CASE("an unknown service is 404 unknown_service") {
  Fixture f;
  auto response = f.handle(post_ticket(R"({"service":"Z"})"));
  CHECK(response.status == 404);
  CHECK(error_code(response) == "unknown_service");
}

TEST_CASE("a full service answers 409 daily_cap_reached") {
  Fixture f;
  for (int i = 0; i < 3; ++i)
    REQUIRE(f.handle(post_ticket(R"({"service":"B"})")).status == 201);
  auto response = f.handle(post_ticket(R"({"service":"B"})"));
  CHECK(response.status == 409);
  CHECK(error_code(response) == "daily_cap_reached");
}

TEST_CASE("an idempotency key reused for another service answers 409") {
  Fixture f;
  REQUIRE(f.handle(post_ticket(R"({"service":"A","idempotency_key":"k"})")).status ==
          201);
  auto response = f.handle(post_ticket(R"({"service":"B","idempotency_key":"k"})"));
  CHECK(response.status == 409);
  CHECK(error_code(response) == "idempotency_conflict");
}

TEST_CASE("a body that is not application/json is 415") {
  Fixture f;
  for (const char *type : {"", "text/plain", "application/x-www-form-urlencoded"}) {
    CAPTURE(type);
    auto response = f.handle(post_ticket(R"({"service":"A"})", type));
    CHECK(response.status == 415);
    CHECK(error_code(response) == "unsupported_media_type");
  }
  CHECK(f.handle(post_ticket(R"({"service":"A"})", "Application/JSON; charset=utf-8"))
            .status == 201);
}

TEST_CASE("an oversized body is 413 body_too_large") {
  Fixture f;
  std::string body =
      R"({"service":"A","padding":")" + std::string(kMaxRequestBodyBytes, 'x') + "\"}";
  auto response = f.handle(post_ticket(body));
  CHECK(response.status == 413);
  CHECK(error_code(response) == "body_too_large");
}

TEST_CASE("unknown paths, versions and methods get their own errors") {
  Fixture f;
  auto missing = f.handle(get("/api/v1/nothing"));
  CHECK(missing.status == 404);
  CHECK(error_code(missing) == "not_found");
  CHECK(error_code(f.handle(get("/"))) == "not_found");
  CHECK(error_code(f.handle(get("/api/v1/health/"))) == "not_found");
  CHECK(error_code(f.handle(get("/api"))) == "not_found");

  auto v2 = f.handle(get("/api/v2/catalog"));
  CHECK(v2.status == 404);
  CHECK(error_code(v2) == "unknown_api_version");
  CHECK(error_code(f.handle(get("/api/v1beta/catalog"))) == "unknown_api_version");

  auto wrong_method = f.handle(get("/api/v1/tickets"));
  CHECK(wrong_method.status == 405);
  CHECK(error_code(wrong_method) == "method_not_allowed");
  REQUIRE(wrong_method.header("Allow") != nullptr);
  CHECK(*wrong_method.header("Allow") == "POST");
  auto post_health =
      f.handle(ApiRequest{"POST", "/api/v1/health", "application/json", "", "{}"});
  CHECK(post_health.status == 405);
  CHECK(*post_health.header("Allow") == "GET");
}

TEST_CASE("a storage failure is 500 storage_error without internals") {
  Fixture f;
  BrokenJournal broken;
  DeskOptions options;
  options.always_issuing = true;
  auto desk = std::move(
      QueueDesk::open(test::small_catalog(), options, broken, system_clock()).value());
  ApiHandler api{test::small_catalog(), *desk, *f.store, *f.auth, system_clock()};
  auto request = post_ticket(R"({"service":"A"})");
  request.remote_address = "127.0.0.1";
  auto response = api.handle(request);
  CHECK(response.status == 500);
  CHECK(error_code(response) == "storage_error");
  CHECK(response.body.find("/secret/path") == std::string::npos);
  CHECK(response.body.find("disk I/O") == std::string::npos);
}

TEST_CASE("every error body has exactly the error object with code and message") {
  Fixture f;
  auto response = f.handle(get("/api/v2/x"));
  auto value = boost::json::parse(response.body);
  REQUIRE(value.is_object());
  CHECK(value.as_object().size() == 1);
  const auto &error = value.at("error").as_object();
  CHECK(error.at("code").is_string());
  CHECK(error.at("message").is_string());
  CHECK_FALSE(error.at("message").as_string().empty());
}

// Found by tests/fuzz: a path with bytes that are not UTF-8 was quoted as is
// in the 404 message, and the answer was not valid JSON.
TEST_CASE("an error quoting a path that is not UTF-8 is still valid JSON") {
  Fixture f;
  for (std::string target :
       {std::string("/api/v1/heal\xff\x04"), std::string("/api/v1/\xc3("),
        std::string("/api/v1/\xed\xa0\x80")}) {
    auto response = f.handle(get(target));
    CHECK(response.status == 404);
    boost::system::error_code ec;
    auto value = boost::json::parse(response.body, ec);
    CHECK_MESSAGE(!ec, response.body);
    CHECK(error_code(response) == "not_found");
  }
  auto response = f.handle(ApiRequest{"DELETE", "/api/v1/tickets\xf4\x90", "", "", ""});
  CHECK(boost::json::parse(response.body).is_object());
}

TEST_CASE("to_valid_utf8 keeps valid text and replaces each invalid byte") {
  CHECK(to_valid_utf8("C\xc6\xb0 tr\xc3\xba") == "C\xc6\xb0 tr\xc3\xba"); // Cư trú
  CHECK(to_valid_utf8("\xf0\x9f\x99\x82") == "\xf0\x9f\x99\x82");
  CHECK(to_valid_utf8("a\xff"
                      "b") == "a\xef\xbf\xbd"
                              "b");
  CHECK(to_valid_utf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd"); // overlong
  CHECK(to_valid_utf8("\xed\xa0\x80") ==
        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");                  // surrogate
  CHECK(to_valid_utf8("\xe1\x80") == "\xef\xbf\xbd\xef\xbf\xbd"); // cut short
}
