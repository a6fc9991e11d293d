#include "kiosk/app/technician_pin.hpp"

#include "net/system/crypto.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace motcua::kiosk {
namespace json = boost::json;

std::optional<std::string> pin_problem(std::string_view pin) {
  if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits)
    return "a PIN has " + std::to_string(kPinMinDigits) + " to " +
           std::to_string(kPinMaxDigits) + " digits";
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::string("a PIN has digits only");
  return std::nullopt;
}

PinRecord make_pin_record(std::string_view pin, int iterations) {
  PinRecord record;
  record.iterations = iterations;
  record.salt = crypto::random_hex(16);
  record.hash = crypto::pbkdf2_hex(pin, record.salt, iterations);
  return record;
}

namespace {
// The lock as it stands at now_ms: none once passed, never longer than one
// lock period from now.
std::int64_t effective_lock(const PinRecord &record, std::int64_t now_ms) {
  if (record.locked_until_ms <= now_ms)
    return 0;
  return std::min(record.locked_until_ms, now_ms + kPinLockMs);
}
} // namespace

std::optional<std::int64_t> pin_locked_until(const PinRecord &record,
                                             std::int64_t now_ms) {
  if (auto until = effective_lock(record, now_ms))
    return until;
  return std::nullopt;
}

int pin_tries_left(const PinRecord &record, std::int64_t now_ms) {
  if (effective_lock(record, now_ms))
    return 0;
  // A lock that has passed gives a fresh set of tries.
  const int failures = record.locked_until_ms ? 0 : record.failures;
  return std::max(0, kPinTries - failures);
}

PinCheck check_pin(const PinRecord &record, std::string_view pin, std::int64_t now_ms) {
  PinCheck check;
  check.record = record;
  if (const auto until = effective_lock(record, now_ms)) {
    check.outcome = PinCheck::Outcome::locked;
    check.record.locked_until_ms = until;
    check.locked_until_ms = until;
    return check;
  }
  if (record.locked_until_ms) { // the lock has passed
    check.record.locked_until_ms = 0;
    check.record.failures = 0;
  }
  const std::string hash = crypto::pbkdf2_hex(pin, record.salt, record.iterations);
  if (crypto::equal_constant_time(hash, record.hash)) {
    check.outcome = PinCheck::Outcome::accepted;
    check.record.failures = 0;
    check.tries_left = kPinTries;
    return check;
  }
  ++check.record.failures;
  check.tries_left = std::max(0, kPinTries - check.record.failures);
  if (check.tries_left == 0) {
    check.outcome = PinCheck::Outcome::locked;
    check.record.locked_until_ms = check.locked_until_ms = now_ms + kPinLockMs;
  }
  return check;
}

std::string pin_record_to_json(const PinRecord &record) {
  json::object o{{"format_version", 1},
                 {"kdf", "pbkdf2-hmac-sha256"},
                 {"iterations", record.iterations},
                 {"salt", record.salt},
                 {"hash", record.hash},
                 {"failures", record.failures},
                 {"locked_until_ms", record.locked_until_ms}};
  return json::serialize(o) + "\n";
}

Result<PinRecord> parse_pin_record(std::string_view json_text, std::string_view source) {
  auto fail = [&](std::string_view field, std::string_view why) {
    return unexpected(std::string(source) + ": " + std::string(field) + ": " +
                      std::string(why));
  };
  json::error_code ec;
  auto root = json::parse(json_text, ec);
  if (ec || !root.is_object())
    return fail("(top level)", "is not a JSON object");
  const auto &o = root.as_object();
  auto integer = [&](std::string_view key) -> std::optional<std::int64_t> {
    const auto *v = o.if_contains(key);
    if (!v || !v->is_int64())
      return std::nullopt;
    return v->as_int64();
  };
  auto text = [&](std::string_view key) -> std::optional<std::string> {
    const auto *v = o.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty())
      return std::nullopt;
    return std::string(v->as_string());
  };
  if (integer("format_version") != 1)
    return fail("format_version", "must be 1");
  if (text("kdf") != "pbkdf2-hmac-sha256")
    return fail("kdf", "must be \"pbkdf2-hmac-sha256\"");
  PinRecord record;
  const auto iterations = integer("iterations");
  if (!iterations || *iterations < 1 || *iterations > 10'000'000)
    return fail("iterations", "must be a count from 1 to 10000000");
  record.iterations = static_cast<int>(*iterations);
  const auto salt = text("salt");
  const auto hash = text("hash");
  if (!salt)
    return fail("salt", "must be a non-empty string");
  if (!hash || hash->size() != 64)
    return fail("hash", "must be 64 hex digits");
  record.salt = *salt;
  record.hash = *hash;
  const auto failures = integer("failures");
  const auto locked = integer("locked_until_ms");
  if (!failures || *failures < 0 || *failures > kPinTries)
    return fail("failures", "must be a count from 0 to " + std::to_string(kPinTries));
  if (!locked || *locked < 0)
    return fail("locked_until_ms", "must be a time in Unix milliseconds or 0");
  record.failures = static_cast<int>(*failures);
  record.locked_until_ms = *locked;
  return record;
}

} // namespace motcua::kiosk
