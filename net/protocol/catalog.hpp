#pragma once
// The service catalog: what a kiosk offers and how the station numbers it.
// One parser serves the station (file from assets/) and the kiosk (API body).
#include "net/protocol/issuing_hours.hpp"
#include "net/protocol/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// Vietnamese is mandatory; English falls back to Vietnamese when absent.
struct LocalizedText {
  std::string vi;
  std::string en;
  const std::string &in(std::string_view language) const {
    return (language == "en" && !en.empty()) ? en : vi;
  }
};

struct Service {
  std::string id;     // stable key, e.g. "A"
  std::string prefix; // one capital letter printed before the number
  LocalizedText label;
  int daily_cap = 300;          // tickets per day, at most 999
  int avg_service_minutes = 10; // used for the wait estimate
  // When kiosks may issue its tickets; none: the station's usual hours.
  std::optional<WeeklyHours> issuing_hours;
};

struct PriorityGroup {
  std::string id;
  LocalizedText label;
};

struct Catalog {
  int format_version = 1;
  std::string station_name;
  std::vector<Service> services;
  std::vector<PriorityGroup> priority_groups;

  const Service *find_service(std::string_view id) const;
  const PriorityGroup *find_priority_group(std::string_view id) const;
};

// Where a catalog was rejected: the source (file name or "server response"),
// the JSON path of the offending field, and why.
struct CatalogError {
  std::string source;
  std::string field;
  std::string message;
  std::string to_string() const; // "FILE: services[2].prefix: must be ..."
};

constexpr int kCatalogFormatVersion = 1;

Result<Catalog, CatalogError> parse_catalog(std::string_view json_text,
                                            std::string_view source);
Result<Catalog, CatalogError> load_catalog_file(const std::string &path);
std::string catalog_to_json(const Catalog &catalog);

} // namespace motcua
