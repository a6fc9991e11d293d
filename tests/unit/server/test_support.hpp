#pragma once
// Helpers shared by the station's unit tests (and the net client's loopback
// tests): a temporary directory, a small catalog, fixed time points.
#include "net/protocol/catalog.hpp"
#include "server/station_clock.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace motcua::station::test {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

// Services "A" (cap 300, 10 min), "B" (cap 3, 5 min), "C" (prefix "K");
// priority group "elderly".
Catalog small_catalog();

// Sets TZ=Asia/Ho_Chi_Minh for the test process, once: the zone is
// process-wide, and every station test agrees on it.
void use_station_zone();

// A UTC instant: utc(2026, 11, 27, 16, 59, 59).
TimePoint utc(int year, unsigned month, unsigned day, int hour, int minute, int second);

} // namespace motcua::station::test
