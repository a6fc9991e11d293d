#pragma once
// The technician PIN: kept only as a slow salted hash (PBKDF2-HMAC-SHA256),
// compared in constant time, and five wrong tries lock the pad for a while.
// The record (hash and lockout) lives in one small file in the kiosk's state
// folder so a restart neither forgets a lockout nor the PIN. Pure: the
// caller reads the file, passes the wall-clock time, and writes the result.
#include "net/protocol/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::kiosk {

inline constexpr int kPinMinDigits = 4;
inline constexpr int kPinMaxDigits = 8;
inline constexpr int kPinTries = 5;                        // wrong PINs before the lock
inline constexpr std::int64_t kPinLockMs = 15 * 60 * 1000; // how long the lock lasts
inline constexpr int kPinIterations = 210000;              // as the station's passwords
inline constexpr const char *kPinFileName = "technician-pin.json"; // in the state folder

struct PinRecord {
  int iterations = kPinIterations;
  std::string salt;                 // hex
  std::string hash;                 // hex PBKDF2-HMAC-SHA256 of the PIN with the salt
  int failures = 0;                 // wrong PINs since the last good one or the last lock
  std::int64_t locked_until_ms = 0; // Unix ms; 0: not locked
};

// Why a PIN cannot be used: nullopt when it is 4 to 8 digits.
std::optional<std::string> pin_problem(std::string_view pin);

// A new record for the PIN (checked with pin_problem first) and a fresh salt.
PinRecord make_pin_record(std::string_view pin, int iterations = kPinIterations);

struct PinCheck {
  enum class Outcome { accepted, wrong, locked };
  Outcome outcome = Outcome::wrong;
  PinRecord record;   // to write back (failures and lock updated)
  int tries_left = 0; // before the lock, after this check
  std::int64_t locked_until_ms = 0;
};
// A locked record refuses without hashing or counting; the fifth wrong PIN
// locks it for kPinLockMs. A lock ends at the latest kPinLockMs from `now_ms`,
// so a clock set back does not lock the pad for days.
PinCheck check_pin(const PinRecord &record, std::string_view pin, std::int64_t now_ms);
// Locked at now_ms (after applying the same bound as check_pin).
std::optional<std::int64_t> pin_locked_until(const PinRecord &record,
                                             std::int64_t now_ms);
// Tries left before the lock (kPinTries once a lock has passed).
int pin_tries_left(const PinRecord &record, std::int64_t now_ms);

std::string pin_record_to_json(const PinRecord &record);
// Errors name the source and the field; a damaged record is never taken as
// "no PIN" (that would open the technician screens to anyone).
Result<PinRecord> parse_pin_record(std::string_view json_text, std::string_view source);

} // namespace motcua::kiosk
