#include "net/protocol/rating.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace motcua {
namespace json = boost::json;

namespace {
constexpr std::array<std::string_view, 5> kLevels = {
    "very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"};

bool is_uuid(std::string_view s) {
  if (s.size() != 36)
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-'))
      return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i])))
      return false;
  }
  return true;
}
} // namespace

std::span<const std::string_view> rating_levels() { return kLevels; }

bool is_satisfied_level(std::string_view level) {
  return level == "very_satisfied" || level == "satisfied";
}

std::string rating_to_json(const Rating &r) {
  json::array reasons;
  for (const auto &reason : r.reasons)
    reasons.emplace_back(reason);
  json::object o{{"id", r.id},
                 {"level", r.level},
                 {"reasons", std::move(reasons)},
                 {"rated_at", r.rated_at}};
  o["ticket"] = r.ticket ? json::value(*r.ticket) : nullptr;
  return json::serialize(json::object{{"rating", std::move(o)}});
}

Result<Rating, ApiError> parse_rating_request(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec)
    return unexpected(ApiError{"malformed_json", "the body is not valid JSON"});
  const json::object *outer = v.if_object();
  const json::value *inner = outer ? outer->if_contains("rating") : nullptr;
  const json::object *o = inner ? inner->if_object() : nullptr;
  if (!o)
    return unexpected(ApiError{"invalid_field", "the body must be {\"rating\": {...}}"});
  auto string_at = [&](std::string_view key) -> const json::string * {
    const json::value *f = o->if_contains(key);
    return f ? f->if_string() : nullptr;
  };
  Rating r;
  const auto *id = string_at("id");
  if (!id || !is_uuid(*id))
    return unexpected(ApiError{"invalid_field", "\"id\" must be a UUID"});
  r.id = std::string(*id);
  const auto *level = string_at("level");
  if (!level || std::find(kLevels.begin(), kLevels.end(), std::string_view(*level)) ==
                    kLevels.end())
    return unexpected(ApiError{"invalid_field",
                               "\"level\" must be one of very_satisfied, satisfied, neutral, "
                               "dissatisfied, very_dissatisfied"});
  r.level = std::string(*level);
  if (const json::value *reasons = o->if_contains("reasons")) {
    const json::array *list = reasons->if_array();
    if (!list || list->size() > 16)
      return unexpected(
          ApiError{"invalid_field", "\"reasons\" must be an array of at most 16 strings"});
    for (const auto &item : *list) {
      const json::string *reason = item.if_string();
      if (!reason || reason->empty() || reason->size() > 64)
        return unexpected(ApiError{"invalid_field", "each reason must be a short string"});
      r.reasons.emplace_back(*reason);
    }
  }
  if (const json::value *ticket = o->if_contains("ticket"); ticket && !ticket->is_null()) {
    const json::string *t = ticket->if_string();
    if (!t || t->empty() || t->size() > 8)
      return unexpected(
          ApiError{"invalid_field", "\"ticket\" must be a ticket number like \"A015\" or null"});
    r.ticket = std::string(*t);
  }
  const auto *rated_at = string_at("rated_at");
  if (!rated_at || format_ticket_time(*rated_at).empty())
    return unexpected(ApiError{"invalid_field", "\"rated_at\" must be an RFC 3339 time"});
  r.rated_at = std::string(*rated_at);
  return r;
}

} // namespace motcua
