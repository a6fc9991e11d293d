// The station's web pages in a real browser: Debian's chromium, headless,
// driven over the DevTools protocol, against a real motcua-station on a
// loopback port the station picks. Both are started here and stopped by
// pid. Screenshots land in <build>/test-runs/browser-*/ for review.
#include "tests/browser/devtools_client.hpp"
#include "tests/support/process.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace motcua::testing;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

namespace {

struct Answer {
  int status = 0;
  std::string body;
};

// One HTTP/1.1 request to the station, bounded by `deadline`.
Answer http_call(const std::string &port, const std::string &method,
                 const std::string &target, const std::string &body = {},
                 const std::string &token = {}) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, "127.0.0.1:" + port);
  if (!token.empty())
    request.set(http::field::authorization, "Bearer " + token);
  if (!body.empty())
    request.set(http::field::content_type, "application/json");
  request.body() = body;
  request.prepare_payload();
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
  beast::error_code failed;
  stream.expires_after(10s);
  asio::ip::tcp::resolver resolver(ioc);
  stream.async_connect(
      resolver.resolve("127.0.0.1", port), [&](beast::error_code ec, auto) {
        if (ec)
          return void(failed = ec);
        http::async_write(stream, request, [&](beast::error_code ec, std::size_t) {
          if (ec)
            return void(failed = ec);
          http::async_read(stream, buffer, response,
                           [&](beast::error_code ec, std::size_t) { failed = ec; });
        });
      });
  ioc.run();
  if (failed)
    return Answer{0, failed.message()};
  return Answer{static_cast<int>(response.result_int()), response.body()};
}

std::string field(const std::string &body, const char *name) {
  return std::string(json::parse(body).at(name).as_string());
}

std::string quoted(const std::string &text) { return json::serialize(json::value(text)); }

// motcua-station on 127.0.0.1 with its own data folder and a chief "admin".
struct Station {
  std::string dir;
  std::string port = "0";
  std::unique_ptr<ChildProcess> process;

  explicit Station(std::string data) : dir(std::move(data)) {
    std::ofstream(dir + "/admin-password") << "admin-password-1\n";
    start();
  }
  // "0" the first time; later the same port, as a restarted station would.
  void start() {
    std::filesystem::remove(dir + "/port");
    process = std::make_unique<ChildProcess>(
        std::vector<std::string>{MOTCUA_STATION_BIN, "--listen", "127.0.0.1:" + port,
                                 "--data", dir, "--port-file", dir + "/port",
                                 "--issuing-hours", "always", "--admin-password-file",
                                 dir + "/admin-password", "--web",
                                 MOTCUA_ASSETS_DIR "/web"},
        std::map<std::string, std::string>{}, dir + "/station.log");
    port = wait_for_file(dir + "/port", 20s);
    while (!port.empty() && (port.back() == '\n' || port.back() == ' '))
      port.pop_back();
    REQUIRE_MESSAGE(!port.empty(), read_file(dir + "/station.log"));
  }
  void stop() {
    process->terminate();
    REQUIRE(process->wait_for(10s));
  }
  std::string url(const std::string &path) const {
    return "http://127.0.0.1:" + port + path;
  }
};

bool is_png(const std::string &path) {
  return read_file(path).substr(0, 8) == "\x89PNG\r\n\x1a\n";
}

} // namespace

