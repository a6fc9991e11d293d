#include "kiosk/shell/request_key.hpp"

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>

namespace motcua::kiosk {

std::string new_request_key() {
  static std::mutex mutex;
  static std::mt19937_64 random{std::random_device{}()};
  std::uint64_t hi, lo;
  {
    std::lock_guard lock(mutex);
    hi = random();
    lo = random();
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull; // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull; // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF),
                static_cast<unsigned>(hi & 0xFFFF), static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return text;
}

} // namespace motcua::kiosk
