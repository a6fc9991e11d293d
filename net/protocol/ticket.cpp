#include "net/protocol/ticket.hpp"

#include <boost/json.hpp>

namespace motcua {
namespace json = boost::json;

namespace {

std::optional<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec)
    return std::nullopt;
  return v;
}

const json::string *string_field(const json::object &o, std::string_view key) {
  auto it = o.find(key);
  return (it != o.end() && it->value().is_string()) ? &it->value().as_string()
                                                    : nullptr;
}

std::optional<int> int_field(const json::object &o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_int64())
    return std::nullopt;
  return static_cast<int>(it->value().as_int64());
}

} // namespace

std::string ticket_request_to_json(const TicketRequest &r) {
  json::object o{{"service", r.service_id}, {"idempotency_key", r.idempotency_key}};
  if (r.priority_group)
    o["priority_group"] = *r.priority_group;
  return json::serialize(o);
}

Result<TicketRequest, ApiError> parse_ticket_request(std::string_view text) {
  auto v = parse_json(text);
  if (!v)
    return unexpected(ApiError{"malformed_json", "the body is not valid JSON"});
  if (!v->is_object())
    return unexpected(ApiError{"invalid_field", "the body must be a JSON object"});
  const auto &o = v->as_object();
  TicketRequest r;
  const auto *service = string_field(o, "service");
  if (!service || service->empty())
    return unexpected(
        ApiError{"invalid_field", "\"service\" must be a non-empty string"});
  r.service_id = std::string(*service);
  if (auto it = o.find("idempotency_key"); it != o.end()) {
    if (!it->value().is_string() || it->value().as_string().size() > 128)
      return unexpected(ApiError{
          "invalid_field", "\"idempotency_key\" must be a string of at most 128 characters"});
    r.idempotency_key = std::string(it->value().as_string());
  }
  if (auto it = o.find("priority_group"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_string())
      return unexpected(
          ApiError{"invalid_field", "\"priority_group\" must be a string or null"});
    r.priority_group = std::string(it->value().as_string());
  }
  return r;
}

std::string ticket_to_json(const Ticket &t) {
  json::object o{{"number", t.number},
                 {"service", t.service_id},
                 {"sequence", t.sequence},
                 {"day", t.day},
                 {"issued_at", t.issued_at},
                 {"people_ahead", t.people_ahead},
                 {"estimated_wait_minutes", t.estimated_wait_minutes}};
  o["priority_group"] = t.priority_group ? json::value(*t.priority_group) : nullptr;
  return json::serialize(json::object{{"ticket", std::move(o)}});
}

Result<Ticket, std::string> parse_ticket_response(std::string_view text) {
  auto v = parse_json(text);
  if (!v || !v->is_object())
    return unexpected(std::string("the ticket response is not a JSON object"));
  auto it = v->as_object().find("ticket");
  if (it == v->as_object().end() || !it->value().is_object())
    return unexpected(std::string("the ticket response has no \"ticket\" object"));
  const auto &o = it->value().as_object();
  Ticket t;
  const auto *number = string_field(o, "number");
  const auto *service = string_field(o, "service");
  const auto *day = string_field(o, "day");
  const auto *issued_at = string_field(o, "issued_at");
  auto sequence = int_field(o, "sequence");
  auto ahead = int_field(o, "people_ahead");
  auto wait = int_field(o, "estimated_wait_minutes");
  if (!number || !service || !day || !issued_at || !sequence || !ahead || !wait)
    return unexpected(std::string("the ticket response misses a field"));
  t.number = std::string(*number);
  t.service_id = std::string(*service);
  t.day = std::string(*day);
  t.issued_at = std::string(*issued_at);
  t.sequence = *sequence;
  t.people_ahead = *ahead;
  t.estimated_wait_minutes = *wait;
  if (const auto *g = string_field(o, "priority_group"))
    t.priority_group = std::string(*g);
  return t;
}

std::string api_error_to_json(const ApiError &e) {
  return json::serialize(
      json::object{{"error", json::object{{"code", e.code}, {"message", e.message}}}});
}

std::optional<ApiError> parse_api_error(std::string_view text) {
  auto v = parse_json(text);
  if (!v || !v->is_object())
    return std::nullopt;
  auto it = v->as_object().find("error");
  if (it == v->as_object().end() || !it->value().is_object())
    return std::nullopt;
  const auto *code = string_field(it->value().as_object(), "code");
  const auto *message = string_field(it->value().as_object(), "message");
  if (!code)
    return std::nullopt;
  return ApiError{std::string(*code), message ? std::string(*message) : ""};
}

std::string format_ticket_time(std::string_view s) {
  // 2026-11-28T08:15:03+07:00 → 08:15 28/11/2026
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size())
      return false;
    for (std::size_t i = at; i < at + n; ++i)
      if (s[i] < '0' || s[i] > '9')
        return false;
    return true;
  };
  if (s.size() < 16 || !digits(0, 4) || s[4] != '-' || !digits(5, 2) ||
      s[7] != '-' || !digits(8, 2) || s[10] != 'T' || !digits(11, 2) ||
      s[13] != ':' || !digits(14, 2))
    return {};
  std::string out;
  out.append(s.substr(11, 5)).append(" ");
  out.append(s.substr(8, 2)).append("/").append(s.substr(5, 2)).append("/");
  out.append(s.substr(0, 4));
  return out;
}

} // namespace motcua
