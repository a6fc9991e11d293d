#include "server/api/api_handler.hpp"

#include "net/protocol/offline_ticket.hpp"
#include "net/protocol/rating.hpp"
#include "net/protocol/ticket.hpp"
#include "net/system/crypto.hpp"
#include "server/admin/kiosk_alerts.hpp"
#include "server/admin/priority_policy_json.hpp"
#include "server/admin/service_edit.hpp"
#include "server/api/queue_json.hpp"
#include "server/log.hpp"
#include "server/numbering.hpp"
#include "server/queue/service_rules.hpp"
#include "server/version.hpp"
#include "server/web/board_state.hpp"
#include "server/web/query_params.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace motcua::station {

namespace json = boost::json;

struct ApiHandler::Call {
  const ApiRequest &request;
  std::optional<Principal> principal;
  std::vector<std::string> params; // the {…} segments of the route, in order
};

namespace {

constexpr std::string_view kApiPrefix = "/api/";
constexpr std::string_view kV1Prefix = "/api/v1/";
// The ticket's QR code: short, outside /api, for a phone's browser.
constexpr std::string_view kTicketPagePattern = "/t/{day}/{number}";

using Call = ApiHandler::Call;

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

// "application/json; charset=utf-8" is JSON; parameters are not checked.
bool is_json_media_type(std::string_view content_type) {
  return iequals(trim(content_type.substr(0, content_type.find(';'))),
                 "application/json");
}

// Splits "a/b/c" into its segments.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos)
      return out;
    path.remove_prefix(slash + 1);
  }
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// A path parameter: short, printable, no separators.
bool valid_param(std::string_view value) {
  if (value.empty() || value.size() > 64)
    return false;
  for (unsigned char c : value)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

std::optional<std::vector<std::string>> match(std::string_view pattern,
                                              std::string_view path) {
  auto want = segments(pattern);
  auto got = segments(path);
  if (want.size() != got.size())
    return std::nullopt;
  std::vector<std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (is_param(want[i])) {
      if (!valid_param(got[i]))
        return std::nullopt;
      params.emplace_back(got[i]);
    } else if (want[i] != got[i]) {
      return std::nullopt;
    }
  }
  return params;
}

ApiResponse json_response(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse json_response(int status, const json::value &value) {
  return json_response(status, json::serialize(value));
}

ApiResponse refusal(const DeskError &error) {
  return error_response(error.status, error.code, error.message);
}

bool allowed(Access access, const std::optional<Principal> &who) {
  switch (access) {
  case Access::anyone:
    return true;
  case Access::any_principal:
    return who.has_value();
  case Access::kiosk:
    return who && who->role == Role::kiosk;
  case Access::officer:
    return who && who->role != Role::kiosk;
  case Access::admin:
    return who && is_admin(who->role);
  }
  return false;
}

// The answer that refuses a body too large or not declared JSON, if any.
std::optional<ApiResponse> refuse_body(const ApiRequest &request) {
  if (request.body.size() > kMaxRequestBodyBytes)
    return error_response(413, "body_too_large",
                          "the body exceeds " + std::to_string(kMaxRequestBodyBytes) +
                              " bytes");
  if (!is_json_media_type(request.content_type))
    return error_response(415, "unsupported_media_type",
                          "the body must be application/json");
  return std::nullopt;
}

// A JSON object body, or the answer that refuses it.
Result<json::object, ApiResponse> object_body(const ApiRequest &request,
                                              bool empty_ok = false) {
  if (empty_ok && request.body.empty())
    return json::object();
  if (auto refusal = refuse_body(request))
    return unexpected(std::move(*refusal));
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec);
  if (ec)
    return unexpected(
        error_response(400, "malformed_json", "the body is not valid JSON"));
  if (!value.is_object())
    return unexpected(
        error_response(400, "invalid_field", "the body must be a JSON object"));
  return std::move(value.as_object());
}

ApiResponse invalid_field(std::string_view key, std::string_view want) {
  return error_response(400, "invalid_field",
                        "\"" + std::string(key) + "\" must be " + std::string(want));
}

// A string field: absent → nullopt (refused when required), wrong type → 400.
Result<std::optional<std::string>, ApiResponse> string_field(const json::object &o,
                                                             std::string_view key,
                                                             bool required,
                                                             std::size_t max_size = 128) {
  const json::value *v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required)
      return unexpected(invalid_field(key, "a non-empty string"));
    return std::optional<std::string>();
  }
  const json::string *s = v->if_string();
  if (!s || s->empty() || s->size() > max_size)
    return unexpected(invalid_field(key, "a non-empty string of at most " +
                                             std::to_string(max_size) + " bytes"));
  return std::optional<std::string>(std::string(*s));
}

