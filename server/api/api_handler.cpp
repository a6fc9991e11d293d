#include "server/api/api_handler.hpp"

#include "net/protocol/ticket.hpp"
#include "server/log.hpp"
#include "server/numbering.hpp"
#include "server/version.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace motcua::station {

namespace {

constexpr std::string_view kApiPrefix = "/api/";
constexpr std::string_view kV1Prefix = "/api/v1/";

std::string etag_of(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a, 64 bit
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char out[24];
  std::snprintf(out, sizeof out, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return out;
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// "application/json; charset=utf-8" is JSON; parameters are not checked.
bool is_json_media_type(std::string_view content_type) {
  return iequals(trim(content_type.substr(0, content_type.find(';'))),
                 "application/json");
}

// If-None-Match holds "*" or a comma-separated list of entity tags.
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    auto item = trim(if_none_match.substr(0, comma));
    if (item.starts_with("W/"))
      item.remove_prefix(2);
    if (item == "*" || item == etag)
      return true;
    if (comma == std::string_view::npos)
      break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

ApiResponse json_response(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

} // namespace

ApiHandler::ApiHandler(Catalog catalog, TicketStore &store, Clock clock)
    : catalog_(std::move(catalog)), catalog_json_(catalog_to_json(catalog_)),
      catalog_etag_(etag_of(catalog_json_)), store_(store), clock_(std::move(clock)) {}

ApiResponse ApiHandler::handle(const ApiRequest &request) const {
  struct Route {
    std::string_view path;
    std::string_view method;
    ApiResponse (ApiHandler::*serve)(const ApiRequest &) const;
  };
  static constexpr Route kRoutes[] = {
      {"health", "GET", &ApiHandler::health},
      {"catalog", "GET", &ApiHandler::catalog},
      {"tickets", "POST", &ApiHandler::issue_ticket},
  };

  const auto path = path_of(request.target);
  if (path.starts_with(kV1Prefix)) {
    const auto route_path = path.substr(kV1Prefix.size());
    for (const auto &route : kRoutes) {
      if (route.path != route_path)
        continue;
      if (request.method != route.method) {
        auto response =
            error_response(405, "method_not_allowed",
                           std::string(path) + " accepts " + std::string(route.method));
        response.headers.emplace_back("Allow", std::string(route.method));
        return response;
      }
      return (this->*route.serve)(request);
    }
    return error_response(404, "not_found", "no such endpoint: " + std::string(path));
  }
  if (path.starts_with(kApiPrefix) && path.size() > kApiPrefix.size())
    return error_response(404, "unknown_api_version", "this station speaks /api/v1 only");
  return error_response(404, "not_found", "no such endpoint");
}

ApiResponse ApiHandler::health(const ApiRequest &) const {
  auto response = json_response(
      200, boost::json::serialize(boost::json::object{
               {"status", "ok"}, {"version", std::string(station_version())}}));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse ApiHandler::catalog(const ApiRequest &request) const {
  ApiResponse response;
  if (etag_matches(request.if_none_match, catalog_etag_)) {
    response.status = 304;
    response.content_type.clear();
  } else {
    response.body = catalog_json_;
  }
  response.headers.emplace_back("ETag", catalog_etag_);
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

ApiResponse ApiHandler::issue_ticket(const ApiRequest &request) const {
  if (request.body.size() > kMaxRequestBodyBytes)
    return error_response(413, "body_too_large",
                          "the body exceeds " + std::to_string(kMaxRequestBodyBytes) +
                              " bytes");
  if (!is_json_media_type(request.content_type))
    return error_response(415, "unsupported_media_type",
                          "the body must be application/json");
  auto parsed = parse_ticket_request(request.body);
  if (!parsed)
    return error_response(400, parsed.error().code, parsed.error().message);
  const TicketRequest &wanted = *parsed;

  const Service *service = catalog_.find_service(wanted.service_id);
  if (!service)
    return error_response(404, "unknown_service",
                          "no service \"" + wanted.service_id + "\" in the catalog");
  if (wanted.priority_group && !catalog_.find_priority_group(*wanted.priority_group))
    return error_response(400, "invalid_field",
                          "no priority group \"" + *wanted.priority_group +
                              "\" in the catalog");

  const LocalTime now = to_local_time(clock_());
  auto issued =
      store_.issue(IssueRequest{service, wanted.priority_group, wanted.idempotency_key,
                                day_key(now), rfc3339(now)});
  if (!issued) {
    const StoreError &error = issued.error();
    switch (error.code) {
    case StoreError::Code::daily_cap_reached:
      return error_response(409, "daily_cap_reached",
                            "no more tickets for this service today");
    case StoreError::Code::idempotency_conflict:
      return error_response(409, "idempotency_conflict",
                            "this idempotency key was used for a different ticket");
    default:
      log_line("storage error (" + std::string(to_string(error.code)) +
               "): " + error.message);
      return error_response(500, "storage_error", "the ticket could not be stored");
    }
  }
  Ticket ticket = std::move(issued->ticket);
  ticket.estimated_wait_minutes = estimated_wait_minutes(ticket.people_ahead, *service);
  auto response = json_response(issued->replayed ? 200 : 201, ticket_to_json(ticket));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

} // namespace motcua::station
