// GET /t/{day}/{number}: the page behind the ticket's QR code, through the
// API handler with the queue engine as authority. No sockets.
#include "server/api/ticket_page.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace motcua::station;

namespace {

// Saturday 2026-11-28, 09:00 in Vietnam.
const TimePoint kSaturdayNine = test::utc(2026, 11, 28, 2, 0, 0);

ApiRequest request(std::string method, std::string target, std::string body = {},
                   std::string token = {}) {
  ApiRequest r{std::move(method), std::move(target), "application/json", "",
               std::move(body)};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

ApiRequest get(std::string target) { return request("GET", std::move(target)); }

std::string login(test::StationStack &s, const std::string &user, const std::string &pw) {
  auto r =
      s.handle(request("POST", "/api/v1/auth/login",
                       R"({"username":")" + user + R"(","password":")" + pw + "\"}"));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  const auto at = r.body.find("\"token\":\"") + 9;
  return r.body.substr(at, r.body.find('"', at) - at);
}

TicketPageTexts shipped_texts() {
  auto texts = TicketPageTexts::load(MOTCUA_ASSETS_DIR "/i18n");
  REQUIRE_MESSAGE(texts.has_value(), (texts ? "" : texts.error()));
  return std::move(texts).value();
}

// The station with the shipped words, a chief and an open counter Q1 for A.
struct Desk : test::StationStack {
  Desk() : StationStack(fixed_clock(kSaturdayNine)) {
    api->set_ticket_page_texts(shipped_texts());
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    chief = login(*this, "boss", "secret-boss");
    REQUIRE(handle(request("POST", "/api/v1/admin/counters",
                           R"({"id":"2","services":["A"]})", chief))
                .status == 201);
    REQUIRE(handle(request("POST", "/api/v1/counters/2/open", "", chief)).status == 200);
  }
  void issue(int n, const std::string &service = "A") {
    for (int i = 0; i < n; ++i)
      REQUIRE(
          handle(request("POST", "/api/v1/tickets", R"({"service":")" + service + "\"}"))
              .status == 201);
  }
  void act(const std::string &action) {
    REQUIRE(handle(request("POST", "/api/v1/counters/2/" + action, "", chief)).status ==
            200);
  }
  std::string chief;
};

bool has(const ApiResponse &r, const std::string &text) {
  return r.body.find(text) != std::string::npos;
}

} // namespace