Result<std::vector<std::string>, ApiResponse> services_field(const json::object &o,
                                                             const Catalog &catalog) {
  const json::value *v = o.if_contains("services");
  const json::array *list = v ? v->if_array() : nullptr;
  if (!list || list->empty())
    return unexpected(invalid_field("services", "a non-empty array of service ids"));
  std::vector<std::string> out;
  for (const auto &item : *list) {
    const json::string *id = item.if_string();
    if (!id || !catalog.find_service(*id))
      return unexpected(invalid_field("services", "service ids from the catalog"));
    out.emplace_back(*id);
  }
  return out;
}

std::string now_text(const Clock &clock) { return rfc3339(to_local_time(clock())); }

// A version 4 UUID for a rating made here rather than on a kiosk.
std::string new_uuid() {
  std::string hex = crypto::random_hex(16);
  hex[12] = '4';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

} // namespace

struct ApiHandler::Route {
  std::string_view method;
  std::string_view pattern; // below /api/v1/
  Access access;
  ApiResponse (ApiHandler::*serve)(const Call &) const;
};

// clang-format off
const ApiHandler::Route ApiHandler::kRoutes[] = {
    {"GET",  "health",                          Access::anyone,        &ApiHandler::health},
    {"GET",  "catalog",                         Access::anyone,        &ApiHandler::catalog},
    {"POST", "tickets",                         Access::kiosk,         &ApiHandler::issue_ticket},
    {"POST", "tickets/offline",                 Access::kiosk,         &ApiHandler::upload_offline},
    {"POST", "tickets/withdraw",                Access::kiosk,         &ApiHandler::withdraw_ticket},
    {"POST", "ratings",                         Access::kiosk,         &ApiHandler::submit_rating},
    {"POST", "leases",                          Access::kiosk,         &ApiHandler::lease_block},
    {"POST", "kiosks/enroll",                   Access::anyone,        &ApiHandler::enroll_kiosk},
    {"POST", "kiosks/health",                   Access::kiosk,         &ApiHandler::kiosk_health},
    {"POST", "auth/login",                      Access::anyone,        &ApiHandler::login},
    {"POST", "auth/logout",                     Access::officer,       &ApiHandler::logout},
    {"GET",  "counters",                        Access::officer,       &ApiHandler::counters},
    {"POST", "counters/{counter_id}/open",      Access::officer,       &ApiHandler::open_counter},
    {"POST", "counters/{counter_id}/close",     Access::officer,       &ApiHandler::close_counter},
    {"POST", "counters/{counter_id}/call-next", Access::officer,       &ApiHandler::call_next},
    {"POST", "counters/{counter_id}/recall",    Access::officer,       &ApiHandler::recall},
    {"POST", "counters/{counter_id}/start",     Access::officer,       &ApiHandler::start},
    {"POST", "counters/{counter_id}/done",      Access::officer,       &ApiHandler::done},
    {"POST", "counters/{counter_id}/no-show",   Access::officer,       &ApiHandler::no_show},
    {"POST", "counters/{counter_id}/transfer",  Access::officer,       &ApiHandler::transfer},
    {"GET",  "admin/services",                  Access::admin,         &ApiHandler::admin_services},
    {"PUT",  "admin/services/{service_id}",     Access::admin,         &ApiHandler::admin_set_service},
    {"GET",  "admin/priority-policy",           Access::admin,         &ApiHandler::admin_priority_policy},
    {"PUT",  "admin/priority-policy",           Access::admin,         &ApiHandler::admin_set_priority_policy},
    {"POST", "admin/counters",                  Access::admin,         &ApiHandler::admin_add_counter},
    {"PUT",  "admin/counters/{counter_id}",     Access::admin,         &ApiHandler::admin_set_counter},
    {"GET",  "admin/officers",                  Access::admin,         &ApiHandler::admin_officers},
    {"POST", "admin/officers",                  Access::admin,         &ApiHandler::admin_add_officer},
    {"POST", "admin/enrollment-codes",          Access::admin,         &ApiHandler::admin_enrollment_code},
    {"GET",  "admin/kiosks",                    Access::admin,         &ApiHandler::admin_kiosks},
    {"GET",  "stream",                          Access::any_principal, &ApiHandler::stream},
    {"GET",  "board",                           Access::any_principal, &ApiHandler::board},
    {"GET",  "callout.wav",                     Access::any_principal, &ApiHandler::callout_audio},
    {"GET",  "reports/satisfaction",            Access::admin,         &ApiHandler::report_satisfaction},
    {"GET",  "reports/queue",                   Access::admin,         &ApiHandler::report_queue},
};
// clang-format on