TEST_CASE(
    "an officer calls the next ticket on the counter page and the board announces it") {
  const std::string dir = fresh_dir("browser-counter-board");
  Station station(dir);
  const auto &port = station.port;

  // The chief sets up counter 2 (services A and B) and an officer.
  auto login = http_call(port, "POST", "/api/v1/auth/login",
                         R"({"username":"admin","password":"admin-password-1"})");
  REQUIRE_MESSAGE(login.status == 200, login.body);
  const auto chief = field(login.body, "token");
  REQUIRE(http_call(port, "POST", "/api/v1/admin/counters",
                    R"({"id":"2","services":["A","B"]})", chief)
              .status == 201);
  REQUIRE(
      http_call(port, "POST", "/api/v1/admin/officers",
                R"({"username":"can.bo","display_name":"Nguyễn Văn An","role":"officer",)"
                R"("password":"officer-pass-1"})",
                chief)
          .status == 201);
  // One enrollment code for a kiosk, one for the display board.
  auto kiosk_code = http_call(port, "POST", "/api/v1/admin/enrollment-codes", "", chief);
  auto board_code = http_call(port, "POST", "/api/v1/admin/enrollment-codes", "", chief);
  REQUIRE(kiosk_code.status == 201);
  REQUIRE(board_code.status == 201);
  auto kiosk = http_call(port, "POST", "/api/v1/kiosks/enroll",
                         R"({"code":)" + quoted(field(kiosk_code.body, "code")) + "}");
  REQUIRE_MESSAGE(kiosk.status == 201, kiosk.body);
  const auto kiosk_token = field(kiosk.body, "token");
  auto issue = [&] {
    auto ticket =
        http_call(port, "POST", "/api/v1/tickets", R"({"service":"A"})", kiosk_token);
    REQUIRE_MESSAGE(ticket.status == 201, ticket.body);
  };
  issue();
  issue();

  Chromium chromium(dir);
  // The board enrolls with its code and speaks with the station's voice, so
  // the test does not depend on which voices this chromium has.
  auto board = chromium.open(
      station.url("/board/?voice=server&repeat=1&code=" + field(board_code.body, "code")),
      1920, 1080);
  auto counter = chromium.open(station.url("/counter/"), 1280, 800);
  REQUIRE_MESSAGE(counter->wait_until(
                      "window.motcuaCounter && document.getElementById('login')", 15s),
                  chromium.log());
  counter->evaluate("window.loadedAt = 'first load'");
  REQUIRE(board->wait_until("window.motcuaBoard && motcuaBoard.connected", 15s));
  board->evaluate("window.loadedAt = 'first load'");

  // The officer logs in at counter 2.
  counter->evaluate(R"(
    document.getElementById('username').value = 'can.bo';
    document.getElementById('password').value = 'officer-pass-1';
    document.getElementById('counter-id').value = '2';
    document.querySelector('#login button[type=submit]').click();)");
  REQUIRE_MESSAGE(
      counter->wait_until("motcuaCounter.counter && motcuaCounter.counter.open && "
                          "document.querySelector('#conn.open')",
                          15s),
      counter->evaluate("document.body.innerText").as_string().c_str());
  CHECK(counter->evaluate("document.getElementById('title').textContent") == "Quầy số 2");
  CHECK(counter->evaluate("document.getElementById('btn-call_next').innerText")
            .as_string()
            .starts_with("Gọi số tiếp theo"));
  const std::string waiting_a =
      "document.querySelector('#counts li[data-service=\"A\"] .n').textContent";
  CHECK(counter->wait_until(waiting_a + " === '2'", 10s));

  // "G" calls the next ticket: A001 goes to counter 2.
  counter->press_key("g", "KeyG");
  REQUIRE(counter->wait_until("document.getElementById('number').textContent === 'A001'",
                              10s));
  CHECK(counter->wait_until(waiting_a + " === '1'", 10s));

  // The board shows it and says it, with the station's espeak-ng voice.
  const std::string expected = "Xin mời số thứ tự A001 đến quầy số 2";
  REQUIRE_MESSAGE(board->wait_until("motcuaBoard.calloutsSpoken >= 1", 20s),
                  board->evaluate("motcuaBoard.lastError").as_string().c_str());
  CHECK(board->evaluate("motcuaBoard.lastCallout") == expected.c_str());
  CHECK(board->evaluate("document.getElementById('callout').textContent") ==
        expected.c_str());
  CHECK(board->evaluate("motcuaBoard.calloutMethod") == "server");
  CHECK(board->evaluate("motcuaBoard.lastAudioBytes").to_number<double>() > 10000);
  CHECK(board->evaluate("motcuaBoard.chimes").to_number<double>() >= 1);
  CHECK(board->evaluate("document.querySelector('#slot-2 .number').textContent") ==
        "A001");
  CHECK(board->evaluate("document.querySelector('#recent li .number').textContent") ==
        "A001");

  // A ticket the kiosk issues now appears on both pages without a reload.
  issue();
  CHECK(counter->wait_until(waiting_a + " === '2'", 10s));
  CHECK(board->wait_until("document.querySelector('#waiting li[data-service=\"A\"] "
                          ".n').textContent === '2 người'",
                          10s));

  counter->screenshot(dir + "/counter.png");
  board->screenshot(dir + "/board.png");
  CHECK(is_png(dir + "/counter.png"));
  CHECK(is_png(dir + "/board.png"));

  // The station restarts: both pages say so, reconnect by themselves and
  // work on, still the same page load.
  station.stop();
  CHECK(counter->wait_until("document.querySelector('#conn.closed, #conn.connecting')",
                            10s));
  CHECK(board->wait_until("!motcuaBoard.connected", 10s));
  counter->press_key("h", "KeyH"); // done, while the station is down
  CHECK(counter->wait_until(
      "!document.getElementById('error').classList.contains('hidden')", 10s));
  CHECK(counter->evaluate("document.getElementById('error').textContent") ==
        "Không liên lạc được máy chủ. Kiểm tra mạng rồi thử lại.");
  counter->screenshot(dir + "/counter-offline.png");
  station.start();
  REQUIRE(counter->wait_until("document.querySelector('#conn.open')", 20s));
  REQUIRE(board->wait_until("motcuaBoard.connected", 20s));
  CHECK(counter->evaluate("window.loadedAt") == "first load");
  CHECK(board->evaluate("window.loadedAt") == "first load");
  counter->press_key("h", "KeyH"); // done, now that it is back
  CHECK(
      counter->wait_until("document.getElementById('number').textContent === '—'", 10s));
  CHECK(counter->wait_until(
      "document.getElementById('error').classList.contains('hidden')", 10s));
  counter->press_key("g", "KeyG");
  CHECK(counter->wait_until("document.getElementById('number').textContent === 'A002'",
                            10s));
  CHECK(board->wait_until(
      "motcuaBoard.lastCallout === 'Xin mời số thứ tự A002 đến quầy số 2'", 20s));
  board->screenshot(dir + "/board-after-restart.png");
}

