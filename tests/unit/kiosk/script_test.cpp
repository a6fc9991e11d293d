#include "kiosk/app/script.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;
using namespace std::chrono_literals;

TEST_CASE("a script parses every command, skipping blanks and comments") {
  auto r = script::parse("# arrival flow\n"
                         "wait-screen home 5000\n"
                         "\n"
                         "tap-service A   # the first service\n"
                         "wait-screen ticket\n"
                         "wait-print 2000\n"
                         "click 10 20\n"
                         "screenshot /tmp/x.png\n"
                         "print-state\n"
                         "quit\n",
                         "t.script");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  const auto &lines = r.value();
  REQUIRE(lines.size() == 8);
  auto *w = std::get_if<script::WaitScreen>(&lines[0].command);
  REQUIRE(w);
  CHECK(w->screen == Screen::home);
  CHECK(w->timeout == 5000ms);
  CHECK(lines[0].number == 2);
  CHECK(std::get<script::TapService>(lines[1].command).service_id == "A");
  CHECK(lines[1].number == 4);
  CHECK(std::get<script::WaitScreen>(lines[2].command).timeout ==
        script::kDefaultTimeout);
  CHECK(std::get<script::WaitPrint>(lines[3].command).timeout == 2000ms);
  CHECK(std::get<script::Click>(lines[4].command).x == 10);
  CHECK(std::get<script::Click>(lines[4].command).y == 20);
  CHECK(std::get<script::Screenshot>(lines[5].command).path == "/tmp/x.png");
  CHECK(std::holds_alternative<script::PrintState>(lines[6].command));
  CHECK(std::holds_alternative<script::Quit>(lines[7].command));
}

TEST_CASE("wait-label takes the rest of the line as the name to wait for") {
  auto r = script::parse("wait-label A 30000 Đăng ký,  xác nhận cư trú\n", "t");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  const auto &w = std::get<script::WaitLabel>(r.value()[0].command);
  CHECK(w.service_id == "A");
  CHECK(w.timeout == 30000ms);
  CHECK(w.text == "Đăng ký, xác nhận cư trú");
  CHECK(script::parse("wait-label A 30000\n", "t").error() ==
        "t:1: usage: wait-label ID TIMEOUT_MS TEXT...");
  CHECK(script::parse("wait-label A soon Cư trú\n", "t").error() ==
        "t:1: timeout \"soon\" must be a positive number of milliseconds");
}

TEST_CASE("tap and click-button name a button and the pointer") {
  auto r = script::parse(
      "tap level:satisfied\nclick-button key:5\nwait-screen ticket-entry\n", "t");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  const auto &tap = std::get<script::TapButton>(r.value()[0].command);
  CHECK(tap.button_id == "level:satisfied");
  CHECK(tap.pointer == script::Pointer::finger);
  const auto &click = std::get<script::TapButton>(r.value()[1].command);
  CHECK(click.button_id == "key:5");
  CHECK(click.pointer == script::Pointer::mouse);
  CHECK(std::get<script::WaitScreen>(r.value()[2].command).screen ==
        Screen::ticket_entry);
}

TEST_CASE("script errors name the file, the line and the problem") {
  struct Case {
    const char *text;
    const char *error;
  };
  const Case cases[] = {
      {"wait-screen home\ntouch A", "t:2: unknown command \"touch\""},
      {"wait-screen lobby", "t:1: unknown screen \"lobby\""},
      {"tap", "t:1: usage: tap BUTTON_ID"},
      {"click-button a b", "t:1: usage: click-button BUTTON_ID"},
      {"wait-screen", "t:1: usage: wait-screen NAME [TIMEOUT_MS]"},
      {"wait-screen home soon", "t:1: timeout \"soon\""},
      {"wait-print -5", "t:1: timeout \"-5\""},
      {"tap-service", "t:1: usage: tap-service ID"},
      {"click 1", "t:1: usage: click X Y"},
      {"click 1 y", "t:1: click needs two non-negative"},
      {"quit now", "t:1: usage: quit"},
  };
  for (const auto &c : cases) {
    auto r = script::parse(c.text, "t");
    REQUIRE_FALSE(r.has_value());
    CHECK_MESSAGE(r.error().find(c.error) == 0, r.error());
  }
}

TEST_CASE("sleep takes a positive number of milliseconds") {
  auto ok = script::parse("sleep 1500\n", "s");
  REQUIRE(ok.has_value());
  REQUIRE(std::holds_alternative<script::Sleep>((*ok)[0].command));
  CHECK(std::get<script::Sleep>((*ok)[0].command).duration == Duration{1500});
  CHECK_FALSE(script::parse("sleep\n", "s").has_value());
  CHECK_FALSE(script::parse("sleep 0\n", "s").has_value());
}

TEST_CASE("wait-printer names a printer condition and an optional timeout") {
  auto ok = script::parse("wait-printer media-empty\nwait-printer ready 2500\n", "s");
  REQUIRE(ok.has_value());
  const auto &first = std::get<script::WaitPrinter>((*ok)[0].command);
  CHECK(first.condition == motcua::printer::PrinterCondition::media_empty);
  CHECK(first.timeout == script::kDefaultTimeout);
  const auto &second = std::get<script::WaitPrinter>((*ok)[1].command);
  CHECK(second.condition == motcua::printer::PrinterCondition::ready);
  CHECK(second.timeout == Duration{2500});
  auto bad = script::parse("wait-printer paper\n", "s");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().find("s:1: unknown printer condition \"paper\"") == 0);
}
