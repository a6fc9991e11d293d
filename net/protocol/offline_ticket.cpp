#include "net/protocol/offline_ticket.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstdio>

namespace motcua {
namespace json = boost::json;

bool is_uuid(std::string_view s) {
  if (s.size() != 36)
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-'))
      return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i])))
      return false;
  }
  return true;
}

std::optional<long> rfc3339_utc_offset(std::string_view s) {
  if (s.size() < 20)
    return std::nullopt;
  if (s.back() == 'Z' || s.back() == 'z')
    return 0L;
  const std::string_view tail = s.substr(s.size() - 6);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if ((tail[0] != '+' && tail[0] != '-') || !digit(tail[1]) || !digit(tail[2]) ||
      tail[3] != ':' || !digit(tail[4]) || !digit(tail[5]))
    return std::nullopt;
  const long hours = (tail[1] - '0') * 10 + (tail[2] - '0');
  const long minutes = (tail[4] - '0') * 10 + (tail[5] - '0');
  if (hours > 23 || minutes > 59)
    return std::nullopt;
  return (tail[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

std::string day_at_offset(std::chrono::system_clock::time_point at, long utc_offset) {
  const auto local =
      std::chrono::floor<std::chrono::days>(at + std::chrono::seconds(utc_offset));
  const std::chrono::year_month_day date{local};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", int(date.year()),
                unsigned(date.month()), unsigned(date.day()));
  return out;
}

namespace {

const json::string *string_at(const json::object &o, std::string_view key) {
  const json::value *v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

ApiError invalid(std::size_t index, std::string what) {
  return ApiError{"invalid_field",
                  "tickets[" + std::to_string(index) + "]: " + std::move(what)};
}

// The digits and separators of "2026-11-28T08:15:03+07:00" (or ...Z); the
// station converts it to its own zone.
bool looks_like_rfc3339(std::string_view s) {
  if (s.size() < 20 || s.size() > 40)
    return false;
  auto digit = [&](std::size_t i) {
    return i < s.size() && std::isdigit((unsigned char)s[i]);
  };
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u})
    if (!digit(i))
      return false;
  return s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == 't') && s[13] == ':' &&
         s[16] == ':';
}

} // namespace

std::string offline_upload_to_json(const std::vector<OfflineTicketUpload> &tickets) {
  json::array list;
  for (const auto &t : tickets) {
    json::object o{{"id", t.id},
                   {"service", t.service_id},
                   {"sequence", t.sequence},
                   {"issued_at", t.issued_at}};
    o["priority_group"] = t.priority_group ? json::value(*t.priority_group) : nullptr;
    list.push_back(std::move(o));
  }
  return json::serialize(json::object{{"tickets", std::move(list)}});
}

Result<std::vector<OfflineTicketUpload>, ApiError>
parse_offline_upload(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec)
    return unexpected(ApiError{"malformed_json", "the body is not valid JSON"});
  const json::object *outer = v.if_object();
  const json::value *inner = outer ? outer->if_contains("tickets") : nullptr;
  const json::array *list = inner ? inner->if_array() : nullptr;
  if (!list || list->empty() || list->size() > kMaxOfflineTicketsPerUpload)
    return unexpected(ApiError{
        "invalid_field", "the body must be {\"tickets\": [...]} with 1 to " +
                             std::to_string(kMaxOfflineTicketsPerUpload) + " tickets"});
  std::vector<OfflineTicketUpload> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json::object *o = (*list)[i].if_object();
    if (!o)
      return unexpected(invalid(i, "must be an object"));
    OfflineTicketUpload t;
    const auto *id = string_at(*o, "id");
    if (!id || !is_uuid(*id))
      return unexpected(invalid(i, "\"id\" must be a UUID"));
    t.id = std::string(*id);
    const auto *service = string_at(*o, "service");
    if (!service || service->empty() || service->size() > 16)
      return unexpected(invalid(i, "\"service\" must be a short non-empty string"));
    t.service_id = std::string(*service);
    const json::value *sequence = o->if_contains("sequence");
    if (!sequence || !sequence->is_int64() || sequence->as_int64() < 1 ||
        sequence->as_int64() > 999)
      return unexpected(invalid(i, "\"sequence\" must be an integer 1..999"));
    t.sequence = static_cast<int>(sequence->as_int64());
    const auto *issued_at = string_at(*o, "issued_at");
    if (!issued_at || !looks_like_rfc3339(*issued_at))
      return unexpected(invalid(i, "\"issued_at\" must be an RFC 3339 time"));
    t.issued_at = std::string(*issued_at);
    if (const json::value *g = o->if_contains("priority_group"); g && !g->is_null()) {
      if (!g->is_string() || g->as_string().empty() || g->as_string().size() > 64)
        return unexpected(
            invalid(i, "\"priority_group\" must be a short string or null"));
      t.priority_group = std::string(g->as_string());
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string offline_results_to_json(const std::vector<OfflineTicketResult> &results) {
  json::array list;
  for (const auto &r : results) {
    json::object o{{"id", r.id}, {"status", r.status}};
    if (r.ticket) {
      json::value ticket = json::parse(ticket_to_json(*r.ticket));
      o["ticket"] = ticket.as_object()["ticket"];
    }
    if (r.error)
      o["error"] = json::object{{"code", r.error->code}, {"message", r.error->message}};
    list.push_back(std::move(o));
  }
  return json::serialize(json::object{{"results", std::move(list)}});
}

Result<std::vector<OfflineTicketResult>, std::string>
parse_offline_results(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  const json::object *outer = ec ? nullptr : v.if_object();
  const json::value *inner = outer ? outer->if_contains("results") : nullptr;
  const json::array *list = inner ? inner->if_array() : nullptr;
  if (!list)
    return unexpected(std::string("the answer has no \"results\" array"));
  std::vector<OfflineTicketResult> out;
  for (const auto &item : *list) {
    const json::object *o = item.if_object();
    const json::string *id = o ? string_at(*o, "id") : nullptr;
    const json::value *status = o ? o->if_contains("status") : nullptr;
    if (!id || !status || !status->is_int64())
      return unexpected(std::string("a result misses its id or status"));
    OfflineTicketResult r;
    r.id = std::string(*id);
    r.status = static_cast<int>(status->as_int64());
    if (const json::value *t = o->if_contains("ticket"); t && t->is_object()) {
      auto ticket = parse_ticket_response(json::serialize(json::object{{"ticket", *t}}));
      if (!ticket)
        return unexpected("result " + r.id + ": " + ticket.error());
      r.ticket = std::move(ticket).value();
    }
    if (const json::value *e = o->if_contains("error"); e && e->is_object()) {
      const json::string *code = string_at(e->as_object(), "code");
      const json::string *message = string_at(e->as_object(), "message");
      r.error = ApiError{code ? std::string(*code) : "unknown",
                         message ? std::string(*message) : ""};
    }
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace motcua