ApiHandler::ApiHandler(Catalog catalog, QueueDesk &desk, StationStore &store,
                       Authenticator &auth, Clock clock)
    : catalog_(std::make_shared<const CatalogView>(std::move(catalog))), desk_(desk),
      store_(store), auth_(auth), clock_(std::move(clock)) {}

ApiHandler::CatalogView::CatalogView(Catalog c)
    : catalog(std::move(c)), json(catalog_to_json(catalog)), etag(etag_of(json)) {}

std::vector<RouteInfo> ApiHandler::routes() {
  std::vector<RouteInfo> out;
  for (const auto &route : kRoutes)
    out.push_back(RouteInfo{std::string(route.method),
                            std::string(kV1Prefix) + std::string(route.pattern),
                            route.access});
  out.push_back(RouteInfo{"GET", std::string(kTicketPagePattern), Access::anyone});
  out.push_back(
      RouteInfo{"POST", std::string(kTicketPagePattern) + "/rating", Access::anyone});
  out.push_back(RouteInfo{"GET", "/", Access::anyone});
  out.push_back(RouteInfo{"GET", "/{web_path}", Access::anyone});
  return out;
}

ApiResponse ApiHandler::handle(const ApiRequest &request) const {
  const auto path = path_of(request.target);
  if (path.starts_with("/t/"))
    return ticket_status_page(request);
  if (!path.starts_with(kV1Prefix)) {
    if (path.starts_with(kApiPrefix) && path.size() > kApiPrefix.size())
      return error_response(404, "unknown_api_version",
                            "this station speaks /api/v1 only");
    if (web_ && !path.starts_with(kApiPrefix))
      return web_->serve(request);
    return error_response(404, "not_found", "no such endpoint");
  }
  const auto route_path = path.substr(kV1Prefix.size());
  std::string allow;
  for (const auto &route : kRoutes) {
    auto params = match(route.pattern, route_path);
    if (!params)
      continue;
    if (request.method != route.method) {
      allow += (allow.empty() ? "" : ", ") + std::string(route.method);
      continue;
    }
    Call call{request, std::nullopt, std::move(*params)};
    if (route.access != Access::anyone || !request.authorization.empty())
      call.principal = auth_.authenticate(request);
    if (!allowed(route.access, call.principal)) {
      if (!call.principal) {
        auto response = error_response(401, "unauthorized",
                                       "this endpoint needs a valid bearer token");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
      }
      return error_response(403, "forbidden",
                            std::string("a ") + to_string(call.principal->role) +
                                " may not call " + std::string(path));
    }
    return (this->*route.serve)(call);
  }
  if (!allow.empty()) {
    auto response = error_response(405, "method_not_allowed",
                                   std::string(path) + " accepts " + allow);
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  return error_response(404, "not_found", "no such endpoint: " + std::string(path));
}

std::optional<ApiResponse> ApiHandler::authorize_stream(const ApiRequest &request) const {
  // A browser's WebSocket cannot send an Authorization header: the web pages
  // pass their token as ?access_token= (same origin, never logged).
  ApiRequest with_token = request;
  if (with_token.authorization.empty())
    if (auto token = query_parameter(request.target, "access_token"))
      with_token.authorization = "Bearer " + *token;
  if (!auth_.authenticate(with_token)) {
    auto response =
        error_response(401, "unauthorized", "the stream needs a valid bearer token");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  return std::nullopt;
}

std::optional<ApiResponse>
ApiHandler::authorize_ticket_stream(const ApiRequest &request) const {
  const auto path = path_of(request.target);
  if (auto params = match(kTicketPagePattern.substr(1), path.substr(1)))
    if (desk_.ticket_status((*params)[0], (*params)[1]))
      return std::nullopt;
  return error_response(404, "not_found", "no such ticket");
}

std::string ApiHandler::ticket_stream_frame(const ApiRequest &request) const {
  // The subscriber's upgrade request is the page's GET (RFC 6455 upgrades are).
  auto page = ticket_status_page(request);
  return page.status == 200 || page.status == 404 ? std::move(page.body) : std::string();
}

ApiResponse ApiHandler::health(const Call &) const {
  return json_response(
      200, json::object{{"status", "ok"}, {"version", std::string(station_version())}});
}

ApiResponse ApiHandler::catalog(const Call &call) const {
  ApiResponse response;
  const auto view = catalog_view();
  if (etag_matches(call.request.if_none_match, view->etag)) {
    response.status = 304;
    response.content_type.clear();
  } else {
    response.body = view->json;
  }
  response.headers.emplace_back("ETag", view->etag);
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

ApiResponse ApiHandler::issue_ticket(const Call &call) const {
  const ApiRequest &request = call.request;
  if (auto refusal = refuse_body(request))
    return *refusal;
  auto parsed = parse_ticket_request(request.body);
  if (!parsed)
    return error_response(400, parsed.error().code, parsed.error().message);
  const TicketRequest &wanted = *parsed;
  const auto view = catalog_view();
  const Catalog &catalog = view->catalog;
  if (!catalog.find_service(wanted.service_id))
    return error_response(404, "unknown_service",
                          "no service \"" + wanted.service_id + "\" in the catalog");
  if (wanted.priority_group && !catalog.find_priority_group(*wanted.priority_group))
    return error_response(400, "invalid_field",
                          "no priority group \"" + *wanted.priority_group +
                              "\" in the catalog");
  auto issued = desk_.issue(wanted);
  if (!issued)
    return refusal(issued.error());
  return json_response(issued->replayed ? 200 : 201, ticket_to_json(issued->ticket));
}

ApiResponse ApiHandler::submit_rating(const Call &call) const {
  const ApiRequest &request = call.request;
  if (auto refusal = refuse_body(request))
    return *refusal;
  auto rating = parse_rating_request(request.body);
  if (!rating)
    return error_response(400, rating.error().code, rating.error().message);
  auto stored = store_.store_rating(*rating, call.principal->id, now_text(clock_));
  if (!stored) {
    if (stored.error().code == StoreError::Code::conflict)
      return error_response(409, "ticket_already_rated",
                            "ticket " + rating->ticket.value_or("") +
                                " was already rated");
    log_problem("rating storage: " + stored.error().message);
    return error_response(500, "storage_error", "the rating could not be stored");
  }
  return json_response(
      stored->replayed ? 200 : 201,
      json::object{
          {"rating", json::object{{"id", rating->id}, {"linked", stored->linked}}}});
}

ApiResponse ApiHandler::lease_block(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto service = string_field(*body, "service_id", true);
  if (!service)
    return service.error();
  const json::value *count = body->if_contains("count");
  if (!count || !count->is_int64() || count->as_int64() < 1 || count->as_int64() > 999)
    return invalid_field("count", "an integer 1..999");
  auto key = string_field(*body, "idempotency_key", false, 64);
  if (!key)
    return key.error();
  auto leased = desk_.lease(**service, static_cast<int>(count->as_int64()),
                            call.principal->id, key->value_or(""));
  if (!leased)
    return refusal(leased.error());
  const auto &block = leased->block;
  return json_response(
      leased->replayed ? 200 : 201,
      json::object{{"lease", json::object{{"service_id", block.service_id},
                                          {"day", block.day},
                                          {"first", block.first},
                                          {"last", block.last},
                                          // The kiosk learns the station's
                                          // zone: its offline days follow it.
                                          {"station_time", now_text(clock_)}}}});
}

// A kiosk that printed a lease number instead gives back the station's
// ticket for the same tap, which nobody holds.
ApiResponse ApiHandler::withdraw_ticket(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto key = string_field(*body, "idempotency_key", true, 64);
  if (!key)
    return key.error();
  auto withdrawn = desk_.withdraw(**key);
  if (!withdrawn)
    return refusal(withdrawn.error());
  return json_response(200, json::object{{"number", withdrawn->number},
                                         {"replayed", withdrawn->replayed}});
}

// Each ticket is settled on its own: one refused number must not hold back
// the rest of a kiosk's outage.
ApiResponse ApiHandler::upload_offline(const Call &call) const {
  const ApiRequest &request = call.request;
  if (auto refusal = refuse_body(request))
    return *refusal;
  auto tickets = parse_offline_upload(request.body);
  if (!tickets)
    return error_response(400, tickets.error().code, tickets.error().message);
  const auto view = catalog_view();
  const Catalog &catalog = view->catalog;
  std::vector<OfflineTicketResult> results;
  for (const auto &t : *tickets) {
    OfflineTicketResult result{t.id, 0, std::nullopt, std::nullopt};
    auto refuse = [&](int status, std::string code, std::string message) {
      result.status = status;
      result.error = ApiError{std::move(code), std::move(message)};
    };
    if (!catalog.find_service(t.service_id)) {
      refuse(404, "unknown_service",
             "no service \"" + t.service_id + "\" in the catalog");
    } else if (t.priority_group && !catalog.find_priority_group(*t.priority_group)) {
      refuse(400, "invalid_field",
             "no priority group \"" + *t.priority_group + "\" in the catalog");
    } else if (auto stored = desk_.insert_offline(t, call.principal->id); !stored) {
      refuse(stored.error().status, stored.error().code, stored.error().message);
    } else {
      result.status = stored->replayed ? 200 : 201;
      result.ticket = std::move(stored->ticket);
    }
    results.push_back(std::move(result));
  }
  return json_response(200, offline_results_to_json(results));
}

ApiResponse ApiHandler::enroll_kiosk(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto code = string_field(*body, "code", true, 32);
  if (!code)
    return code.error();
  auto name = string_field(*body, "name", false, 64);
  if (!name)
    return name.error();
  auto grant = auth_.enroll(**code, name->value_or("kiosk"));
  if (!grant)
    return refusal(grant.error());
  return json_response(
      201, json::object{{"kiosk_id", grant->kiosk_id}, {"token", grant->token}});
}

ApiResponse ApiHandler::kiosk_health(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  // Known fields are checked; the rest is kept as sent for the technician.
  for (const char *key : {"printer_state", "paper", "version", "clock"})
    if (const json::value *v = body->if_contains(key); v && !v->is_string())
      return invalid_field(key, "a string");
  if (const json::value *v = body->if_contains("outbox_depth");
      v && (!v->is_int64() || v->as_int64() < 0))
    return invalid_field("outbox_depth", "a non-negative integer");
  if (call.principal->id != "open-kiosk")
    if (store_.record_kiosk_health(call.principal->id, json::serialize(*body),
                                   now_text(clock_)))
      return error_response(500, "storage_error",
                            "the health report could not be stored");
  return json_response(200, json::object{{"received_at", now_text(clock_)}});
}

ApiResponse ApiHandler::login(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto username = string_field(*body, "username", true, 64);
  if (!username)
    return username.error();
  auto password = string_field(*body, "password", true, 256);
  if (!password)
    return password.error();
  auto grant = auth_.login(**username, **password, call.request.remote_address);
  if (!grant) {
    auto response = refusal(grant.error());
    if (grant.error().status == 429)
      response.headers.emplace_back("Retry-After", "60");
    return response;
  }
  return json_response(200, json::object{{"token", grant->token},
                                         {"role", to_string(grant->role)},
                                         {"username", grant->username},
                                         {"display_name", grant->display_name},
                                         {"expires_at", grant->expires_at}});
}

ApiResponse ApiHandler::logout(const Call &call) const {
  auth_.logout(call.request);
  return json_response(200, json::object{{"logged_out", true}});
}

ApiResponse ApiHandler::counters(const Call &) const {
  auto snapshot = desk_.snapshot();
  json::array counters, tickets;
  for (const auto &c : snapshot.counters)
    counters.push_back(counter_json(c));
  for (const auto &t : snapshot.open_tickets)
    tickets.push_back(queue_ticket_json(t));
  return json_response(200, json::object{{"day", snapshot.day},
                                         {"counters", std::move(counters)},
                                         {"counts", counts_json(snapshot.counts)},
                                         {"open_tickets", std::move(tickets)}});
}

ApiResponse ApiHandler::open_counter(const Call &call) const {
  if (auto error = desk_.open_counter(call.params[0], call.principal->id))
    return refusal(*error);
  return counters(call);
}

ApiResponse ApiHandler::close_counter(const Call &call) const {
  if (auto error = desk_.close_counter(call.params[0]))
    return refusal(*error);
  return counters(call);
}

ApiResponse ApiHandler::counter_action(const Call &call, CounterAction action,
                                       const std::string &to_service) const {
  auto ticket = desk_.act(action, call.params[0], to_service);
  if (!ticket)
    return refusal(ticket.error());
  return json_response(200, json::object{{"ticket", queue_ticket_json(*ticket)}});
}

ApiResponse ApiHandler::call_next(const Call &call) const {
  return counter_action(call, CounterAction::call_next);
}
ApiResponse ApiHandler::recall(const Call &call) const {
  return counter_action(call, CounterAction::recall);
}
ApiResponse ApiHandler::start(const Call &call) const {
  return counter_action(call, CounterAction::start);
}
ApiResponse ApiHandler::done(const Call &call) const {
  return counter_action(call, CounterAction::done);
}
ApiResponse ApiHandler::no_show(const Call &call) const {
  return counter_action(call, CounterAction::no_show);
}

ApiResponse ApiHandler::transfer(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto service = string_field(*body, "service_id", true);
  if (!service)
    return service.error();
  return counter_action(call, CounterAction::transfer, **service);
}

// The catalog the station runs, as saved, with what a service without
// issuing hours follows.
ApiResponse ApiHandler::admin_services(const Call &) const {
  if (!catalog_file_)
    return json_response(200, catalog_view()->json);
  boost::system::error_code ec;
  json::value saved = json::parse(catalog_to_json(catalog_file_->current()), ec);
  if (saved.is_object())
    // What a service without issuing_hours follows, for the page to show.
    saved.as_object()["usual_issuing_hours"] =
        issuing_hours_json(queue::usual_issuing_hours());
  return json_response(200, saved);
}

// Applied at once: the desk numbers with it from the next ticket, kiosks get
// it with their next catalog request (a new ETag), the reports name it.
ApiResponse ApiHandler::admin_set_service(const Call &call) const {
  if (auto refusal = refuse_body(call.request))
    return *refusal;
  if (!catalog_file_)
    return error_response(409, "catalog_read_only",
                          "this station runs a catalog given with --catalog: edit that "
                          "file, or use admin import-catalog");
  std::lock_guard one_edit(service_edits_);
  const Catalog before = catalog_file_->current();
  auto edited = apply_service_edit(before, call.params[0], call.request.body);
  if (!edited)
    return error_response(edited.error().status, edited.error().code,
                          edited.error().message);
  // The desk first: it may refuse (a new prefix for numbers given out today),
  // and then nothing is saved.
  if (auto refused = desk_.set_catalog(*edited))
    return refusal(*refused);
  if (auto error = catalog_file_->save(*edited)) {
    log_line("catalog not saved: " + *error);
    if (auto back = desk_.set_catalog(before))
      log_line("the desk keeps the unsaved edit: " + back->message);
    return error_response(500, "storage_error", "the catalog could not be saved");
  }
  catalog_.store(std::make_shared<const CatalogView>(*edited));
  if (reports_)
    reports_->set_catalog(*edited);
  return admin_services(call);
}

ApiResponse ApiHandler::admin_priority_policy(const Call &) const {
  return json_response(200, priority_policy_json(desk_.priority_policy()));
}

ApiResponse ApiHandler::admin_set_priority_policy(const Call &call) const {
  if (auto refusal = refuse_body(call.request))
    return *refusal;
  auto policy = parse_priority_policy(call.request.body);
  if (!policy)
    return error_response(400, policy.error().code, policy.error().message);
  if (auto error = desk_.set_priority_policy(*policy))
    return refusal(*error);
  return admin_priority_policy(call);
}

ApiResponse ApiHandler::admin_add_counter(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto id = string_field(*body, "id", true, 64);
  if (!id)
    return id.error();
  if (!valid_param(**id))
    return invalid_field("id", "letters, digits, '-', '_' or '.'");
  auto services = services_field(*body, catalog_view()->catalog);
  if (!services)
    return services.error();
  if (auto error = desk_.add_counter(**id, *services))
    return refusal(*error);
  auto response = counters(call);
  response.status = 201;
  return response;
}

ApiResponse ApiHandler::admin_set_counter(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto services = services_field(*body, catalog_view()->catalog);
  if (!services)
    return services.error();
  if (auto error = desk_.set_counter_services(call.params[0], *services))
    return refusal(*error);
  return counters(call);
}

ApiResponse ApiHandler::admin_officers(const Call &) const {
  auto officers = store_.officers();
  if (!officers)
    return error_response(500, "storage_error", "the officers could not be read");
  json::array out;
  for (const auto &o : *officers)
    out.push_back(json::object{{"username", o.username},
                               {"display_name", o.display_name},
                               {"role", o.role},
                               {"created_at", o.created_at}});
  return json_response(200, json::object{{"officers", std::move(out)}});
}

ApiResponse ApiHandler::admin_add_officer(const Call &call) const {
  auto body = object_body(call.request);
  if (!body)
    return body.error();
  auto username = string_field(*body, "username", true, 64);
  if (!username)
    return username.error();
  if (!valid_param(**username))
    return invalid_field("username", "letters, digits, '-', '_' or '.'");
  auto display = string_field(*body, "display_name", false, 128);
  if (!display)
    return display.error();
  auto role_text = string_field(*body, "role", true, 16);
  if (!role_text)
    return role_text.error();
  auto role = parse_officer_role(**role_text);
  if (!role)
    return invalid_field("role", "officer, chief or technician");
  auto password = string_field(*body, "password", true, 256);
  if (!password)
    return password.error();
  if (password->value().size() < 8)
    return invalid_field("password", "at least 8 characters");
  if (auto error = auth_.create_officer(**username, display->value_or(**username), *role,
                                        **password))
    return refusal(*error);
  return json_response(
      201, json::object{{"username", **username}, {"role", to_string(*role)}});
}

ApiResponse ApiHandler::admin_enrollment_code(const Call &call) const {
  auto code = auth_.create_enrollment_code(call.principal->id);
  if (!code)
    return refusal(code.error());
  return json_response(201, json::object{{"code", *code},
                                         {"expires_in_seconds",
                                          auth_.options().enrollment_code_ttl.count()}});
}

ApiResponse ApiHandler::admin_kiosks(const Call &) const {
  auto kiosks = store_.kiosks();
  if (!kiosks)
    return error_response(500, "storage_error", "the kiosks could not be read");
  json::array out;
  for (const auto &k : *kiosks) {
    json::value health = nullptr;
    if (k.last_health) {
      boost::system::error_code ec;
      health = json::parse(*k.last_health, ec);
    }
    out.push_back(json::object{
        {"id", k.id},
        {"name", k.name},
        {"enrolled_at", k.enrolled_at},
        {"last_seen", k.last_seen ? json::value(*k.last_seen) : json::value(nullptr)},
        {"last_health", std::move(health)},
        {"alerts",
         json::value_from(kiosk_alerts(k.last_health, k.last_seen, clock_()))}});
  }
  return json_response(200,
                       json::object{{"kiosks", std::move(out)},
                                    {"silent_after_seconds", kKioskSilentAfter.count()}});
}

ApiResponse ApiHandler::stream(const Call &) const {
  auto response = error_response(
      426, "upgrade_required", "/api/v1/stream is a WebSocket: send Upgrade: websocket");
  response.headers.emplace_back("Upgrade", "websocket");
  return response;
}

ApiResponse ApiHandler::board(const Call &) const {
  return json_response(200, board_json(desk_.snapshot()));
}

ApiResponse ApiHandler::callout_audio(const Call &call) const {
  if (!voice_)
    return error_response(503, "voice_unavailable", "this station has no call-out voice");
  auto text = query_parameter(call.request.target, "text");
  if (!text)
    return error_response(400, "invalid_text", "give the call-out as ?text=");
  auto wav = voice_->render(*text);
  if (!wav)
    return error_response(wav.error().status, wav.error().code, wav.error().message);
  ApiResponse response;
  response.content_type = "audio/wav";
  response.body = std::move(wav).value();
  // The same text always sounds the same: a board replaying it asks once.
  response.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return response;
}

ApiResponse ApiHandler::report_satisfaction(const Call &call) const {
  return report(call, true);
}
ApiResponse ApiHandler::report_queue(const Call &call) const {
  return report(call, false);
}

ApiResponse ApiHandler::report(const Call &call, bool satisfaction) const {
  if (!reports_)
    return error_response(503, "reports_unavailable", "this station has no reports");
  // The current month unless ?period= (month, quarter or year), or the
  // older ?month=.
  auto asked = query_parameter(call.request.target, "period");
  if (!asked)
    asked = query_parameter(call.request.target, "month");
  const std::string wanted = asked ? *asked : now_text(clock_).substr(0, 7);
  auto period = parse_period(wanted);
  if (!period)
    return error_response(400, "invalid_field",
                          "\"period\" must be a month YYYY-MM, a quarter YYYY-Qn or a "
                          "year YYYY");
  int target = default_target_wait_minutes;
  if (auto text = query_parameter(call.request.target, "target_minutes")) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), target);
    if (ec != std::errc{} || end != text->data() + text->size() || target < 1 ||
        target > 240)
      return error_response(400, "invalid_field",
                            "\"target_minutes\" must be a whole number from 1 to 240");
  }
  const bool as_csv = query_parameter(call.request.target, "format") == "csv";
  auto body = satisfaction ? (as_csv ? reports_->satisfaction_csv(*period)
                                     : reports_->satisfaction_json(*period))
                           : (as_csv ? reports_->queue_csv(*period, target)
                                     : reports_->queue_json(*period, target));
  if (!body) {
    log_problem(body.error());
    return error_response(500, "storage_error", "the report could not be computed");
  }
  auto response = json_response(200, std::move(body).value());
  if (as_csv) {
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition",
                                  std::string("attachment; filename=\"motcua-") +
                                      (satisfaction ? "satisfaction-" : "queue-") +
                                      period->label + ".csv\"");
  }
  return response;
}

