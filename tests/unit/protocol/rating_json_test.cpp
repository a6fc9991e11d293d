#include "net/protocol/rating.hpp"

#include <doctest/doctest.h>

using namespace motcua;

namespace {
Rating sample() {
  Rating r;
  r.id = "3f1c2a4e-9b7d-4c1e-8a2b-0d9e8f7a6b5c";
  r.level = "dissatisfied";
  r.reasons = {"waiting_time", "officer_attitude"};
  r.ticket = "A015";
  r.rated_at = "2026-11-28T09:40:00+07:00";
  return r;
}
} // namespace

TEST_CASE("a rating survives a round trip through its JSON form") {
  auto back = parse_rating_request(rating_to_json(sample()));
  REQUIRE(back.has_value());
  CHECK(back->id == sample().id);
  CHECK(back->level == "dissatisfied");
  CHECK(back->reasons == std::vector<std::string>{"waiting_time", "officer_attitude"});
  CHECK(back->ticket == std::optional<std::string>("A015"));
  CHECK(back->rated_at == "2026-11-28T09:40:00+07:00");
}

TEST_CASE("a rating without a ticket or reasons is valid") {
  auto back = parse_rating_request(
      R"({"rating":{"id":"3f1c2a4e-9b7d-4c1e-8a2b-0d9e8f7a6b5c","level":"very_satisfied",
          "ticket":null,"rated_at":"2026-11-28T09:40:00+07:00","unknown":1}})");
  REQUIRE(back.has_value());
  CHECK_FALSE(back->ticket.has_value());
  CHECK(back->reasons.empty());
}

TEST_CASE("bad ratings are refused with invalid_field or malformed_json") {
  auto code = [](const std::string &text) { return parse_rating_request(text).error().code; };
  CHECK(code("{") == "malformed_json");
  CHECK(code(R"({"id":"x"})") == "invalid_field");
  auto with = [](const std::string &field, const std::string &value) {
    std::string base = rating_to_json(sample());
    auto at = base.find("\"" + field + "\":");
    REQUIRE(at != std::string::npos);
    auto value_start = at + field.size() + 3;
    auto value_end = base.find_first_of(",}", value_start);
    if (base[value_start] == '[')
      value_end = base.find(']', value_start) + 1;
    return base.substr(0, value_start) + value + base.substr(value_end);
  };
  CHECK(code(with("id", "\"not-a-uuid\"")) == "invalid_field");
  CHECK(code(with("level", "\"happy\"")) == "invalid_field");
  CHECK(code(with("level", "3")) == "invalid_field");
  CHECK(code(with("reasons", "\"waiting_time\"")) == "invalid_field");
  CHECK(code(with("reasons", "[1]")) == "invalid_field");
  CHECK(code(with("ticket", "15")) == "invalid_field");
  CHECK(code(with("rated_at", "\"yesterday\"")) == "invalid_field");
}

TEST_CASE("satisfaction counts the two satisfied levels only") {
  CHECK(is_satisfied_level("very_satisfied"));
  CHECK(is_satisfied_level("satisfied"));
  CHECK_FALSE(is_satisfied_level("neutral"));
  CHECK_FALSE(is_satisfied_level("dissatisfied"));
  CHECK(rating_levels().size() == 5);
}
