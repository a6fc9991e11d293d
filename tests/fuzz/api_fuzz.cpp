// libFuzzer target: one input is one API request (method, target, headers,
// body) handed to the station's real handler over a real SQLite store, and
// the same body fed to every protocol JSON decoder. Besides crashes and
// sanitizer reports it checks what every answer promises: a known status, a
// JSON body with a stable error code, and decoders that round-trip.
//
// Input: six lines, then the body:
//   METHOD \n TARGET \n CONTENT-TYPE \n AUTHORIZATION \n IF-NONE-MATCH \n
//   REMOTE-ADDRESS \n BODY...
// "Bearer @admin", "Bearer @officer" and "Bearer @kiosk" stand for real tokens
// the harness holds, so the fuzzer reaches every role's routes.
#include "net/protocol/catalog.hpp"
#include "net/protocol/rating.hpp"
#include "net/protocol/ticket.hpp"
#include "server/api/api_handler.hpp"
#include "server/api/queue_json.hpp"
#include "server/api/stream_hub.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/storage/station_store.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace motcua;
using namespace motcua::station;

namespace {

[[noreturn]] void broken(const std::string &what, const std::string &detail) {
  std::fprintf(stderr, "api_fuzz: %s: %s\n", what.c_str(), detail.c_str());
  std::abort();
}

struct Stack {
  std::filesystem::path dir;
  StreamHub hub;
  std::unique_ptr<StationStore> store;
  std::unique_ptr<QueueDesk> desk;
  std::unique_ptr<Authenticator> auth;
  std::unique_ptr<ApiHandler> api;
  std::string admin_token, officer_token, kiosk_token;
};

Stack *stack = nullptr;

std::string temp_dir() {
  // tmpfs when there is one: every ticket is an fsync'ed commit.
  std::string base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
  std::string pattern = base + "/motcua-fuzz-XXXXXX";
  if (!mkdtemp(pattern.data()))
    broken("set-up", "mkdtemp failed");
  return pattern;
}

void remove_dir() {
  if (stack)
    std::filesystem::remove_all(stack->dir);
}

ApiResponse call(const std::string &method, const std::string &target,
                 const std::string &body, const std::string &token = {}) {
  ApiRequest r;
  r.method = method;
  r.target = target;
  r.content_type = "application/json";
  r.body = body;
  r.remote_address = "127.0.0.1";
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return stack->api->handle(r);
}

std::string token_of(const ApiResponse &response, const char *key) {
  boost::system::error_code ec;
  auto v = boost::json::parse(response.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains(key))
    broken("set-up", response.body);
  return std::string(v.as_object().at(key).as_string());
}

void set_up() {
  if (auto error = set_station_time_zone("Asia/Ho_Chi_Minh"))
    broken("set-up", *error);
  auto catalog = load_catalog_file(MOTCUA_FUZZ_CATALOG);
  if (!catalog)
    broken("set-up", catalog.error().to_string());
  stack = new Stack;
  stack->dir = temp_dir();
  std::atexit(remove_dir);
  auto store = open_sqlite_station_store(stack->dir);
  if (!store)
    broken("set-up", store.error().message);
  stack->store = std::move(store).value();
  DeskOptions desk_options;
  desk_options.always_issuing = true;
  auto desk = QueueDesk::open(*catalog, desk_options, *stack->store, system_clock());
  if (!desk)
    broken("set-up", desk.error());
  stack->desk = std::move(desk).value();
  stack->desk->set_listener([](const std::vector<queue::QueueEvent> &events) {
    for (const auto &event : events)
      stack->hub.publish(queue_event_json(event));
  });
  AuthOptions auth_options;
  auth_options.open_kiosk_api = true;
  auth_options.password_iterations = 1; // the fuzzer logs in often
  auth_options.max_failed_logins = 1 << 30;
  stack->auth =
      std::make_unique<Authenticator>(*stack->store, system_clock(), auth_options);
  stack->api = std::make_unique<ApiHandler>(*catalog, *stack->desk, *stack->store,
                                            *stack->auth, system_clock());

  stack->auth->create_officer("admin", "admin", Role::chief, "admin-password");
  stack->auth->create_officer("officer", "officer", Role::officer, "officer-password");
  stack->admin_token =
      token_of(call("POST", "/api/v1/auth/login",
                    R"({"username":"admin","password":"admin-password"})"),
               "token");
  stack->officer_token =
      token_of(call("POST", "/api/v1/auth/login",
                    R"({"username":"officer","password":"officer-password"})"),
               "token");
  auto code = token_of(
      call("POST", "/api/v1/admin/enrollment-codes", "", stack->admin_token), "code");
  stack->kiosk_token = token_of(call("POST", "/api/v1/kiosks/enroll",
                                     R"({"code":")" + code + R"(","name":"fuzz"})"),
                                "token");
  // A counter to act on, opened by the officer.
  call("POST", "/api/v1/admin/counters", R"({"id":"1","services":["A","B"]})",
       stack->admin_token);
  call("POST", "/api/v1/counters/1/open", "", stack->officer_token);
}

std::string_view take_line(std::string_view &in) {
  auto nl = in.find('\n');
  auto line = in.substr(0, nl);
  in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
  return line;
}

std::string expand_token(std::string_view authorization) {
  if (authorization == "Bearer @admin")
    return "Bearer " + stack->admin_token;
  if (authorization == "Bearer @officer")
    return "Bearer " + stack->officer_token;
  if (authorization == "Bearer @kiosk")
    return "Bearer " + stack->kiosk_token;
  return std::string(authorization);
}

void check_response(const ApiRequest &request, const ApiResponse &response) {
  const int s = response.status;
  const bool known = s == 200 || s == 201 || s == 304 || s == 400 || s == 401 ||
                     s == 403 || s == 404 || s == 405 || s == 409 || s == 413 ||
                     s == 415 || s == 426 || s == 429 || s == 301;
  if (!known)
    broken("unexpected status " + std::to_string(s),
           request.method + " " + request.target + " -> " + response.body);
  if (s == 304) {
    if (!response.body.empty())
      broken("a 304 with a body", request.target);
    return;
  }
  // Outside /api the station serves pages (the ticket page behind the QR
  // code, the web files): any type, but always a stated one.
  if (!std::string_view(request.target).starts_with("/api/")) {
    if (response.content_type.empty())
      broken("a page without a content type", request.target);
    return;
  }
  // Two API answers are not JSON when they succeed: the board's spoken
  // call-out (WAV) and a report as CSV. Their errors are JSON like the rest.
  const std::string_view target(request.target);
  if (s < 400 &&
      (target.find("callout.wav") != std::string_view::npos ||
       target.find("format=csv") != std::string_view::npos) &&
      !response.content_type.empty())
    return;
  if (response.content_type != "application/json")
    broken("not JSON", request.target + " -> " + response.content_type);
  boost::system::error_code ec;
  auto value = boost::json::parse(response.body, ec);
  if (ec || !value.is_object())
    broken("an answer that is not a JSON object",
           request.target + " -> " + response.body);
  if (s >= 400) {
    auto error = parse_api_error(response.body);
    if (!error || error->code.empty() || error->message.empty())
      broken("an error without code and message", response.body);
  }
}

void check_decoders(std::string_view body) {
  if (auto request = parse_ticket_request(body)) {
    auto again = parse_ticket_request(ticket_request_to_json(*request));
    if (!again || again->service_id != request->service_id ||
        again->priority_group != request->priority_group ||
        again->idempotency_key != request->idempotency_key)
      broken("ticket request does not round-trip", std::string(body));
  } else if (request.error().code.empty()) {
    broken("ticket request refused without a code", std::string(body));
  }
  if (auto ticket = parse_ticket_response(body)) {
    auto again = parse_ticket_response(ticket_to_json(*ticket));
    if (!again || again->number != ticket->number ||
        again->sequence != ticket->sequence || again->day != ticket->day ||
        again->issued_at != ticket->issued_at)
      broken("ticket does not round-trip", std::string(body));
    (void)format_ticket_time(ticket->issued_at);
  }
  if (auto rating = parse_rating_request(body)) {
    auto again = parse_rating_request(rating_to_json(*rating));
    if (!again || again->id != rating->id || again->level != rating->level ||
        again->reasons != rating->reasons || again->ticket != rating->ticket ||
        again->rated_at != rating->rated_at)
      broken("rating does not round-trip", std::string(body));
  } else if (rating.error().code.empty()) {
    broken("rating refused without a code", std::string(body));
  }
  if (auto error = parse_api_error(body))
    (void)api_error_to_json(*error);
  if (auto catalog = parse_catalog(body, "fuzz")) {
    auto again = parse_catalog(catalog_to_json(*catalog), "fuzz again");
    if (!again || again->services.size() != catalog->services.size())
      broken("catalog does not round-trip", std::string(body));
  }
  (void)format_ticket_time(body);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char *>(data), size);
  ApiRequest request;
  request.method = std::string(take_line(in));
  request.target = std::string(take_line(in));
  request.content_type = std::string(take_line(in));
  request.authorization = expand_token(take_line(in));
  request.if_none_match = std::string(take_line(in));
  request.remote_address = std::string(take_line(in));
  if (request.remote_address.empty())
    request.remote_address = "127.0.0.1";
  request.body = std::string(in);

  check_decoders(request.body);
  // The same route the WebSocket upgrade takes, before it hands over.
  (void)stack->api->authorize_stream(request);
  check_response(request, stack->api->handle(request));
  return 0;
}
