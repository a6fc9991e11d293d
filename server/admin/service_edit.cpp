#include "server/admin/service_edit.hpp"

#include <boost/json.hpp>

#include <set>

namespace motcua::station {
namespace json = boost::json;

namespace {

ServiceEditError invalid(std::string_view field, std::string_view want) {
  return {400, "invalid_field",
          "\"" + std::string(field) + "\" must be " + std::string(want)};
}

// A label text: trimmed by nobody, so blank-only is refused here.
Result<std::string, ServiceEditError> text_of(const json::value &v,
                                              std::string_view field, bool required) {
  const json::string *s = v.if_string();
  if (!s || s->size() > 128 ||
      (required && s->find_first_not_of(" \t") == json::string::npos))
    return unexpected(invalid(field, required ? "a non-blank string of at most 128 bytes"
                                              : "a string of at most 128 bytes"));
  return std::string(*s);
}

Result<int, ServiceEditError> int_of(const json::value &v, std::string_view field, int lo,
                                     int hi) {
  if (!v.is_int64() || v.as_int64() < lo || v.as_int64() > hi)
    return unexpected(
        invalid(field, "an integer " + std::to_string(lo) + ".." + std::to_string(hi)));
  return static_cast<int>(v.as_int64());
}

std::optional<ServiceEditError> apply_label(const json::value &v, LocalizedText &label) {
  const json::object *o = v.if_object();
  if (!o)
    return invalid("label", "an object with \"vi\" and \"en\"");
  for (const auto &[key, value] : *o) {
    if (key != "vi" && key != "en")
      return invalid("label", "an object with \"vi\" and \"en\" only");
    auto text = text_of(value, key == "vi" ? "label.vi" : "label.en", key == "vi");
    if (!text)
      return text.error();
    (key == "vi" ? label.vi : label.en) = *text;
  }
  return std::nullopt;
}

std::optional<ServiceEditError> apply_field(std::string_view key, const json::value &v,
                                            Service &service) {
  if (key == "label")
    return apply_label(v, service.label);
  if (key == "prefix") {
    const json::string *s = v.if_string();
    if (!s || s->size() != 1 || (*s)[0] < 'A' || (*s)[0] > 'Z')
      return invalid("prefix", "one capital letter A-Z");
    service.prefix = std::string(*s);
    return std::nullopt;
  }
  if (key == "issuing_hours") { // null: back to the station's usual hours
    if (v.is_null()) {
      service.issuing_hours.reset();
      return std::nullopt;
    }
    auto hours = parse_issuing_hours(v);
    if (!hours)
      return ServiceEditError{400, "invalid_field", "\"issuing_hours\" " + hours.error()};
    service.issuing_hours = std::move(hours).value();
    return std::nullopt;
  }
  const bool cap = key == "daily_cap";
  if (!cap && key != "avg_service_minutes")
    return ServiceEditError{400, "invalid_field",
                            "unknown field \"" + std::string(key) +
                                "\": label, prefix, daily_cap, avg_service_minutes, "
                                "issuing_hours"};
  auto number = cap ? int_of(v, key, 1, 999) : int_of(v, key, 1, 240);
  if (!number)
    return number.error();
  (cap ? service.daily_cap : service.avg_service_minutes) = *number;
  return std::nullopt;
}

} // namespace

Result<Catalog, ServiceEditError> apply_service_edit(const Catalog &catalog,
                                                     std::string_view service_id,
                                                     std::string_view body) {
  Catalog edited = catalog;
  Service *service = nullptr;
  for (auto &s : edited.services)
    if (s.id == service_id)
      service = &s;
  if (!service)
    return unexpected(ServiceEditError{404, "unknown_service",
                                       "no service \"" + std::string(service_id) +
                                           "\" in the catalog"});
  boost::system::error_code ec;
  const json::value root = json::parse(body, ec);
  if (ec)
    return unexpected(
        ServiceEditError{400, "malformed_json", "the body is not valid JSON"});
  const json::object *fields = root.if_object();
  if (!fields || fields->empty())
    return unexpected(ServiceEditError{400, "invalid_field",
                                       "the body must be a JSON object naming the "
                                       "fields to change"});
  for (const auto &[key, value] : *fields)
    if (auto error = apply_field(key, value, *service))
      return unexpected(std::move(*error));
  for (const auto &other : edited.services)
    if (&other != service && other.prefix == service->prefix)
      return unexpected(ServiceEditError{409, "prefix_taken",
                                         "prefix \"" + service->prefix +
                                             "\" already numbers service \"" + other.id +
                                             "\""});
  // The kiosks' own check, so nothing saved here is refused by a kiosk later.
  auto checked = parse_catalog(catalog_to_json(edited), "edited catalog");
  if (!checked)
    return unexpected(
        ServiceEditError{400, "invalid_field", checked.error().to_string()});
  return std::move(checked).value();
}

} // namespace motcua::station
