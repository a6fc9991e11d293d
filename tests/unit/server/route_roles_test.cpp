// Every route the station registers, called by every kind of caller: the
// access each route names is what the handler enforces (issue 5: a kiosk
// token cannot call counters, an officer cannot administer, nobody without a
// credential gets past a protected route).
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <regex>

using namespace motcua::station;
namespace json = boost::json;

namespace {

ApiRequest request(const RouteInfo &route, const std::string &token) {
  // Path parameters get a harmless value; the access check comes first.
  ApiRequest r{route.method,
               std::regex_replace(route.path, std::regex("\\{[^}]+\\}"), "x1"),
               "application/json", "", route.method == "GET" ? "" : "{}"};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

std::string code_of(const ApiResponse &r) {
  auto error = motcua::parse_api_error(r.body);
  return error ? error->code : "";
}

struct Callers : test::StationStack {
  static test::StackOptions closed() {
    test::StackOptions o;
    o.open_kiosk_api = false; // anonymous loopback callers are nobody
    return o;
  }
  Callers() : StationStack(system_clock(), closed()) {
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    REQUIRE_FALSE(auth->create_officer("anh", "Anh", Role::officer, "secret-anh"));
    chief = session_token("boss", "secret-boss");
    officer = session_token("anh", "secret-anh");
    auto code = handle(request({"POST", "/api/v1/admin/enrollment-codes"}, chief));
    REQUIRE(code.status == 201);
    auto enrolled = handle(ApiRequest{
        "POST", "/api/v1/kiosks/enroll", "application/json", "",
        R"({"code":")" + std::string(json::parse(code.body).at("code").as_string()) +
            "\"}"});
    REQUIRE(enrolled.status == 201);
    kiosk = std::string(json::parse(enrolled.body).at("token").as_string());
  }
  std::string chief, officer, kiosk;
};

} // namespace

TEST_CASE("every route refuses the callers its access excludes, and only those") {
  Callers c;
  for (const RouteInfo &route : ApiHandler::routes()) {
    const std::string name = route.method + " " + route.path;
    CAPTURE(name);
    if (route.access == Access::anyone)
      continue; // public: nothing to refuse
    auto anonymous = c.handle(request(route, ""));
    CHECK(anonymous.status == 401);
    CHECK(code_of(anonymous) == "unauthorized");

    struct Caller {
      const char *who;
      std::string token;
      bool admitted;
    };
    const bool kiosk_route = route.access == Access::kiosk;
    const bool admin_route = route.access == Access::admin;
    const bool anyone_known = route.access == Access::any_principal;
    const Caller callers[] = {
        {"kiosk", c.kiosk, kiosk_route || anyone_known},
        {"officer", c.officer, !kiosk_route && !admin_route},
        {"chief", c.chief, !kiosk_route},
    };
    for (const Caller &caller : callers) {
      CAPTURE(caller.who);
      // Logging out ends the session: use one of its own.
      const bool logout = route.path == "/api/v1/auth/logout";
      const std::string token =
          logout && caller.admitted && caller.token != c.kiosk
              ? c.session_token(caller.token == c.chief ? "boss" : "anh",
                                caller.token == c.chief ? "secret-boss" : "secret-anh")
              : caller.token;
      auto response = c.handle(request(route, token));
      if (caller.admitted) {
        // Whatever the route then says about the request, it is not about who asked.
        CHECK(response.status != 401);
        CHECK(code_of(response) != "forbidden");
      } else {
        CHECK(response.status == 403);
        CHECK(code_of(response) == "forbidden");
      }
    }
  }
}
