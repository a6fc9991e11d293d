#include "net/protocol/catalog.hpp"
#include "net/protocol/issuing_hours.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua;
namespace json = boost::json;

namespace {
std::string catalog_with(const std::string &hours) {
  return R"({"format_version":1,"station":{"name":"CA"},"services":[{"id":"A","prefix":"A",)"
         R"("label":{"vi":"Cư trú"},"issuing_hours":)" +
         hours + "}]}";
}

std::string refusal(const std::string &hours) {
  auto parsed = parse_catalog(catalog_with(hours), "t.json");
  return parsed ? "(accepted)" : parsed.error().to_string();
}
} // namespace

TEST_CASE("a range of issuing hours is HH:MM-HH:MM with the start first") {
  CHECK(parse_minute_range("07:30-11:30") == MinuteRange{450, 690});
  CHECK(parse_minute_range("00:00-24:00") == MinuteRange{0, 1440});
  CHECK(minute_range_text({450, 690}) == "07:30-11:30");
  for (const char *bad :
       {"", "7:30-11:30", "07:30-07:30", "11:30-07:30", "07:60-08:00", "24:00-24:00",
        "24:30-25:00", "07:30 11:30", "07:30-11:3x", "-7:30-11:30", "07:30-11:30 "})
    CHECK_MESSAGE(!parse_minute_range(bad), bad);
}

TEST_CASE("a catalog's issuing hours read back as they were written") {
  auto catalog = parse_catalog(
      catalog_with(R"({"mon":["07:30-11:30","13:30-16:30"],"sat":["07:30-11:30"]})"),
      "t");
  REQUIRE_MESSAGE(catalog, (catalog ? "" : catalog.error().to_string()));
  const auto &hours = catalog->services[0].issuing_hours;
  REQUIRE(hours);
  CHECK((*hours)[1] == std::vector<MinuteRange>{{450, 690}, {810, 990}});
  CHECK((*hours)[6] == std::vector<MinuteRange>{{450, 690}});
  CHECK((*hours)[0].empty()); // Sunday not named: closed
  CHECK((*hours)[2].empty());
  const auto again = json::parse(catalog_to_json(*catalog));
  CHECK(json::serialize(again.at("services").at(0).at("issuing_hours")) ==
        R"({"mon":["07:30-11:30","13:30-16:30"],"sat":["07:30-11:30"]})");
  // Without the field: none, the station's usual hours.
  auto plain = parse_catalog(
      R"({"format_version":1,"station":{"name":"CA"},"services":[{"id":"A","prefix":"A","label":{"vi":"Cư trú"}}]})",
      "t");
  REQUIRE(plain);
  CHECK_FALSE(plain->services[0].issuing_hours);
  CHECK(catalog_to_json(*plain).find("issuing_hours") == std::string::npos);
}

TEST_CASE("bad issuing hours are refused with the service, the day and the reason") {
  CHECK(refusal(R"(["07:30-11:30"])") ==
        "t.json: services[0].issuing_hours: must be an object of days (\"mon\": "
        "[\"07:30-11:30\"])");
  CHECK(refusal(R"({"monday":["07:30-11:30"]})") ==
        "t.json: services[0].issuing_hours: has \"monday\", not a day: sun, mon, tue, "
        "wed, thu, fri, sat");
  CHECK(refusal(R"({"mon":"07:30-11:30"})") ==
        "t.json: services[0].issuing_hours: mon must be a list of \"HH:MM-HH:MM\"");
  CHECK(refusal(R"({"tue":["11:30-07:30"]})") ==
        "t.json: services[0].issuing_hours: tue: \"11:30-07:30\" is not \"HH:MM-HH:MM\" "
        "with the start before the end");
  CHECK(refusal(R"({"wed":["07:30-11:30","11:00-12:00"]})") ==
        "t.json: services[0].issuing_hours: wed: 11:00-12:00 overlaps or comes before "
        "07:30-11:30");
  CHECK(refusal(R"({"thu":[7]})").find("thu: an item is not") != std::string::npos);
  CHECK(refusal(R"({})") == "(accepted)"); // named, and closed every day
}
