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
  // A session of the chief "admin".
  std::string chief() const {
    auto login = http_call(port, "POST", "/api/v1/auth/login",
                           R"({"username":"admin","password":"admin-password-1"})");
    REQUIRE_MESSAGE(login.status == 200, login.body);
    return field(login.body, "token");
  }
  void add_counter(const std::string &chief, const std::string &body) const {
    auto added = http_call(port, "POST", "/api/v1/admin/counters", body, chief);
    REQUIRE_MESSAGE(added.status == 201, added.body);
  }
  // A ticket issued as the kiosk `kiosk_token`: its station day.
  std::string issue(const std::string &kiosk_token,
                    const std::string &service = "A") const {
    auto t = http_call(port, "POST", "/api/v1/tickets",
                       R"({"service":)" + quoted(service) + "}", kiosk_token);
    REQUIRE_MESSAGE(t.status == 201, t.body);
    return std::string(json::parse(t.body).at("ticket").at("day").as_string());
  }
  // A kiosk enrolled with a fresh code: its token.
  std::string enroll(const std::string &chief, const std::string &name = "kiosk") const {
    auto code = http_call(port, "POST", "/api/v1/admin/enrollment-codes", "", chief);
    REQUIRE(code.status == 201);
    auto kiosk = http_call(port, "POST", "/api/v1/kiosks/enroll",
                           R"({"code":)" + quoted(field(code.body, "code")) +
                               R"(,"name":)" + quoted(name) + "}");
    REQUIRE_MESSAGE(kiosk.status == 201, kiosk.body);
    return field(kiosk.body, "token");
  }
};

// Fills the inputs of form `form` (by element id) and sends it with its
// submit button, as a person would.
void submit_form(BrowserPage &page, const std::string &form,
                 const std::vector<std::pair<std::string, std::string>> &values) {
  std::string js;
  for (const auto &[id, value] : values)
    js += "document.getElementById(" + quoted(id) + ").value = " + quoted(value) + ";";
  page.evaluate(js + "document.querySelector(" +
                quoted("#" + form + " button[type=submit]") + ").click();");
}

void log_in(BrowserPage &page, const std::string &user, const std::string &password) {
  submit_form(page, "login", {{"username", user}, {"password", password}});
}

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
  const auto chief = station.chief();
  station.add_counter(chief, R"({"id":"2","services":["A","B"]})");
  REQUIRE(
      http_call(port, "POST", "/api/v1/admin/officers",
                R"({"username":"can.bo","display_name":"Nguyễn Văn An","role":"officer",)"
                R"("password":"officer-pass-1"})",
                chief)
          .status == 201);
  // A kiosk, and a code for the display board to enroll with.
  const auto kiosk_token = station.enroll(chief);
  auto board_code = http_call(port, "POST", "/api/v1/admin/enrollment-codes", "", chief);
  REQUIRE(board_code.status == 201);
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
  submit_form(
      *counter, "login",
      {{"username", "can.bo"}, {"password", "officer-pass-1"}, {"counter-id", "2"}});
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

// "2026-12-02" → the month before, "2026-11", and whether it is in the
// same quarter of the same year.
std::pair<std::string, bool> month_before(const std::string &day) {
  int year = std::stoi(day.substr(0, 4));
  const int month = std::stoi(day.substr(5, 2));
  const int before = month == 1 ? 12 : month - 1;
  if (month == 1)
    --year;
  char text[8];
  std::snprintf(text, sizeof text, "%04d-%02d", year, before);
  return {text, month != 1 && (before - 1) / 3 == (month - 1) / 3};
}