TEST_CASE("a waiting ticket's page gives the people ahead and the wait in Vietnamese") {
  Desk s;
  s.issue(3);
  auto page = s.handle(get("/t/2026-11-28/A003"));
  REQUIRE(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  REQUIRE(page.header("Cache-Control") != nullptr);
  CHECK(*page.header("Cache-Control") == "no-store");
  CHECK(has(page, "<html lang=\"vi\">"));
  CHECK(has(page, "name=\"viewport\""));
  // Followed live by the station's script; reloaded by a phone without scripts.
  CHECK(has(page, "<main data-live>"));
  CHECK(has(page, "<script src=\"/common/ticket-live.js\" defer></script>"));
  CHECK(has(page, "<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>"));
  CHECK(has(page, "Trang này tự cập nhật"));
  REQUIRE(page.header("Content-Security-Policy") != nullptr);
  CHECK(std::string(*page.header("Content-Security-Policy")).find("script-src 'self'") !=
        std::string::npos);
  CHECK(has(page, "CÔNG AN PHƯỜNG THỬ"));
  CHECK(has(page, ">A003<"));
  CHECK(has(page, "Cư trú"));
  CHECK(has(page, "Đang chờ gọi số"));
  CHECK(has(page, "Số người đang chờ trước quý khách: 2"));
  // Two ahead × 10 minutes, one open counter.
  CHECK(has(page, "Thời gian chờ dự kiến: khoảng 20 phút"));
  CHECK(has(page, "Ngày 28/11/2026"));
  CHECK(has(page, "href=\"?lang=en\""));
}

TEST_CASE("the first in line is told they are next, in English on request") {
  Desk s;
  s.issue(1);
  auto vi = s.handle(get("/t/2026-11-28/A001"));
  REQUIRE(vi.status == 200);
  CHECK(has(vi, "Quý khách là người được gọi tiếp theo"));
  CHECK_FALSE(has(vi, "0 phút"));
  auto en = s.handle(get("/t/2026-11-28/A001?lang=en"));
  REQUIRE(en.status == 200);
  CHECK(has(en, "<html lang=\"en\">"));
  CHECK(has(en, "You are next in line"));
  CHECK(has(en, "href=\"?lang=vi\""));
}

TEST_CASE("the page follows the ticket: called, being served, done") {
  Desk s;
  s.issue(2);
  s.act("call-next");
  auto called = s.handle(get("/t/2026-11-28/A001"));
  CHECK(has(called, "Mời quý khách đến quầy số 2"));
  CHECK_FALSE(has(called, "Số người đang chờ"));
  // The second ticket now has nobody ahead.
  CHECK(has(s.handle(get("/t/2026-11-28/A002")), "người được gọi tiếp theo"));
  s.act("start");
  CHECK(has(s.handle(get("/t/2026-11-28/A001")), "Đang được phục vụ tại quầy số 2"));
  s.act("done");
  auto done = s.handle(get("/t/2026-11-28/A001"));
  REQUIRE(done.status == 200);
  CHECK(has(done, "Đã làm xong thủ tục"));
  // A final state does not change: the page stops following it.
  CHECK_FALSE(has(done, "http-equiv=\"refresh\""));
  CHECK_FALSE(has(done, "data-live"));
  CHECK_FALSE(has(done, "ticket-live.js"));
  CHECK_FALSE(has(done, "Trang này tự cập nhật"));
}

TEST_CASE(
    "a ticket page may be followed over a WebSocket by anyone, an unknown one not") {
  Desk s;
  s.issue(1);
  auto upgrade = [&](std::string target) {
    return s.api->authorize_ticket_stream(get(std::move(target)));
  };
  CHECK_FALSE(upgrade("/t/2026-11-28/A001").has_value());
  CHECK_FALSE(upgrade("/t/2026-11-28/A001?lang=en").has_value());
  for (const char *unknown :
       {"/t/2026-11-28/A002", "/t/2026-11-27/A001", "/t/2026-11-28", "/t/x/y/z", "/t/"}) {
    CAPTURE(unknown);
    auto refused = upgrade(unknown);
    REQUIRE(refused.has_value());
    CHECK(refused->status == 404);
  }
}

TEST_CASE("a ticket page's subscriber is sent the page as GET serves it") {
  Desk s;
  s.issue(2);
  auto frame = s.api->ticket_stream_frame(get("/t/2026-11-28/A002?lang=en"));
  CHECK(frame == s.handle(get("/t/2026-11-28/A002?lang=en")).body);
  CHECK(frame.find("People ahead of you: 1") != std::string::npos);
  s.act("call-next");
  CHECK(s.api->ticket_stream_frame(get("/t/2026-11-28/A002?lang=en"))
            .find("You are next in line") != std::string::npos);
  // A ticket gone with its day: the 404 page, which stops the phone following.
  auto gone = s.api->ticket_stream_frame(get("/t/2026-11-27/A002"));
  CHECK(gone.find("data-live") == std::string::npos);
  CHECK(gone.find("<main>") != std::string::npos);
}

TEST_CASE("a transferred ticket shows where it waits now") {
  Desk s;
  s.issue(1);
  s.act("call-next");
  REQUIRE(s.handle(request("POST", "/api/v1/counters/2/transfer", R"({"service_id":"B"})",
                           s.chief))
              .status == 200);
  auto page = s.handle(get("/t/2026-11-28/A001"));
  REQUIRE(page.status == 200);
  CHECK(has(page, "Căn cước"));
  CHECK(has(page, "Đang chờ gọi số"));
}

TEST_CASE("an unknown ticket, another day or a malformed address get the 404 page") {
  Desk s;
  s.issue(1);
  for (const char *target : {"/t/2026-11-28/A999", "/t/2026-11-27/A001", "/t/2026-11-28",
                             "/t/2026-11-28/A001/x", "/t/2026-11-28/%3Cb%3E"}) {
    CAPTURE(target);
    auto page = s.handle(get(target));
    CHECK(page.status == 404);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(has(page, "Không tìm thấy phiếu"));
    CHECK_FALSE(has(page, "<b>"));
  }
  auto named = s.handle(get("/t/2026-11-28/A999?lang=en"));
  CHECK(has(named, "There is no ticket A999 on 28/11/2026"));
}

TEST_CASE("the ticket page takes GET only and needs no token") {
  Desk s;
  s.issue(1);
  auto post = s.handle(request("POST", "/t/2026-11-28/A001"));
  CHECK(post.status == 405);
  REQUIRE(post.header("Allow") != nullptr);
  CHECK(*post.header("Allow") == "GET");
  ApiRequest foreign = get("/t/2026-11-28/A001");
  foreign.remote_address = "192.168.1.50"; // a phone on the waiting room's Wi-Fi
  CHECK(s.handle(foreign).status == 200);
}

TEST_CASE("catalog labels are escaped, never markup") {
  CHECK(html_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

TEST_CASE("the page's words must all be there in both languages") {
  std::ifstream vi(MOTCUA_ASSETS_DIR "/i18n/vi.json");
  std::stringstream vi_text;
  vi_text << vi.rdbuf();
  auto ok = TicketPageTexts::parse({{"vi", vi_text.str()}});
  CHECK(ok.has_value());
  auto missing = TicketPageTexts::parse(
      {{"en", R"({"language":"en","strings":{"ticket_page.title":"Ticket {number}"}})"}});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().find("en.json: strings.ticket_page.") != std::string::npos);
  CHECK_FALSE(TicketPageTexts::parse({{"vi", "not json"}}).has_value());
}

TEST_CASE("without texts the page shows its keys rather than failing") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  REQUIRE(s.handle(request("POST", "/api/v1/tickets", R"({"service":"A"})")).status ==
          201);
  auto page = s.handle(get("/t/2026-11-28/A001"));
  CHECK(page.status == 200);
  CHECK(has(page, "ticket_page.state.waiting"));
}

TEST_CASE("the language comes from the query string, Vietnamese otherwise") {
  CHECK(ticket_page_language("/t/d/n") == "vi");
  CHECK(ticket_page_language("/t/d/n?lang=en") == "en");
  CHECK(ticket_page_language("/t/d/n?x=1&lang=en") == "en");
  CHECK(ticket_page_language("/t/d/n?lang=fr") == "vi");
  CHECK(ticket_page_language("/t/d/n?lang=english") == "vi");
}

namespace {

ApiRequest rate(const std::string &ticket, std::string form,
                std::string content_type = "application/x-www-form-urlencoded") {
  ApiRequest r{"POST", "/t/2026-11-28/" + ticket + "/rating", std::move(content_type), "",
               std::move(form)};
  r.remote_address = "192.168.1.50"; // a phone: no token, not loopback
  return r;
}

// A001 served and done at counter 2; A002 still waiting.
struct Served : Desk {
  Served() {
    issue(2);
    act("call-next");
    act("start");
    act("done");
  }
};

} // namespace

TEST_CASE("a done ticket's page offers the rating with the kiosk's words") {
  Served s;
  auto done = s.handle(get("/t/2026-11-28/A001"));
  REQUIRE(done.status == 200);
  CHECK(
      has(done,
          "<form class=\"rate\" method=\"post\" action=\"/t/2026-11-28/A001/rating\">"));
  CHECK(has(done, "Quý khách có hài lòng với việc giải quyết thủ tục hôm nay?"));
  CHECK(has(
      done,
      "<button name=\"level\" value=\"very_dissatisfied\">Rất không hài lòng</button>"));
  CHECK(has(s.handle(get("/t/2026-11-28/A001?lang=en")),
            "action=\"/t/2026-11-28/A001/rating?lang=en\""));
  // Only a done ticket: a waiting one has no form.
  CHECK_FALSE(has(s.handle(get("/t/2026-11-28/A002")), "<form"));
}

TEST_CASE("a rating from the phone is stored once, linked to its ticket") {
  Served s;
  auto posted = s.handle(rate("A001", "level=satisfied"));
  CHECK(posted.status == 303);
  REQUIRE(posted.header("Location") != nullptr);
  CHECK(*posted.header("Location") == "/t/2026-11-28/A001");
  auto after = s.handle(get("/t/2026-11-28/A001"));
  CHECK(has(after, "Cảm ơn quý khách đã đánh giá"));
  CHECK_FALSE(has(after, "<form"));
  CHECK(s.store->ticket_rated("2026-11-28", "A001").value());
  CHECK_FALSE(s.store->ticket_rated("2026-11-28", "A002").value());

  // The second rating of the ticket is refused, from the phone or a kiosk.
  auto again = s.handle(rate("A001", "level=very_satisfied"));
  CHECK(again.status == 409);
  auto kiosk = s.handle(request(
      "POST", "/api/v1/ratings",
      R"({"rating":{"id":"33333333-3333-4333-8333-000000000001","level":"neutral",)"
      R"("reasons":[],"ticket":"A001","rated_at":"2026-11-28T09:00:00+07:00"}})"));
  CHECK(kiosk.status == 409);
}

TEST_CASE("an unhappy level asks for the reasons before anything is stored") {
  Served s;
  auto asked = s.handle(rate("A001", "level=dissatisfied"));
  CHECK(asked.status == 200);
  CHECK(has(asked, "<input type=\"hidden\" name=\"level\" value=\"dissatisfied\">"));
  CHECK(has(asked, "value=\"waiting_time\">Thời gian chờ</label>"));
  CHECK_FALSE(s.store->ticket_rated("2026-11-28", "A001").value());
  auto sent = s.handle(rate(
      "A001", "level=dissatisfied&step=reasons&reason=waiting_time&reason=guidance"));
  CHECK(sent.status == 303);
  CHECK(s.store->ticket_rated("2026-11-28", "A001").value());
}

TEST_CASE("the phone may rate only a done ticket of today, with a small form") {
  Served s;
  CHECK(s.handle(rate("A002", "level=satisfied")).status == 409); // still waiting
  CHECK(s.handle(rate("A009", "level=satisfied")).status == 404); // never issued
  CHECK(s.handle(rate("A001", "level=great")).status == 400);
  CHECK(
      s.handle(rate("A001", "level=dissatisfied&step=reasons&reason=<script>")).status ==
      400);
  CHECK(s.handle(rate("A001", "level=satisfied&reason=%zz")).status == 400);
  CHECK(s.handle(rate("A001", "level=satisfied", "application/json")).status == 415);
  CHECK(s.handle(rate("A001", "level=satisfied&x=" + std::string(2000, 'a'))).status ==
        413);
  auto get_form = s.handle(get("/t/2026-11-28/A001/rating"));
  CHECK(get_form.status == 405);
  REQUIRE(get_form.header("Allow") != nullptr);
  CHECK(*get_form.header("Allow") == "POST");
  // None of that stored anything: the ticket can still be rated.
  CHECK_FALSE(s.store->ticket_rated("2026-11-28", "A001").value());
}
