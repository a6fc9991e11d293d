#include "tests/unit/server/test_support.hpp"

#include <cstdlib>
#include <stdexcept>

namespace motcua::station::test {

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "motcua-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored; // a leftover temp dir is not worth failing a test
  std::filesystem::remove_all(path_, ignored);
}

Catalog small_catalog() {
  auto catalog = parse_catalog(R"({
    "format_version": 1,
    "station": {"name": "CÔNG AN PHƯỜNG THỬ"},
    "services": [
      {"id": "A", "prefix": "A", "label": {"vi": "Cư trú"}, "daily_cap": 300,
       "avg_service_minutes": 10},
      {"id": "B", "prefix": "B", "label": {"vi": "Căn cước"}, "daily_cap": 3,
       "avg_service_minutes": 5},
      {"id": "C", "prefix": "K", "label": {"vi": "Khác"}}
    ],
    "priority_groups": [{"id": "elderly", "label": {"vi": "Người cao tuổi"}}]
  })",
                               "test catalog");
  if (!catalog)
    throw std::runtime_error(catalog.error().to_string());
  return std::move(catalog).value();
}

void use_station_zone() {
  static const bool done = [] {
    if (auto error = set_station_time_zone("Asia/Ho_Chi_Minh"))
      throw std::runtime_error(*error);
    return true;
  }();
  (void)done;
}

TimePoint utc(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} /
                  std::chrono::day{day}} +
         hours{hour} + minutes{minute} + seconds{second};
}

} // namespace motcua::station::test
