#pragma once
// The station's parts wired as motcua-station wires them, over a temporary
// data folder, for tests that call the API without (or with) sockets.
#include "server/api/api_handler.hpp"
#include "server/api/queue_broadcast.hpp"
#include "server/api/queue_json.hpp"
#include "server/api/stream_hub.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/storage/station_store.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace motcua::station::test {

struct StackOptions {
  bool open_kiosk_api = true;
  bool always_issuing = true;
  int password_iterations = 1000; // fast tests; production uses 210000
};

struct StationStack {
  explicit StationStack(Clock clock = system_clock(), StackOptions options = {},
                        Catalog catalog = small_catalog())
      : clock_(clock) {
    use_station_zone();
    auto opened = open_sqlite_station_store(dir.path());
    REQUIRE_MESSAGE(opened.has_value(), (opened ? "" : opened.error().message));
    store = std::move(opened).value();
    DeskOptions desk_options;
    desk_options.always_issuing = options.always_issuing;
    auto made = QueueDesk::open(catalog, desk_options, *store, clock);
    REQUIRE_MESSAGE(made.has_value(), (made ? "" : made.error()));
    desk = std::move(made).value();
    desk->set_listener(
        [this](const std::vector<queue::QueueEvent> &events) { broadcast(hub, events); });
    retain_counts(hub, desk->snapshot().counts, queue::station_time(to_local_time(clock())));
    AuthOptions auth_options;
    auth_options.open_kiosk_api = options.open_kiosk_api;
    auth_options.password_iterations = options.password_iterations;
    auth = std::make_unique<Authenticator>(*store, clock, auth_options);
    api = std::make_unique<ApiHandler>(catalog, *desk, *store, *auth, clock);
  }

  // As if from 127.0.0.1 unless the request names another address.
  ApiResponse handle(ApiRequest request) const {
    if (request.remote_address.empty())
      request.remote_address = "127.0.0.1";
    return api->handle(request);
  }

  // A session token for an officer created before; fails the test otherwise.
  std::string session_token(const std::string &user, const std::string &password) const {
    auto r = handle(
        ApiRequest{"POST", "/api/v1/auth/login", "application/json", "",
                   R"({"username":")" + user + R"(","password":")" + password + "\"}"});
    REQUIRE_MESSAGE(r.status == 200, r.body);
    const auto at = r.body.find("\"token\":\"") + 9;
    return r.body.substr(at, r.body.find('"', at) - at);
  }

  TempDir dir;
  Clock clock_;
  StreamHub hub;
  std::unique_ptr<StationStore> store;
  std::unique_ptr<QueueDesk> desk;
  std::unique_ptr<Authenticator> auth;
  std::unique_ptr<ApiHandler> api;
};

} // namespace motcua::station::test