TEST_CASE(
    "the chief reads the month's satisfaction and queue figures on the reports page") {
  const std::string dir = fresh_dir("browser-reports");
  Station station(dir);
  const auto &port = station.port;
  auto login = http_call(port, "POST", "/api/v1/auth/login",
                         R"({"username":"admin","password":"admin-password-1"})");
  REQUIRE(login.status == 200);
  const auto chief = field(login.body, "token");
  auto code = http_call(port, "POST", "/api/v1/admin/enrollment-codes", "", chief);
  auto kiosk = http_call(port, "POST", "/api/v1/kiosks/enroll",
                         R"({"code":)" + quoted(field(code.body, "code")) + "}");
  REQUIRE(kiosk.status == 201);
  const auto kiosk_token = field(kiosk.body, "token");
  // Three ratings in November 2026: two satisfied, one not (waiting time).
  const char *ratings[] = {
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000001","level":"very_satisfied","reasons":[],"rated_at":"2026-11-16T08:30:00+07:00"}})",
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000002","level":"satisfied","reasons":[],"rated_at":"2026-11-16T09:30:00+07:00"}})",
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000003","level":"dissatisfied","reasons":["waiting_time"],"rated_at":"2026-11-17T10:30:00+07:00"}})"};
  for (const char *rating : ratings)
    REQUIRE(http_call(port, "POST", "/api/v1/ratings", rating, kiosk_token).status ==
            201);

  Chromium chromium(dir);
  auto page = chromium.open(station.url("/reports/?month=2026-11"), 1280, 1400);
  REQUIRE(
      page->wait_until("window.motcuaReports && document.getElementById('login')", 15s));
  page->evaluate(R"(
    document.getElementById('username').value = 'admin';
    document.getElementById('password').value = 'admin-password-1';
    document.querySelector('#login button[type=submit]').click();)");
  REQUIRE(page->wait_until("motcuaReports.satisfaction && motcuaReports.queue", 15s));
  CHECK(page->evaluate("document.getElementById('kpi-ratings').textContent") == "3");
  CHECK(page->evaluate("document.getElementById('kpi-rate').textContent") == "66,7 %");
  CHECK(page->evaluate(
                "document.querySelectorAll('#chart-heat svg rect[fill^=\"hsl\"]').length")
            .to_number<int>() == 3);
  CHECK(page->evaluate("document.querySelector('#chart-reasons svg text').textContent") ==
        "Thời gian chờ");
  page->screenshot(dir + "/reports.png");
  CHECK(is_png(dir + "/reports.png"));
}
