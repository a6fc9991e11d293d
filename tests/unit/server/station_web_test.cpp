// The station's web helpers without a browser: the board's JSON, query
// parameters, the stream's token from the address, the espeak-ng voice.
#include "server/web/board_state.hpp"
#include "server/web/callout_voice.hpp"
#include "server/web/query_params.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace motcua::station;
namespace json = boost::json;

namespace {
ApiRequest request(std::string method, std::string target, std::string body = {},
                   std::string token = {}) {
  ApiRequest r{std::move(method), std::move(target), "application/json", "",
               std::move(body)};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

std::string login(test::StationStack &s, const std::string &user, const std::string &pw) {
  auto r =
      s.handle(request("POST", "/api/v1/auth/login",
                       R"({"username":")" + user + R"(","password":")" + pw + "\"}"));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return std::string(json::parse(r.body).at("token").as_string());
}
} // namespace

TEST_CASE("query parameters are form-decoded and looked up by name") {
  CHECK(query_parameter("/x?a=1&text=Xin+m%E1%BB%9Di", "text") == "Xin mời");
  CHECK(query_parameter("/x?a=1", "a") == "1");
  CHECK(query_parameter("/x?flag&b=2", "flag") == "");
  CHECK_FALSE(query_parameter("/x?a=1", "b"));
  CHECK_FALSE(query_parameter("/x", "a"));
  CHECK_FALSE(query_parameter("/x?a=%zz", "a"));
}

TEST_CASE("the board shows each counter's number and the last calls, newest first") {
  test::StationStack s(fixed_clock(test::utc(2026, 11, 28, 2, 0, 0)));
  REQUIRE_FALSE(s.auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
  const auto chief = login(s, "boss", "secret-boss");
  for (const char *counter : {"1", "2"}) {
    REQUIRE(
        s.handle(request("POST", "/api/v1/admin/counters",
                         std::string(R"({"id":")") + counter + R"(","services":["A"]})",
                         chief))
            .status == 201);
    REQUIRE(s.handle(request("POST", std::string("/api/v1/counters/") + counter + "/open",
                             "", chief))
                .status == 200);
  }
  for (int i = 0; i < 3; ++i)
    REQUIRE(s.handle(request("POST", "/api/v1/tickets", R"({"service":"A"})")).status ==
            201);
  REQUIRE(s.handle(request("POST", "/api/v1/counters/1/call-next", "", chief)).status ==
          200);
  REQUIRE(s.handle(request("POST", "/api/v1/counters/2/call-next", "", chief)).status ==
          200);

  // Anyone enrolled (here the loopback kiosk) may read it; nobody else.
  CHECK(s.handle(request("GET", "/api/v1/board")).status == 200);
  ApiRequest remote = request("GET", "/api/v1/board");
  remote.remote_address = "192.0.2.7";
  CHECK(s.handle(remote).status == 401);
  auto answer = s.handle(request("GET", "/api/v1/board", "", chief));
  REQUIRE(answer.status == 200);
  auto board = json::parse(answer.body).as_object();
  auto &counters = board.at("counters").as_array();
  REQUIRE(counters.size() == 2);
  CHECK(counters[0].at("current").at("number") == "A001");
  CHECK(counters[1].at("current").at("number") == "A002");
  auto &recent = board.at("recent").as_array();
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].at("number") == "A002"); // same second: the later ticket first
  CHECK(recent[0].at("counter_id") == "2");
  CHECK(board.at("counts").as_array()[0].at("waiting") == 1);
}

TEST_CASE("the stream takes a browser's token from ?access_token=") {
  test::StationStack s(fixed_clock(test::utc(2026, 11, 28, 2, 0, 0)));
  REQUIRE_FALSE(
      s.auth->create_officer("can.bo", "Cán bộ", Role::officer, "secret-officer"));
  const auto token = login(s, "can.bo", "secret-officer");
  ApiRequest upgrade = request("GET", "/api/v1/stream?access_token=" + token);
  upgrade.remote_address = "192.0.2.7";
  CHECK_FALSE(s.api->authorize_stream(upgrade));
  upgrade.target = "/api/v1/stream?access_token=wrong";
  REQUIRE(s.api->authorize_stream(upgrade));
  CHECK(s.api->authorize_stream(upgrade)->status == 401);
}

TEST_CASE("the call-out voice refuses control characters and oversized text") {
  CalloutVoice voice;
  CHECK(voice.render("").error().status == 400);
  CHECK(voice.render("A\n001").error().status == 400);
  CHECK(voice.render("\xff").error().status == 400);
  CHECK(voice.render(std::string(201, 'a')).error().status == 400);
}

TEST_CASE("a call-out voice that hangs is killed at its timeout") {
  test::TempDir dir;
  const auto script = dir.path() / "slow-voice";
  std::ofstream(script) << "#!/bin/sh\nexec sleep 30\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  CalloutVoiceOptions options;
  options.program = script.string();
  options.timeout = std::chrono::milliseconds(200);
  CalloutVoice voice(options);
  auto wav = voice.render("Xin mời");
  REQUIRE_FALSE(wav);
  CHECK(wav.error().code == "voice_timeout");
}

TEST_CASE("a missing voice program is reported as unavailable") {
  CalloutVoiceOptions options;
  options.program = "/nonexistent/espeak-ng";
  auto wav = CalloutVoice(options).render("Xin mời");
  REQUIRE_FALSE(wav);
  CHECK(wav.error().status == 503);
}

TEST_CASE("espeak-ng speaks the Vietnamese call-out as a WAV") {
  if (!std::filesystem::exists("/usr/bin/espeak-ng")) {
    MESSAGE("espeak-ng is not installed (scripts/setup installs it): skipped");
    return;
  }
  CalloutVoice voice;
  auto wav = voice.render("Xin mời số thứ tự A015 đến quầy số 2");
  REQUIRE_MESSAGE(wav, (wav ? "" : wav.error().message));
  CHECK(wav->substr(0, 4) == "RIFF");
  CHECK(wav->substr(8, 4) == "WAVE");
  CHECK(wav->size() > 10000); // about two seconds of speech
}
