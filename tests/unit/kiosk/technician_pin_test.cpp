// The technician PIN record: hashed with a salt, five wrong PINs lock it, the
// lock is bounded and survives a round trip through its file format.
#include "kiosk/app/technician_pin.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;

namespace {
constexpr int kFast = 10; // iterations: the tests check behaviour, not the cost
constexpr std::int64_t kNow = 1'800'000'000'000;
} // namespace

TEST_CASE("a PIN is 4 to 8 digits") {
  CHECK_FALSE(pin_problem("1234"));
  CHECK_FALSE(pin_problem("12345678"));
  CHECK(pin_problem("123"));
  CHECK(pin_problem("123456789"));
  CHECK(pin_problem("12a4"));
  CHECK(pin_problem(""));
}

TEST_CASE("the record keeps a salted hash, never the PIN") {
  const auto a = make_pin_record("2468", kFast);
  const auto b = make_pin_record("2468", kFast);
  CHECK(a.hash.size() == 64);
  CHECK(a.salt != b.salt);
  CHECK(a.hash != b.hash);
  CHECK(pin_record_to_json(a).find("2468") == std::string::npos);
  CHECK(make_pin_record("2468").iterations == 210000);
}

TEST_CASE("the right PIN is accepted and clears earlier failures") {
  auto record = make_pin_record("2468", kFast);
  auto wrong = check_pin(record, "1111", kNow);
  CHECK(wrong.outcome == PinCheck::Outcome::wrong);
  CHECK(wrong.tries_left == 4);
  auto right = check_pin(wrong.record, "2468", kNow);
  CHECK(right.outcome == PinCheck::Outcome::accepted);
  CHECK(right.record.failures == 0);
  CHECK(pin_tries_left(right.record, kNow) == 5);
}

TEST_CASE("five wrong PINs lock the pad for 15 minutes, even for the right PIN") {
  auto record = make_pin_record("2468", kFast);
  PinCheck check;
  for (int i = 1; i <= 5; ++i) {
    check = check_pin(record, "0000", kNow + i);
    record = check.record;
    CHECK(check.tries_left == 5 - i);
  }
  CHECK(check.outcome == PinCheck::Outcome::locked);
  CHECK(record.locked_until_ms == kNow + 5 + kPinLockMs);
  CHECK(check_pin(record, "2468", kNow + 60'000).outcome == PinCheck::Outcome::locked);
  CHECK(pin_locked_until(record, kNow + 60'000) == kNow + 5 + kPinLockMs);
  CHECK(pin_tries_left(record, kNow + 60'000) == 0);

  // Once the lock has passed: five fresh tries, and the right PIN works.
  const std::int64_t later = kNow + 5 + kPinLockMs;
  CHECK_FALSE(pin_locked_until(record, later));
  CHECK(pin_tries_left(record, later) == 5);
  auto after = check_pin(record, "0000", later);
  CHECK(after.outcome == PinCheck::Outcome::wrong);
  CHECK(after.tries_left == 4);
  CHECK(check_pin(record, "2468", later).outcome == PinCheck::Outcome::accepted);
}

TEST_CASE("a clock set back does not lengthen the lock beyond one period") {
  auto record = make_pin_record("2468", kFast);
  record.failures = 5;
  record.locked_until_ms = kNow + 30LL * 24 * 3600 * 1000; // a month ahead
  CHECK(pin_locked_until(record, kNow) == kNow + kPinLockMs);
  CHECK(check_pin(record, "2468", kNow).record.locked_until_ms == kNow + kPinLockMs);
}

TEST_CASE("the record file round-trips and a damaged one is refused with the field") {
  auto record = make_pin_record("2468", kFast);
  record.failures = 2;
  record.locked_until_ms = 0;
  auto parsed = parse_pin_record(pin_record_to_json(record), "pin.json");
  REQUIRE(parsed);
  CHECK(parsed->hash == record.hash);
  CHECK(parsed->salt == record.salt);
  CHECK(parsed->iterations == kFast);
  CHECK(parsed->failures == 2);
  CHECK(check_pin(*parsed, "2468", kNow).outcome == PinCheck::Outcome::accepted);

  auto bad = parse_pin_record("{\"format_version\":2}", "pin.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == "pin.json: format_version: must be 1");
  CHECK_FALSE(parse_pin_record("not json", "pin.json"));
  std::string text = pin_record_to_json(record);
  text.replace(text.find("\"hash\":\"") + 8, 4, "");
  auto short_hash = parse_pin_record(text, "pin.json");
  REQUIRE_FALSE(short_hash);
  CHECK(short_hash.error().find("hash") != std::string::npos);
}