TEST_CASE("the chief reads a month's and a quarter's figures on the reports page and "
          "prints the month's report in Vietnamese") {
  const std::string dir = fresh_dir("browser-reports");
  Station station(dir);
  const auto &port = station.port;
  const auto chief = station.chief();
  const auto kiosk_token = station.enroll(chief);
  station.add_counter(chief, R"({"id":"1","services":["A"]})");
  auto act = [&](const std::string &action) {
    auto r = http_call(port, "POST", "/api/v1/counters/1/" + action, "", chief);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  };
  act("open");
  // Today: three tickets, two served at once, the third a no-show.
  std::string day;
  for (int i = 0; i < 3; ++i)
    day = station.issue(kiosk_token);
  for (const char *action : {"call-next", "start", "done", "call-next", "start", "done",
                             "call-next", "recall", "recall", "no-show"})
    act(action);
  // Three ratings today (two satisfied, one not: waiting time) and one
  // unhappy rating the month before.
  const auto [previous_month, same_quarter] = month_before(day);
  const std::string ratings[] = {
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000001","level":"very_satisfied","reasons":[],"rated_at":")" +
          day + R"(T08:30:00+07:00"}})",
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000002","level":"satisfied","reasons":[],"rated_at":")" +
          day + R"(T09:30:00+07:00"}})",
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000003","level":"dissatisfied","reasons":["waiting_time"],"rated_at":")" +
          day + R"(T10:30:00+07:00"}})",
      R"({"rating":{"id":"22222222-2222-4222-8222-000000000004","level":"dissatisfied","reasons":["other"],"rated_at":")" +
          previous_month + R"(-15T10:30:00+07:00"}})"};
  for (const auto &rating : ratings)
    REQUIRE(http_call(port, "POST", "/api/v1/ratings", rating, kiosk_token).status ==
            201);

  Chromium chromium(dir);
  const std::string month = day.substr(0, 7);
  auto page = chromium.open(station.url("/reports/?period=" + month), 1280, 1600);
  REQUIRE(
      page->wait_until("window.motcuaReports && document.getElementById('login')", 15s));
  log_in(*page, "admin", "admin-password-1");
  REQUIRE(page->wait_until("motcuaReports.satisfaction && motcuaReports.queue", 15s));
  auto text = [&](const char *id) {
    return std::string(
        page->evaluate("document.getElementById('" + std::string(id) + "').textContent")
            .as_string());
  };
  CHECK(text("kpi-ratings") == "3");
  CHECK(text("kpi-rate") == "66,7 %");
  // The month before had one rating, unhappy: 0 % then.
  CHECK(text("kpi-rate-delta") == "▲ 66,7 điểm % so với kỳ trước · Kỳ trước: 0 %");
  CHECK(text("kpi-tickets") == "3");
  CHECK(text("kpi-within-title") == "Phục vụ trong 15 phút");
  CHECK(text("kpi-within") == "100 %");
  CHECK(text("kpi-no-shows") == "1");
  CHECK(page->evaluate(
                "document.querySelectorAll('#chart-heat svg rect[fill^=\"hsl\"]').length")
            .to_number<int>() == 3);
  CHECK(page->evaluate("document.querySelector('#chart-reasons svg text').textContent") ==
        "Thời gian chờ");
  CHECK(text("chart-periods-title") == "Theo ngày");
  page->screenshot(dir + "/reports.png");
  CHECK(is_png(dir + "/reports.png"));

  // The quarter, chosen on the page: by month, with the month before in it
  // or not.
  page->evaluate("document.getElementById('kind').value = 'quarter';"
                 "document.getElementById('kind').dispatchEvent(new Event('change'));"
                 "document.getElementById('show').click()");
  REQUIRE(page->wait_until("motcuaReports.satisfaction.period.kind === 'quarter'", 15s));
  CHECK_FALSE(page->evaluate("document.getElementById('quarter-field').classList."
                             "contains('hidden')")
                  .as_bool());
  CHECK(text("kpi-ratings") == (same_quarter ? "4" : "3"));
  CHECK(text("chart-periods-title") == "Theo tháng");
  CHECK(text("period-text").starts_with("Quý "));
  page->screenshot(dir + "/reports-quarter.png");

  // Back to the month, in English on screen: the paper stays Vietnamese.
  page->evaluate("document.getElementById('kind').value = 'month';"
                 "document.getElementById('kind').dispatchEvent(new Event('change'));"
                 "document.getElementById('show').click()");
  REQUIRE(page->wait_until("motcuaReports.satisfaction.period.kind === 'month'", 15s));
  page->evaluate("document.getElementById('lang').click()");
  CHECK(text("kpi-within-title") == "Served within 15 minutes");
  page->call("Emulation.setEmulatedMedia", {{"media", "print"}});
  page->call(
      "Emulation.setDeviceMetricsOverride",
      {{"width", 794}, {"height", 1123}, {"deviceScaleFactor", 1}, {"mobile", false}});
  CHECK(page->evaluate("getComputedStyle(document.getElementById('report')).display") ==
        "none");
  const std::string paper = std::string(
      page->evaluate("document.getElementById('printable').innerText").as_string());
  for (const std::string &line :
       {std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string("BÁO CÁO"),
        "Kết quả tiếp nhận công dân và mức độ hài lòng tháng " +
            std::to_string(std::stoi(day.substr(5, 2))) + " năm " + day.substr(0, 4),
        std::string("Tổng số phiếu đã cấp: 3, trong đó ưu tiên 0 (0 %)."),
        std::string("công dân vắng mặt khi được gọi: 1"),
        std::string("Được phục vụ trong vòng 15 phút: 3/3 phiếu (100 %)."),
        std::string("tỷ lệ hài lòng: 66,7 %."), std::string("Thời gian chờ"),
        std::string("III. SO SÁNH VỚI KỲ TRƯỚC"), std::string("tăng 66,7 điểm %"),
        std::string("TRƯỞNG CÔNG AN")})
    CHECK_MESSAGE(paper.find(line) != std::string::npos, line << " in:\n" << paper);
  // No share "rose by 100 points" from a month with no tickets at all.
  CHECK(paper.find("tăng 100 điểm %") == std::string::npos);
  page->screenshot(dir + "/report-print.png");
  CHECK(is_png(dir + "/report-print.png"));
  page->print_to_pdf(dir + "/report.pdf");
  const auto pdf = read_file(dir + "/report.pdf");
  CHECK(pdf.starts_with("%PDF-"));
  CHECK(pdf.size() > 10000);
}

