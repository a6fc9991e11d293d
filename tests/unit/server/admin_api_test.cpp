// The admin pages' API: service edits applied at once and saved to the
// station's catalog file (checked, partial) and the kiosk list's alerts.
#include "server/admin/kiosk_alerts.hpp"
#include "server/admin/service_edit.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua::station;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

ApiRequest call(std::string method, std::string target, std::string body,
                const std::string &token) {
  ApiRequest r{std::move(method), std::move(target), "application/json", "",
               std::move(body)};
  r.authorization = "Bearer " + token;
  return r;
}

std::string code_of(const ApiResponse &r) {
  auto error = motcua::parse_api_error(r.body);
  return error ? error->code : "(none: " + r.body + ")";
}

std::string edit_error(std::string_view id, std::string_view body) {
  auto edited = apply_service_edit(test::small_catalog(), id, body);
  return edited ? "(accepted)" : edited.error().code + ": " + edited.error().message;
}

// Saturday 2026-11-28, 09:00 in Vietnam.
const TimePoint kNine = test::utc(2026, 11, 28, 2, 0, 0);

struct Admin : test::StationStack {
  Admin() : StationStack(fixed_clock(kNine)) {
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    REQUIRE_FALSE(auth->create_officer("anh", "Anh", Role::officer, "secret-anh"));
    chief = session_token("boss", "secret-boss");
    officer = session_token("anh", "secret-anh");
  }
  std::string chief, officer;
};

} // namespace

TEST_CASE("a service edit changes the fields it names and keeps the rest") {
  auto edited =
      apply_service_edit(test::small_catalog(), "A",
                         R"({"label":{"en":"Residence"},"daily_cap":120,"prefix":"R"})");
  REQUIRE(edited.has_value());
  const auto *a = edited->find_service("A");
  REQUIRE(a);
  CHECK(a->label.vi == "Cư trú"); // not named: kept
  CHECK(a->label.en == "Residence");
  CHECK(a->daily_cap == 120);
  CHECK(a->prefix == "R");
  CHECK(a->avg_service_minutes == 10);
  CHECK(edited->find_service("B")->daily_cap == 3);

  auto relabelled = apply_service_edit(test::small_catalog(), "B",
                                       R"({"label":{"vi":"Căn cước công dân"}})");
  REQUIRE(relabelled.has_value());
  CHECK(relabelled->find_service("B")->label.vi == "Căn cước công dân");
}

TEST_CASE("a service edit that a kiosk would refuse is refused with the field named") {
  CHECK(edit_error("Z", R"({"daily_cap":10})") ==
        "unknown_service: no service \"Z\" in the catalog");
  CHECK(edit_error("A", "{") == "malformed_json: the body is not valid JSON");
  CHECK(edit_error("A", "{}").starts_with("invalid_field: the body must be"));
  CHECK(edit_error("A", R"({"daly_cap":10})") ==
        "invalid_field: unknown field \"daly_cap\": label, prefix, daily_cap, "
        "avg_service_minutes, issuing_hours");
  CHECK(edit_error("A", R"({"daily_cap":0})") ==
        "invalid_field: \"daily_cap\" must be an integer 1..999");
  CHECK(edit_error("A", R"({"daily_cap":1000})") ==
        "invalid_field: \"daily_cap\" must be an integer 1..999");
  CHECK(edit_error("A", R"({"avg_service_minutes":"5"})") ==
        "invalid_field: \"avg_service_minutes\" must be an integer 1..240");
  CHECK(edit_error("A", R"({"prefix":"a"})") ==
        "invalid_field: \"prefix\" must be one capital letter A-Z");
  CHECK(edit_error("A", R"({"prefix":"AB"})") ==
        "invalid_field: \"prefix\" must be one capital letter A-Z");
  CHECK(edit_error("A", R"({"prefix":"K"})") ==
        "prefix_taken: prefix \"K\" already numbers service \"C\"");
  CHECK(edit_error("A", R"({"label":{"vi":"  "}})") ==
        "invalid_field: \"label.vi\" must be a non-blank string of at most 128 bytes");
  CHECK(edit_error("A", R"({"label":{"fr":"Résidence"}})") ==
        "invalid_field: \"label\" must be an object with \"vi\" and \"en\" only");
  CHECK(edit_error("A", R"({"label":"Cư trú"})") ==
        "invalid_field: \"label\" must be an object with \"vi\" and \"en\"");
  // One bad field refuses the whole edit: nothing half-applied.
  CHECK(edit_error("A", R"({"daily_cap":50,"prefix":"?"})").starts_with("invalid_field"));
}

TEST_CASE("a kiosk is silent when unheard for three minutes and warns without paper") {
  const auto now = test::utc(2026, 11, 28, 2, 0, 0); // 09:00 in Vietnam
  using V = std::vector<std::string>;
  CHECK(kiosk_alerts(std::nullopt, std::nullopt, now) == V{"silent"});
  CHECK(kiosk_alerts(R"({"paper":"ok","printer_state":"idle"})",
                     "2026-11-28T08:58:30+07:00", now)
            .empty());
  CHECK(kiosk_alerts(R"({"paper":"ok"})", "2026-11-28T08:56:59+07:00", now) ==
        V{"silent"});
  CHECK(kiosk_alerts(R"({"paper":"ok"})", "2026-11-28T01:59:00Z", now).empty());
  CHECK(kiosk_alerts(R"({"paper":"out","printer_state":"failed: media-empty"})",
                     "2026-11-28T08:59:00+07:00",
                     now) == V{"paper_out", "printer_fault"});
  CHECK(kiosk_alerts("not json", "2026-11-28T08:59:00+07:00", now).empty());
  CHECK(kiosk_alerts(R"({"paper":"ok"})", "garbage", now) == V{"silent"});
  CHECK(kiosk_alerts(R"({})", "2026-11-28T08:59:50+07:00", now, 5s) == V{"silent"});
}