void ApiHandler::set_ticket_page_texts(TicketPageTexts texts) {
  page_texts_ = std::make_shared<const TicketPageTexts>(std::move(texts));
}

ApiResponse ApiHandler::ticket_status_page(const ApiRequest &request) const {
  const auto path = path_of(request.target);
  const bool rating = path.ends_with("/rating");
  const std::string_view method = rating ? "POST" : "GET";
  if (request.method != method) {
    auto response = error_response(405, "method_not_allowed",
                                   std::string(path) + " accepts " + std::string(method));
    response.headers.emplace_back("Allow", std::string(method));
    return response;
  }
  TicketPageRequest page;
  page.language = ticket_page_language(request.target);
  std::optional<TicketStatus> status;
  // A malformed address is an unknown ticket: the same page, nothing echoed
  // that is not a plain parameter.
  const auto ticket_path =
      rating ? path.substr(1, path.size() - 1 - std::string_view("/rating").size())
             : path.substr(1);
  if (auto params = match(kTicketPagePattern.substr(1), ticket_path)) {
    page.day = (*params)[0];
    page.number = (*params)[1];
    status = desk_.ticket_status(page.day, page.number);
  }
  if (status && status->state == queue::TicketState::done) {
    auto rated = store_.ticket_rated(page.day, page.number);
    if (!rated) {
      log_line("ticket page: " + rated.error().message);
      return error_response(500, "storage_error", "the ticket could not be read");
    }
    page.rating = *rated ? RatingOffer::thanks : RatingOffer::levels;
  }
  if (rating)
    return rate_from_phone(request, page, status);
  return ticket_page(page, status, catalog_view()->catalog, page_texts_.get());
}