TEST_CASE("the admin makes an enrollment code on the admin page and a kiosk enrolls "
          "with it") {
  const std::string dir = fresh_dir("browser-admin");
  Station station(dir);
  const auto chief = station.chief();
  station.add_counter(chief, R"({"id":"1","services":["A","B"]})");

  Chromium chromium(dir);
  auto page = chromium.open(station.url("/admin/"), 1280, 1900);
  REQUIRE(
      page->wait_until("window.motcuaAdmin && document.getElementById('login')", 15s));
  log_in(*page, "admin", "admin-password-1");
  REQUIRE_MESSAGE(page->wait_until("motcuaAdmin.services !== null", 15s),
                  page->evaluate("document.body.innerText").as_string().c_str());
  CHECK(page->evaluate("document.querySelector('.bar h1').textContent") ==
        "Quản trị trạm");

  // The code made on the page enrolls a real kiosk from the shell.
  page->evaluate("document.getElementById('new-code').click()");
  REQUIRE(page->wait_until(
      "document.getElementById('enroll-code').textContent.length > 8", 10s));
  const std::string code(
      page->evaluate("document.getElementById('enroll-code').textContent").as_string());
  const std::string config = dir + "/kiosk/kiosk.json";
  auto provisioned = run_program(
      {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(""), "--code", code,
       // Nothing listens there: the kiosk enrolls, its printer cannot print.
       "--direct", "127.0.0.1:9", "--name", "Ki-ốt sảnh", "--config", config,
       "--state-dir", dir + "/kiosk/state"},
      dir + "/provision.log");
  REQUIRE_MESSAGE(provisioned.status == 0, provisioned.output);
  // doctor sends the kiosk's first health report with its new token.
  auto doctor =
      run_program({MOTCUA_KIOSK_BIN, "doctor", "--config", config}, dir + "/doctor.log");
  CHECK_MESSAGE(doctor.output.find("token accepted by the station: ok") !=
                    std::string::npos,
                doctor.output);
  // A second kiosk, enrolled over the API, runs out of paper; a third never reports.
  const auto upstairs = station.enroll(chief, "Tầng 2");
  station.enroll(chief, "Cổng");
  REQUIRE(http_call(
              station.port, "POST", "/api/v1/kiosks/health",
              R"({"paper":"out","printer_state":"failed: media-empty","outbox_depth":2})",
              upstairs)
              .status == 200);

  // The list refreshes by itself: the provisioned kiosk shows with its report.
  REQUIRE_MESSAGE(page->wait_until("motcuaAdmin.kiosks.length === 3", 25s),
                  page->evaluate("document.body.innerText").as_string().c_str());
  CHECK(page->evaluate("motcuaAdmin.kiosks.find(k => k.name === 'Ki-ốt sảnh')"
                       ".last_health.version") == "doctor");
  CHECK(page->evaluate("[...document.querySelectorAll('#table-kiosks td:first-child')]"
                       ".map(td => td.textContent).sort().join('|')") ==
        "Cổng|Ki-ốt sảnh|Tầng 2");
  const std::string alerts(
      page->evaluate("document.getElementById('alerts').innerText").as_string());
  CHECK_MESSAGE(alerts.find("Ki-ốt “Tầng 2”: hết giấy") != std::string::npos, alerts);
  CHECK_MESSAGE(alerts.find("Ki-ốt “Cổng”: mất liên lạc") != std::string::npos, alerts);
  CHECK_MESSAGE(alerts.find("Ki-ốt sảnh") == std::string::npos, alerts);

  // Service A gets a lower daily cap and an English name, served at once.
  page->evaluate(R"(
    {const row = document.querySelector('#table-services tr[data-service="A"]');
    row.querySelector('[name=daily_cap]').value = '150';
    row.querySelector('[name=en]').value = 'Residence matters';
    row.querySelector('button').click();})");
  REQUIRE(page->wait_until("document.querySelector('#table-services "
                           "tr[data-service=\"A\"] button').textContent === 'Đã lưu ✓'",
                           10s));
  {
    auto served = http_call(station.port, "GET", "/api/v1/catalog");
    REQUIRE(served.status == 200);
    const auto a = json::parse(served.body).at("services").at(0);
    CHECK(a.at("daily_cap") == 150);
    CHECK(a.at("label").at("en") == "Residence matters");
  }
  // A bad edit is refused with the station's reason, and nothing is saved.
  page->evaluate(R"(
    {const row = document.querySelector('#table-services tr[data-service="B"]');
    row.querySelector('[name=prefix]').value = 'A';
    row.querySelector('button').click();})");
  REQUIRE(page->wait_until(
      "!document.getElementById('error').classList.contains('hidden')", 10s));
  CHECK(page->evaluate("document.getElementById('error').textContent") ==
        "Lỗi: prefix \"A\" already numbers service \"A\"");

  // A counter and an officer added from their forms.
  page->evaluate("document.querySelector('#counter-new-services "
                 "input[value=\"C\"]').checked = true");
  submit_form(*page, "add-counter", {{"counter-new-id", "3"}});
  REQUIRE(page->wait_until("motcuaAdmin.counters.some(c => c.id === '3')", 10s));
  CHECK(page->evaluate("JSON.stringify(motcuaAdmin.counters.find(c => c.id === '3')"
                       ".services)") == R"(["C"])");
  submit_form(*page, "add-officer",
              {{"officer-username", "thu.ha"},
               {"officer-name", "Trần Thu Hà"},
               {"officer-password", "thu-ha-pass-1"}});
  REQUIRE(
      page->wait_until("motcuaAdmin.officers.some(o => o.username === 'thu.ha')", 10s));
  // Service A's ticket hours: its own Monday, the other days as they were;
  // a reversed range refused with the station's words.
  CHECK(page->evaluate("document.querySelector('#table-hours tr[data-service=\"A\"] "
                       "[name=tue]').value") == "07:30-11:30\n13:30-16:30");
  page->evaluate(R"(
    {const row = document.querySelector('#table-hours tr[data-service="B"]');
    row.querySelector('[name=mon]').value = '12:00-08:00';
    row.querySelector('button').click();})");
  REQUIRE(page->wait_until(
      "document.getElementById('error').textContent.includes('12:00-08:00')", 10s));
  page->evaluate(R"(
    {const row = document.querySelector('#table-hours tr[data-service="A"]');
    row.querySelector('[name=mon]').value = '08:00-12:00, 13:00-17:00';
    row.querySelector('[name=sat]').value = '';
    row.querySelector('button').click();})");
  REQUIRE(page->wait_until("motcuaAdmin.services.services[0].issuing_hours", 10s));
  CHECK(
      page->evaluate("JSON.stringify(motcuaAdmin.services.services[0].issuing_hours)") ==
      R"({"mon":["08:00-12:00","13:00-17:00"],"tue":["07:30-11:30","13:30-16:30"],)"
      R"("wed":["07:30-11:30","13:30-16:30"],"thu":["07:30-11:30","13:30-16:30"],)"
      R"("fri":["07:30-11:30","13:30-16:30"]})");

  // The priority policy: strict by default, one priority call in two once
  // saved, and still so after the restart below.
  CHECK(page->evaluate("document.getElementById('policy-strict').checked").as_bool());
  page->evaluate("document.getElementById('policy-one-in-n').checked = true");
  submit_form(*page, "priority-policy", {{"policy-n", "2"}});
  REQUIRE(page->wait_until("motcuaAdmin.policy && motcuaAdmin.policy.n === 2", 10s));
  CHECK(page->evaluate("document.getElementById('policy-save').textContent") ==
        "Đã lưu ✓");
  page->evaluate("document.getElementById('error').classList.add('hidden')");
  page->screenshot(dir + "/admin.png");
  CHECK(is_png(dir + "/admin.png"));

  // After a restart the station numbers with the saved catalog.
  station.stop();
  station.start();
  auto catalog = http_call(station.port, "GET", "/api/v1/catalog");
  REQUIRE(catalog.status == 200);
  const auto a = json::parse(catalog.body).at("services").at(0);
  CHECK(a.at("id") == "A");
  CHECK(a.at("daily_cap") == 150);
  CHECK(a.at("label").at("en") == "Residence matters");
  CHECK(json::parse(catalog.body).at("services").at(1).at("prefix") == "B");
  CHECK(json::serialize(a.at("issuing_hours").at("mon")) ==
        R"(["08:00-12:00","13:00-17:00"])");
  CHECK_FALSE(a.at("issuing_hours").as_object().contains("sat"));
  auto policy = http_call(station.port, "GET", "/api/v1/admin/priority-policy", "",
                          station.chief());
  CHECK(policy.body == R"({"policy":"one_in_n","n":2})");
}

