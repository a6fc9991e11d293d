#include "net/protocol/catalog.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace motcua;

namespace {
const std::string kMinimal = R"({
  "format_version": 1,
  "station": {"name": "CÔNG AN PHƯỜNG X"},
  "services": [{"id": "A", "prefix": "A", "label": {"vi": "Cư trú", "en": "Residence"}}]
})";

CatalogError rejected(const std::string &text) {
  auto r = parse_catalog(text, "test.json");
  REQUIRE_FALSE(r.has_value());
  return r.error();
}
} // namespace

TEST_CASE("the default catalog has the eight categories A-H with Vietnamese labels") {
  auto r = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  const auto &c = r.value();
  REQUIRE(c.services.size() == 8);
  std::string prefixes;
  for (const auto &s : c.services)
    prefixes += s.prefix;
  CHECK(prefixes == "ABCDEFGH");
  CHECK(c.find_service("A")->label.vi == "Cư trú");
  CHECK(c.find_service("C")->label.vi == "Căn cước");
  CHECK(c.find_service("E")->label.in("en") == "Vehicle registration");
  CHECK(c.station_name == "CÔNG AN PHƯỜNG VĨNH NGUYÊN");
  CHECK(c.priority_groups.size() == 5);
  CHECK(c.find_priority_group("elderly")->label.vi == "Người cao tuổi (từ 60 tuổi)");
}

TEST_CASE("defaults apply to optional service fields and English falls back to Vietnamese") {
  auto r = parse_catalog(R"({"format_version":1,"station":{"name":"X"},
    "services":[{"id":"A","prefix":"A","label":{"vi":"Cư trú"}}]})",
                         "t");
  REQUIRE(r.has_value());
  CHECK(r->services[0].daily_cap == 300);
  CHECK(r->services[0].avg_service_minutes == 10);
  CHECK(r->services[0].label.in("en") == "Cư trú");
  CHECK(r->priority_groups.empty());
}

TEST_CASE("a catalog survives a round trip through its JSON form") {
  auto original = parse_catalog(kMinimal, "t");
  REQUIRE(original.has_value());
  auto again = parse_catalog(catalog_to_json(*original), "again");
  REQUIRE(again.has_value());
  CHECK(again->station_name == original->station_name);
  CHECK(again->services[0].label.vi == "Cư trú");
  CHECK(again->services[0].label.en == "Residence");
}

TEST_CASE("bad catalogs are rejected with the file and the field named") {
  SUBCASE("not JSON") {
    auto e = rejected("{nope");
    CHECK(e.source == "test.json");
    CHECK(e.to_string().find("not valid JSON") != std::string::npos);
  }
  SUBCASE("unknown format version") {
    auto e = rejected(R"({"format_version": 7, "station":{"name":"X"}, "services":[]})");
    CHECK(e.field == "format_version");
  }
  SUBCASE("missing station name") {
    auto e = rejected(R"({"format_version":1,"station":{},"services":[]})");
    CHECK(e.field == "station.name");
    CHECK(e.message == "is missing");
  }
  SUBCASE("prefix of two letters") {
    auto e = rejected(R"({"format_version":1,"station":{"name":"X"},
      "services":[{"id":"A","prefix":"AB","label":{"vi":"x"}}]})");
    CHECK(e.field == "services[0].prefix");
    CHECK(e.to_string() == "test.json: services[0].prefix: must be one capital letter A-Z");
  }
  SUBCASE("repeated prefix") {
    auto e = rejected(R"({"format_version":1,"station":{"name":"X"},
      "services":[{"id":"A","prefix":"A","label":{"vi":"x"}},
                  {"id":"B","prefix":"A","label":{"vi":"y"}}]})");
    CHECK(e.field == "services[1].prefix");
  }
  SUBCASE("cap out of range") {
    auto e = rejected(R"({"format_version":1,"station":{"name":"X"},
      "services":[{"id":"A","prefix":"A","label":{"vi":"x"},"daily_cap":5000}]})");
    CHECK(e.field == "services[0].daily_cap");
  }
  SUBCASE("label of the wrong type") {
    auto e = rejected(R"({"format_version":1,"station":{"name":"X"},
      "services":[{"id":"A","prefix":"A","label":"Cư trú"}]})");
    CHECK(e.field == "services[0].label");
  }
  SUBCASE("no services") {
    auto e = rejected(R"({"format_version":1,"station":{"name":"X"},"services":[]})");
    CHECK(e.field == "services");
  }
}

TEST_CASE("a missing catalog file is named in the error") {
  auto r = load_catalog_file("/nonexistent/catalog.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().to_string() == "/nonexistent/catalog.json: cannot be opened");
}