// The citizen's phone rates the ticket it holds: only a ticket of today that
// is done, once (the kiosk's rule: a second rating of a ticket is refused),
// from a small form post. The number is the only credential, as at the kiosk
// where anyone may type it; the unique index on rated tickets is the guard.
ApiResponse ApiHandler::rate_from_phone(const ApiRequest &request, TicketPageRequest page,
                                        const std::optional<TicketStatus> &status) const {
  constexpr std::size_t kMaxFormBytes = 1024; // a level and six reasons fit in 200
  if (request.body.size() > kMaxFormBytes)
    return error_response(413, "body_too_large",
                          "the body exceeds " + std::to_string(kMaxFormBytes) + " bytes");
  if (!iequals(trim(request.content_type.substr(0, request.content_type.find(';'))),
               "application/x-www-form-urlencoded"))
    return error_response(415, "unsupported_media_type",
                          "the body must be application/x-www-form-urlencoded");
  auto answer = [&](int code) {
    auto response = ticket_page(page, status, catalog_view()->catalog, page_texts_.get());
    response.status = code;
    return response;
  };
  if (!status)
    return answer(404);
  if (page.rating != RatingOffer::levels)
    return answer(409); // not done yet, or rated already (the page says thanks)
  const std::string form = "?" + request.body;
  const auto level = query_parameter(form, "level");
  const auto reasons = query_parameters(form, "reason");
  const auto &levels = rating_levels();
  if (!level || std::find(levels.begin(), levels.end(), *level) == levels.end())
    return error_response(400, "invalid_field", "\"level\" must be a rating level");
  if (!reasons || reasons->size() > ticket_page_reasons().size())
    return error_response(400, "invalid_field", "\"reason\" must be reason keys");
  for (const auto &reason : *reasons)
    if (std::ranges::find(ticket_page_reasons(), reason) == ticket_page_reasons().end())
      return error_response(400, "invalid_field", "\"reason\" must be reason keys");
  // An unhappy level asks why before anything is stored, as the kiosk does.
  const bool unhappy = !is_satisfied_level(*level) && *level != "neutral";
  if (unhappy && query_parameter(form, "step") != "reasons") {
    page.rating = RatingOffer::reasons;
    page.level = *level;
    return ticket_page(page, status, catalog_view()->catalog, page_texts_.get());
  }
  Rating r;
  r.id = new_uuid();
  r.level = *level;
  if (query_parameter(form, "skip") != "1")
    r.reasons = *reasons;
  r.ticket = page.number;
  r.rated_at = now_text(clock_);
  auto stored = store_.store_rating(r, "phone", r.rated_at);
  if (!stored && stored.error().code != StoreError::Code::conflict) {
    log_line("rating storage: " + stored.error().message);
    return error_response(500, "storage_error", "the rating could not be stored");
  }
  if (!stored) {
    page.rating = RatingOffer::already_rated;
    return answer(409);
  }
  // Post, redirect, get: a reload of the thanks page does not post again.
  ApiResponse response;
  response.status = 303;
  response.content_type.clear();
  response.headers.emplace_back("Location",
                                "/t/" + page.day + "/" + page.number +
                                    (page.language == "en" ? "?lang=en" : ""));
  return response;
}

} // namespace motcua::station
