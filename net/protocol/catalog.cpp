#include "net/protocol/catalog.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace motcua {
namespace json = boost::json;

namespace {

struct Reject {
  std::string field;
  std::string message;
};

const json::value &require(const json::object &obj, std::string_view key,
                           const std::string &path) {
  auto it = obj.find(key);
  if (it == obj.end())
    throw Reject{path + std::string(key), "is missing"};
  return it->value();
}

std::string require_string(const json::object &obj, std::string_view key,
                           const std::string &path) {
  const auto &v = require(obj, key, path);
  if (!v.is_string())
    throw Reject{path + std::string(key), "must be a string"};
  std::string s(v.as_string());
  if (s.empty())
    throw Reject{path + std::string(key), "must not be empty"};
  return s;
}

int optional_int(const json::object &obj, std::string_view key, const std::string &path,
                 int fallback, int lo, int hi) {
  auto it = obj.find(key);
  if (it == obj.end())
    return fallback;
  if (!it->value().is_int64())
    throw Reject{path + std::string(key), "must be an integer"};
  auto n = it->value().as_int64();
  if (n < lo || n > hi)
    throw Reject{path + std::string(key),
                 "must be between " + std::to_string(lo) + " and " + std::to_string(hi)};
  return static_cast<int>(n);
}

const json::object &require_object(const json::value &v, const std::string &path) {
  if (!v.is_object())
    throw Reject{path, "must be an object"};
  return v.as_object();
}

LocalizedText parse_label(const json::object &obj, const std::string &path) {
  const auto &label = require_object(require(obj, "label", path), path + "label");
  LocalizedText text;
  text.vi = require_string(label, "vi", path + "label.");
  if (auto it = label.find("en"); it != label.end()) {
    if (!it->value().is_string())
      throw Reject{path + "label.en", "must be a string"};
    text.en = std::string(it->value().as_string());
  }
  return text;
}

Catalog parse(const json::value &root) {
  const auto &top = require_object(root, "(top level)");
  Catalog catalog;
  catalog.format_version = optional_int(top, "format_version", "", 0, 0, 1000);
  if (catalog.format_version != kCatalogFormatVersion)
    throw Reject{"format_version", "is " + std::to_string(catalog.format_version) +
                                       "; this program reads version " +
                                       std::to_string(kCatalogFormatVersion)};
  const auto &station = require_object(require(top, "station", ""), "station");
  catalog.station_name = require_string(station, "name", "station.");

  const auto &services = require(top, "services", "");
  if (!services.is_array() || services.as_array().empty())
    throw Reject{"services", "must be a non-empty array"};
  std::set<std::string> ids, prefixes;
  std::size_t i = 0;
  for (const auto &item : services.as_array()) {
    std::string path = "services[" + std::to_string(i++) + "].";
    const auto &obj = require_object(item, path.substr(0, path.size() - 1));
    Service s;
    s.id = require_string(obj, "id", path);
    s.prefix = require_string(obj, "prefix", path);
    if (s.prefix.size() != 1 || s.prefix[0] < 'A' || s.prefix[0] > 'Z')
      throw Reject{path + "prefix", "must be one capital letter A-Z"};
    s.label = parse_label(obj, path);
    s.daily_cap = optional_int(obj, "daily_cap", path, 300, 1, 999);
    s.avg_service_minutes = optional_int(obj, "avg_service_minutes", path, 10, 1, 240);
    if (auto hours = obj.find("issuing_hours"); hours != obj.end()) {
      auto parsed = parse_issuing_hours(hours->value());
      if (!parsed)
        throw Reject{path + "issuing_hours", parsed.error()};
      s.issuing_hours = std::move(parsed).value();
    }
    if (!ids.insert(s.id).second)
      throw Reject{path + "id", "repeats \"" + s.id + "\""};
    if (!prefixes.insert(s.prefix).second)
      throw Reject{path + "prefix", "repeats \"" + s.prefix + "\""};
    catalog.services.push_back(std::move(s));
  }

  if (auto it = top.find("priority_groups"); it != top.end()) {
    if (!it->value().is_array())
      throw Reject{"priority_groups", "must be an array"};
    std::size_t j = 0;
    for (const auto &item : it->value().as_array()) {
      std::string path = "priority_groups[" + std::to_string(j++) + "].";
      const auto &obj = require_object(item, path.substr(0, path.size() - 1));
      PriorityGroup g;
      g.id = require_string(obj, "id", path);
      g.label = parse_label(obj, path);
      catalog.priority_groups.push_back(std::move(g));
    }
  }
  return catalog;
}

json::object label_json(const LocalizedText &t) {
  json::object o;
  o["vi"] = t.vi;
  if (!t.en.empty())
    o["en"] = t.en;
  return o;
}

} // namespace

const Service *Catalog::find_service(std::string_view id) const {
  for (const auto &s : services)
    if (s.id == id)
      return &s;
  return nullptr;
}

const PriorityGroup *Catalog::find_priority_group(std::string_view id) const {
  for (const auto &g : priority_groups)
    if (g.id == id)
      return &g;
  return nullptr;
}

std::string CatalogError::to_string() const {
  std::string out = source + ": ";
  if (!field.empty())
    out += field + ": ";
  return out + message;
}

Result<Catalog, CatalogError> parse_catalog(std::string_view json_text,
                                            std::string_view source) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec)
    return unexpected(CatalogError{std::string(source), "",
                                   "is not valid JSON (" + ec.message() + ")"});
  try {
    return parse(root);
  } catch (const Reject &r) {
    return unexpected(CatalogError{std::string(source), r.field, r.message});
  }
}

Result<Catalog, CatalogError> load_catalog_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return unexpected(CatalogError{path, "", "cannot be opened"});
  std::ostringstream text;
  text << in.rdbuf();
  return parse_catalog(text.str(), path);
}

std::string catalog_to_json(const Catalog &catalog) {
  json::object root;
  root["format_version"] = catalog.format_version;
  root["station"] = json::object{{"name", catalog.station_name}};
  json::array services;
  for (const auto &s : catalog.services) {
    json::object o{{"id", s.id},
                   {"prefix", s.prefix},
                   {"label", label_json(s.label)},
                   {"daily_cap", s.daily_cap},
                   {"avg_service_minutes", s.avg_service_minutes}};
    if (s.issuing_hours)
      o["issuing_hours"] = issuing_hours_json(*s.issuing_hours);
    services.push_back(std::move(o));
  }
  root["services"] = std::move(services);
  json::array groups;
  for (const auto &g : catalog.priority_groups)
    groups.push_back(json::object{{"id", g.id}, {"label", label_json(g.label)}});
  root["priority_groups"] = std::move(groups);
  return json::serialize(root);
}

} // namespace motcua