TEST_CASE("PUT admin/services applies the edit at once and saves it for the next start") {
  Admin s;
  const auto path = (s.dir.path() / "catalog.json").string();
  CatalogFile file(path, test::small_catalog());

  // Without a catalog file of its own the station cannot save an edit.
  auto refused =
      s.handle(call("PUT", "/api/v1/admin/services/A", R"({"daily_cap":50})", s.chief));
  CHECK(refused.status == 409);
  CHECK(code_of(refused) == "catalog_read_only");

  s.api->set_catalog_file(&file);
  auto before = s.handle(call("GET", "/api/v1/admin/services", "", s.chief));
  REQUIRE(before.status == 200);
  CHECK(json::parse(before.body).at("services").at(0).at("daily_cap") == 300);
  const std::string etag_before = s.api->catalog_etag();

  CHECK(
      s.handle(call("PUT", "/api/v1/admin/services/A", R"({"daily_cap":50})", s.officer))
          .status == 403);
  auto bad =
      s.handle(call("PUT", "/api/v1/admin/services/A", R"({"prefix":"B"})", s.chief));
  CHECK(bad.status == 409);
  CHECK(code_of(bad) == "prefix_taken");
  CHECK_FALSE(std::filesystem::exists(path));

  auto saved = s.handle(call("PUT", "/api/v1/admin/services/A",
                             R"({"daily_cap":2,"label":{"en":"Residence"}})", s.chief));
  REQUIRE_MESSAGE(saved.status == 200, saved.body);
  const auto answer = json::parse(saved.body);
  CHECK(answer.at("services").at(0).at("daily_cap") == 2);
  CHECK_FALSE(answer.as_object().contains("restart_required"));
  // The file is a catalog the station (and every kiosk) reads back.
  auto reread = motcua::load_catalog_file(path);
  REQUIRE(reread.has_value());
  CHECK(reread->find_service("A")->daily_cap == 2);
  CHECK(reread->find_service("A")->label.en == "Residence");
  // The kiosks are served it now, under a new ETag, and the desk numbers by it.
  auto served = s.handle(call("GET", "/api/v1/catalog", "", s.chief));
  CHECK(json::parse(served.body).at("services").at(0).at("daily_cap") == 2);
  CHECK(json::parse(served.body).at("services").at(0).at("label").at("en") ==
        "Residence");
  CHECK(s.api->catalog_etag() != etag_before);
  auto ticket = [&](const std::string &service) {
    // The test station's kiosk API is open: no token.
    return s.handle(ApiRequest{"POST", "/api/v1/tickets", "application/json", "",
                               R"({"service":")" + service + "\"}"});
  };
  CHECK(ticket("A").status == 201);
  CHECK(ticket("A").status == 201);
  auto full = ticket("A");
  CHECK(full.status == 409);
  CHECK(code_of(full) == "daily_cap_reached");
  // A second edit builds on the first.
  REQUIRE(s.handle(call("PUT", "/api/v1/admin/services/B", R"({"avg_service_minutes":7})",
                        s.chief))
              .status == 200);
  reread = motcua::load_catalog_file(path);
  REQUIRE(reread.has_value());
  CHECK(reread->find_service("A")->daily_cap == 2);
  CHECK(reread->find_service("B")->avg_service_minutes == 7);
  // A raised cap admits again at once.
  REQUIRE(s.handle(call("PUT", "/api/v1/admin/services/A", R"({"daily_cap":3})", s.chief))
              .status == 200);
  CHECK(ticket("A").status == 201);

  // A's numbers of today were printed with "A": its prefix stays until the
  // day is over, and nothing is saved. C has none today: it changes now.
  auto in_use =
      s.handle(call("PUT", "/api/v1/admin/services/A", R"({"prefix":"R"})", s.chief));
  CHECK(in_use.status == 409);
  CHECK(code_of(in_use) == "numbers_in_use");
  CHECK(motcua::load_catalog_file(path)->find_service("A")->prefix == "A");
  REQUIRE(s.handle(call("PUT", "/api/v1/admin/services/C", R"({"prefix":"P"})", s.chief))
              .status == 200);
  auto c = ticket("C");
  REQUIRE(c.status == 201);
  CHECK(json::parse(c.body).at("ticket").at("number") == "P001");
}

TEST_CASE("the kiosk list names each kiosk's alerts") {
  Admin s;
  auto enroll = [&](const std::string &name) {
    auto c = s.handle(call("POST", "/api/v1/admin/enrollment-codes", "", s.chief));
    auto r = s.handle(ApiRequest{
        "POST", "/api/v1/kiosks/enroll", "application/json", "",
        R"({"code":")" + std::string(json::parse(c.body).at("code").as_string()) +
            R"(","name":")" + name + "\"}"});
    REQUIRE(r.status == 201);
    return std::string(json::parse(r.body).at("token").as_string());
  };
  const auto hall = enroll("Sảnh");
  enroll("Tầng 2"); // never reports
  REQUIRE(s.handle(call("POST", "/api/v1/kiosks/health",
                        R"({"paper":"out","printer_state":"failed: media-empty"})", hall))
              .status == 200);
  auto list = s.handle(call("GET", "/api/v1/admin/kiosks", "", s.chief));
  REQUIRE(list.status == 200);
  const auto body = json::parse(list.body);
  CHECK(body.at("silent_after_seconds") == 180);
  for (const auto &k : body.at("kiosks").as_array()) {
    if (k.at("name") == "Sảnh")
      CHECK(k.at("alerts") == json::array{"paper_out", "printer_fault"});
    else
      CHECK(k.at("alerts") == json::array{"silent"});
  }
}