TEST_CASE("the ticket page on a phone follows the ticket live to the counter, through "
          "a station restart, and takes its rating") {
  const std::string dir = fresh_dir("browser-ticket-page");
  Station station(dir);
  const auto &port = station.port;
  const auto chief = station.chief();
  station.add_counter(chief, R"({"id":"2","services":["A"]})");
  REQUIRE(http_call(port, "POST", "/api/v1/counters/2/open", "", chief).status == 200);
  const auto kiosk_token = station.enroll(chief);
  std::string day;
  for (int i = 0; i < 2; ++i) {
    auto t =
        http_call(port, "POST", "/api/v1/tickets", R"({"service":"A"})", kiosk_token);
    REQUIRE(t.status == 201);
    day = std::string(json::parse(t.body).at("ticket").at("day").as_string());
  }
  auto act = [&](const std::string &action) {
    auto r = http_call(port, "POST", "/api/v1/counters/2/" + action, "", chief);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  };

  Chromium chromium(dir);
  auto phone = chromium.open("about:blank", 412, 915);
  // Counts the page's documents and its WebSocket's openings and messages:
  // the page must follow the ticket on the station's pings, never reloading.
  phone->call("Page.addScriptToEvaluateOnNewDocument", {{"source", R"((() => {
    try {
      window.documents = Number(sessionStorage.getItem('documents') || 0) + 1;
      sessionStorage.setItem('documents', String(window.documents));
    } catch (e) {}
    window.socket = {opened: 0, messages: 0};
    const Real = window.WebSocket;
    window.WebSocket = function (url) {
      const ws = new Real(url);
      ws.addEventListener('open', () => window.socket.opened++);
      ws.addEventListener('message', () => window.socket.messages++);
      return ws;
    };
  })())"}});
  phone->navigate(station.url("/t/" + day + "/A002"));
  const std::string text = "document.body.innerText";
  REQUIRE_MESSAGE(phone->wait_until("document.querySelector('.number') && "
                                    "document.querySelector('.number').textContent === "
                                    "'A002' && window.socket.opened === 1",
                                    15s),
                  chromium.log());
  CHECK(phone->evaluate(text + ".includes('Số người đang chờ trước quý khách: 1')")
            .as_bool());
  CHECK(phone->evaluate(text + ".includes('Trang này tự cập nhật')").as_bool());
  phone->screenshot(dir + "/phone-waiting.png");

  // A001 is served; A002 is called: the page says where to go by itself,
  // told by the station (a ping), in the same document.
  act("call-next");
  CHECK(phone->wait_until(text + ".includes('Quý khách là người được gọi tiếp theo')",
                          20s));
  act("start");
  act("done");
  act("call-next");
  REQUIRE(phone->wait_until(text + ".includes('Mời quý khách đến quầy số 2')", 20s));
  CHECK(phone->evaluate("window.socket.messages").as_int64() >= 2);
  CHECK(phone->evaluate("window.documents").as_int64() == 1);
  phone->screenshot(dir + "/phone-called.png");

  // The station restarts: the page keeps its card, reconnects by itself and
  // follows the ticket on.
  station.stop();
  station.start();
  REQUIRE(phone->wait_until("window.socket.opened === 2", 40s));
  CHECK(phone->evaluate(text + ".includes('Mời quý khách đến quầy số 2')").as_bool());

  // Served: the same page offers the rating, the kiosk's way.
  act("start");
  CHECK(phone->wait_until(text + ".includes('Đang được phục vụ tại quầy số 2')", 20s));
  act("done");
  REQUIRE(phone->wait_until("document.querySelector('form.rate')", 20s));
  CHECK(phone->evaluate("window.documents").as_int64() == 1);
  // Final: nothing more to follow, the socket is closed.
  CHECK(phone->wait_until("!document.querySelector('main[data-live]')", 10s));
  CHECK(phone->wait_until(
      text + ".includes('Quý khách có hài lòng với việc giải quyết thủ tục hôm nay?')",
      10s));
  phone->screenshot(dir + "/phone-rating.png");
  phone->evaluate("document.querySelector('button[value=dissatisfied]').click()");
  REQUIRE(phone->wait_until("document.querySelector('input[name=reason]')", 10s));
  phone->evaluate(R"(
    document.querySelector('input[value=waiting_time]').checked = true;
    document.querySelector('button.send').click();)");
  REQUIRE(phone->wait_until(text + ".includes('Cảm ơn quý khách đã đánh giá')", 10s));
  CHECK(phone->evaluate("location.pathname") == ("/t/" + day + "/A002").c_str());
  CHECK_FALSE(phone->evaluate("!!document.querySelector('form')").as_bool());
  phone->screenshot(dir + "/phone-thanks.png");
  CHECK(is_png(dir + "/phone-thanks.png"));

  // The station counted it, linked to the ticket, with its reason.
  auto report = http_call(
      port, "GET", "/api/v1/reports/satisfaction?month=" + day.substr(0, 7), "", chief);
  REQUIRE(report.status == 200);
  const auto figures = json::parse(report.body);
  CHECK(figures.at("total") == 1);
  CHECK(figures.at("levels").at("dissatisfied") == 1);
  CHECK(figures.at("reasons").at(0).at("reason") == "waiting_time");
  // And a kiosk may not rate the same ticket again.
  auto twice = http_call(
      port, "POST", "/api/v1/ratings",
      R"({"rating":{"id":"44444444-4444-4444-8444-000000000001","level":"satisfied",)"
      R"("reasons":[],"ticket":"A002","rated_at":)" +
          quoted(day + "T12:00:00+07:00") + "}}",
      kiosk_token);
  CHECK(twice.status == 409);
}
