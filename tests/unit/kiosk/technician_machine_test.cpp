// The technician screens' reducer, the hidden gesture and the layout: pure,
// no window, no files.
#include "kiosk/app/corner_gesture.hpp"
#include "kiosk/app/technician_diagnostics.hpp"
#include "kiosk/app/technician_layout.hpp"
#include "kiosk/app/technician_machine.hpp"
#include "kiosk/app/technician_texts.hpp"
#include "kiosk/app/texts.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = TimePoint{} + 1000h;

tech::Transition step(const tech::State &s, const tech::Event &e, TimePoint now = t0) {
  return tech::reduce(s, e, now);
}

tech::State opened(bool pin_set = true) {
  tech::Opened o;
  o.mode = KioskMode::both;
  o.language = "vi";
  o.station_url = "http://192.168.1.10:8080";
  o.pin_set = pin_set;
  return step(tech::State{}, o).state;
}

tech::State typed(tech::State s, const std::string &keys) {
  for (char k : keys)
    s = step(s, tech::Key{k}).state;
  return s;
}

template <typename T> const T *only(const std::vector<tech::Effect> &effects) {
  REQUIRE(effects.size() == 1);
  return std::get_if<T>(&effects.front());
}

tech::State past_pin() {
  auto s = step(typed(opened(), "2468"), tech::Submit{}).state;
  return step(s, tech::PinChecked{true, 5, std::nullopt}).state;
}

} // namespace

TEST_CASE("the gesture opens the PIN pad, and OK asks the shell to check the PIN") {
  auto s = opened();
  CHECK(s.screen == tech::Screen::pin);
  CHECK(s.mode == KioskMode::both);
  s = typed(s, "12x4<46");
  CHECK(s.entry == "1246");
  auto t = step(s, tech::Submit{});
  const auto *check = only<tech::CheckPin>(t.effects);
  REQUIRE(check);
  CHECK(check->pin == "1246");
  CHECK(t.state.checking);
  // Keys while checking change nothing.
  CHECK(typed(t.state, "9").entry == "1246");
}

TEST_CASE("a short PIN is refused before any check") {
  auto t = step(typed(opened(), "12"), tech::Submit{});
  CHECK(t.effects.empty());
  CHECK(t.state.message_key == "tech.pin.too_short");
}

TEST_CASE("a wrong PIN says how many tries are left, the fifth locks the pad") {
  auto s = step(typed(opened(), "1111"), tech::Submit{}).state;
  s = step(s, tech::PinChecked{false, 4, std::nullopt}).state;
  CHECK(s.screen == tech::Screen::pin);
  CHECK(s.entry.empty());
  CHECK(s.message_key == "tech.pin.wrong");
  CHECK(s.message_detail == "4");

  s = step(typed(s, "1111"), tech::Submit{}).state;
  s = step(s, tech::PinChecked{false, 0, t0 + 15min}).state;
  CHECK(s.message_key == "tech.pin.locked");
  CHECK(typed(s, "2468").entry.empty());
  CHECK(step(s, tech::Submit{}).effects.empty());
  const auto layout = tech::layout_screen(s, 1920, 1080);
  REQUIRE(layout.find("pin:5"));
  CHECK_FALSE(layout.find("pin:5")->enabled);
  CHECK(tech::next_deadline(s) == t0 + 30s); // the idle pad closes first

  // The lock passes on a tick: five tries again. (Touches keep the pad open.)
  s = step(s, tech::Touched{}, t0 + 14min + 50s).state;
  CHECK(tech::next_deadline(s) == t0 + 15min);
  s = step(s, tech::Tick{}, t0 + 15min).state;
  CHECK_FALSE(s.locked_until);
  CHECK(s.tries_left == 5);
  CHECK(tech::reduce(s, tech::Key{'2'}, t0 + 15min).state.entry == "2");
}

TEST_CASE("a pad opened while locked says so and takes no digits") {
  tech::Opened o;
  o.tries_left = 0;
  o.locked_until = t0 + 10min;
  auto s = step(tech::State{}, o).state;
  CHECK(s.message_key == "tech.pin.locked");
  CHECK(typed(s, "1").entry.empty());
}

TEST_CASE("without a stored PIN the pad explains and never opens the pages") {
  auto s = typed(opened(false), "2468");
  CHECK(s.message_key == "tech.pin.not_set");
  CHECK(step(s, tech::Submit{}).effects.empty());
  CHECK(step(s, tech::Show{tech::Screen::diagnostics}).state.screen == tech::Screen::pin);
}

TEST_CASE("the right PIN opens the diagnostics and gathers them") {
  auto s = step(typed(opened(), "2468"), tech::Submit{}).state;
  auto t = step(s, tech::PinChecked{true, 5, std::nullopt});
  CHECK(t.state.screen == tech::Screen::diagnostics);
  CHECK(only<tech::GatherDiagnostics>(t.effects));
  std::vector<tech::DiagnosticRow> rows{
      {"tech.diag.station", tech::DiagnosticRow::Health::ok, "3 ms"}};
  auto g = step(t.state, tech::DiagnosticsGathered{rows}).state;
  CHECK_FALSE(g.gathering);
  REQUIRE(g.diagnostics.size() == 1);
  CHECK(g.diagnostics[0].value == "3 ms");
  // Refresh while gathering asks once.
  auto r = step(g, tech::Refresh{});
  CHECK(only<tech::GatherDiagnostics>(r.effects));
  CHECK(step(r.state, tech::Refresh{}).effects.empty());
}

TEST_CASE("settings are written only when changed, and saved ones mark the visit") {
  auto s = step(past_pin(), tech::Show{tech::Screen::settings}).state;
  CHECK(s.screen == tech::Screen::settings);
  auto same = step(s, tech::SaveSettings{});
  CHECK(same.effects.empty());
  CHECK(same.state.message_key == "tech.settings.unchanged");

  s = step(s, tech::ModeChosen{KioskMode::departure}).state;
  s = step(s, tech::LanguageChosen{"en"}).state;
  CHECK(step(s, tech::LanguageChosen{"fr"}).state.kiosk_language == "en");
  auto t = step(s, tech::SaveSettings{});
  const auto *write = only<tech::WriteSettings>(t.effects);
  REQUIRE(write);
  CHECK(write->mode == KioskMode::departure);
  CHECK(write->language == "en");

  auto failed = step(t.state, tech::SettingsSaved{false, "read-only file system"}).state;
  CHECK(failed.message_key == "tech.settings.failed");
  CHECK(failed.message_detail == "read-only file system");
  CHECK_FALSE(failed.changed);

  auto saved = step(t.state, tech::SettingsSaved{true, ""}).state;
  CHECK(saved.changed);
  CHECK(saved.language == "en");
  CHECK(saved.saved_mode == KioskMode::departure);
  auto left = step(saved, tech::Leave{});
  CHECK(left.state.screen == tech::Screen::closed);
  const auto *back = only<tech::ReturnToService>(left.effects);
  REQUIRE(back);
  CHECK(back->changed);
}

TEST_CASE("re-enrollment sends the typed code and reports the station's answer") {
  auto s = step(past_pin(), tech::Show{tech::Screen::enroll}).state;
  s = typed(s, "ZRUD-BMCR-3WNZ");
  CHECK(s.entry == "ZRUD-BMCR-3WNZ");
  auto t = step(s, tech::Submit{});
  const auto *enroll = only<tech::Enroll>(t.effects);
  REQUIRE(enroll);
  CHECK(enroll->code == "ZRUD-BMCR-3WNZ");
  CHECK(step(t.state, tech::Submit{}).effects.empty()); // one at a time
  auto refused = step(t.state, tech::EnrollFinished{false, "code used"}).state;
  CHECK(refused.message_key == "tech.enroll.failed");
  CHECK(refused.entry == "ZRUD-BMCR-3WNZ"); // to correct, not retype
  auto done = step(t.state, tech::EnrollFinished{true, "kiosk-1a2b"}).state;
  CHECK(done.message_key == "tech.enroll.done");
  CHECK(done.changed);
}

TEST_CASE("idle technician screens hand the kiosk back to the citizens") {
  auto pad = opened();
  CHECK(step(pad, tech::Tick{}, t0 + 29s).state.screen == tech::Screen::pin);
  auto closed = step(pad, tech::Tick{}, t0 + 30s);
  CHECK(closed.state.screen == tech::Screen::closed);
  CHECK(only<tech::ReturnToService>(closed.effects));
  auto pages = past_pin();
  CHECK(step(pages, tech::Tick{}, t0 + 179s).state.screen == tech::Screen::diagnostics);
  CHECK(step(pages, tech::Tick{}, t0 + 180s).state.screen == tech::Screen::closed);
}

TEST_CASE("five quick taps in the top-left corner make the gesture") {
  CornerGesture g;
  const int side = CornerGesture::corner_side(1920, 1080);
  CHECK(side == 108);
  for (int i = 0; i < 4; ++i)
    CHECK_FALSE(g.tap(10, 10, 1920, 1080, t0 + i * 500ms));
  CHECK(g.tap(side - 1, side - 1, 1920, 1080, t0 + 2s));
  // Too slow: the first taps fall out of the 3 s window.
  for (int i = 0; i < 4; ++i)
    CHECK_FALSE(g.tap(10, 10, 1920, 1080, t0 + 10s + i * 1s));
  CHECK_FALSE(g.tap(10, 10, 1920, 1080, t0 + 14s));
  // A tap elsewhere starts the count again.
  CornerGesture h;
  for (int i = 0; i < 4; ++i)
    h.tap(10, 10, 1920, 1080, t0 + i * 100ms);
  CHECK_FALSE(h.tap(side, 10, 1920, 1080, t0 + 500ms));
  CHECK_FALSE(h.tap(10, 10, 1920, 1080, t0 + 600ms));
}

TEST_CASE(
    "technician screens, every size: buttons inside the window, apart, big enough") {
  std::vector<tech::State> states{opened(), past_pin()};
  states.push_back(step(past_pin(), tech::Show{tech::Screen::settings}).state);
  states.push_back(step(past_pin(), tech::Show{tech::Screen::enroll}).state);
  for (const auto &s : states)
    for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}, {1366, 768}}) {
      CAPTURE(tech::screen_name(s.screen));
      CAPTURE(w);
      const auto l = tech::layout_screen(s, w, h);
      CHECK(l.buttons.size() >= 4);
      const Rect window{0, 0, w, h};
      for (std::size_t i = 0; i < l.buttons.size(); ++i) {
        const auto &b = l.buttons[i];
        CAPTURE(b.id);
        CHECK(b.rect.inside(window));
        CHECK(b.rect.h >= min_button_px(w, h));
        CHECK(b.rect.w >= min_button_px(w, h));
        for (std::size_t j = i + 1; j < l.buttons.size(); ++j)
          CHECK_FALSE(b.rect.overlaps(l.buttons[j].rect));
      }
      // The corner of the gesture stays clear of technician buttons too.
      const int side = CornerGesture::corner_side(w, h);
      CHECK_FALSE(l.at(side / 2, side / 2));
    }
}

TEST_CASE("the diagnostics rows say what is wrong, in the page's language") {
  tech::DiagnosticFacts f;
  f.station_url = "http://10.0.0.2:8080";
  f.station_error = "the station does not answer";
  f.printer_name = "receipt";
  f.printer_state = "Hết giấy";
  f.outbox_depth = 3;
  f.leases = {{"A", 0}, {"B", 4}};
  f.disk_free_mb = 50;
  f.version = "0.1.0";
  f.uptime_seconds = 3 * 3600 + 12 * 60 + 5;
  const auto rows = tech::diagnostic_rows(f, "vi");
  REQUIRE(rows.size() == 9);
  using H = tech::DiagnosticRow::Health;
  CHECK(rows[0].health == H::failed);
  CHECK(rows[0].value == "http://10.0.0.2:8080 — the station does not answer");
  CHECK(rows[1].value == "chưa đăng ký");
  CHECK(rows[2].value == "receipt — Hết giấy");
  CHECK(rows[3].health == H::warning);
  CHECK(rows[4].value == "A: 0, B: 4");
  CHECK(rows[5].health == H::failed); // under 100 MB
  CHECK(rows[7].value == "3 h 12 min");
  CHECK(rows[8].value == "không có");

  f.station_ms = 4;
  f.services = 8;
  f.enrolled = true;
  const auto good = tech::diagnostic_rows(f, "en");
  CHECK(good[0].health == H::ok);
  CHECK(good[0].value == "http://10.0.0.2:8080 — 4 ms, 8 services");
  CHECK(good[1].value == "token present");
  CHECK(tech::uptime_text(2 * 86400 + 3600) == "2 d 1 h");
  CHECK(tech::uptime_text(65) == "1 min 5 s");
}

TEST_CASE("both language files have every technician text") {
  for (const char *language : {"vi", "en"}) {
    auto texts = Texts::load_language(MOTCUA_ASSETS_DIR, language);
    REQUIRE(texts);
    std::vector<std::string> keys;
    for (auto key : tech::text_keys())
      keys.emplace_back(key);
    CHECK(missing_text_keys(*texts, keys).empty());
  }
}

TEST_CASE("the setup wizard checks each step before the next and ends with the files") {
  auto s = step(tech::State{}, tech::StartSetup{"vi"}).state;
  CHECK(s.screen == tech::Screen::setup_language);
  s = step(s, tech::LanguageChosen{"en"}).state;
  CHECK(s.language == "en");
  s = step(s, tech::Submit{}).state;
  REQUIRE(s.screen == tech::Screen::setup_orientation);
  s = step(step(s, tech::OrientationChosen{Orientation::portrait}).state, tech::Submit{})
          .state;
  REQUIRE(s.screen == tech::Screen::setup_station);
  CHECK(s.entry == "http://");
  // An address without a host is refused before any request.
  auto empty = step(s, tech::Submit{});
  CHECK(empty.effects.empty());
  CHECK(empty.state.message_key == "tech.setup.station_missing");
  s = typed(s, "10.0.0.2:8080");
  auto check = step(s, tech::Submit{});
  const auto *c = only<tech::CheckStation>(check.effects);
  REQUIRE(c);
  CHECK(c->url == "http://10.0.0.2:8080");
  CHECK(step(check.state, tech::Submit{}).effects.empty()); // busy
  auto failed =
      step(check.state, tech::StationChecked{false, "connection refused"}).state;
  CHECK(failed.screen == tech::Screen::setup_station);
  CHECK(failed.message_detail == "connection refused");
  s = step(check.state, tech::StationChecked{true, "8 services"}).state;
  REQUIRE(s.screen == tech::Screen::setup_code);
  CHECK(s.setup.station_url == "http://10.0.0.2:8080");

  s = typed(s, "ZRUD-BMCR-3WNZ");
  auto enroll = step(s, tech::Submit{});
  REQUIRE(only<tech::Enroll>(enroll.effects));
  auto enrolled = step(enroll.state, tech::EnrollFinished{true, "kiosk-1"});
  REQUIRE(enrolled.state.screen == tech::Screen::setup_printer);
  CHECK(only<tech::ListQueues>(enrolled.effects));
  s = step(enrolled.state, tech::QueuesListed{{"motcua-raw"}, ""}).state;
  CHECK(step(s, tech::Submit{}).state.message_key == "tech.setup.printer_missing");

  // A network printer added by its address becomes the chosen queue.
  s = step(s, tech::Show{tech::Screen::setup_printer_address}).state;
  s = typed(s, "192.168.1.50");
  auto add = step(s, tech::Submit{});
  const auto *a = only<tech::AddPrinter>(add.effects);
  REQUIRE(a);
  CHECK(a->address == "192.168.1.50");
  s = step(add.state, tech::PrinterAdded{true, "receipt-192-168-1-50", ""}).state;
  CHECK(s.screen == tech::Screen::setup_printer);
  CHECK(s.setup.queue == "receipt-192-168-1-50");
  CHECK(s.setup.queues.size() == 2);
  auto print = step(s, tech::TestPrint{});
  REQUIRE(only<tech::PrintTest>(print.effects));
  s = step(print.state, tech::PrintTested{true, ""}).state;
  CHECK(s.setup.test_printed);

  s = step(s, tech::Submit{}).state;
  REQUIRE(s.screen == tech::Screen::setup_mode);
  s = step(step(s, tech::ModeChosen{KioskMode::departure}).state, tech::Submit{}).state;
  REQUIRE(s.screen == tech::Screen::setup_pin);
  CHECK(step(typed(s, "12"), tech::Submit{}).state.message_key == "tech.pin.too_short");
  auto finish = step(typed(s, "135790"), tech::Submit{});
  const auto *f = only<tech::FinishSetup>(finish.effects);
  REQUIRE(f);
  CHECK(f->station_url == "http://10.0.0.2:8080");
  CHECK(f->queue == "receipt-192-168-1-50");
  CHECK(f->mode == KioskMode::departure);
  CHECK(f->language == "en");
  CHECK(f->pin == "135790");
  CHECK(f->orientation == Orientation::portrait);
  auto done = step(finish.state, tech::SetupFinished{true, ""});
  CHECK(done.state.screen == tech::Screen::closed);
  const auto *back = only<tech::ReturnToService>(done.effects);
  REQUIRE(back);
  CHECK(back->changed);
  // A wizard never times out: nobody else can use an unconfigured kiosk.
  CHECK_FALSE(tech::next_deadline(finish.state));
}

TEST_CASE("setup screens, every size: buttons inside the window, apart, big enough") {
  auto s = step(tech::State{}, tech::StartSetup{"vi"}).state;
  std::vector<tech::State> states{s};
  for (auto screen : {tech::Screen::setup_orientation, tech::Screen::setup_station,
                      tech::Screen::setup_code, tech::Screen::setup_printer,
                      tech::Screen::setup_printer_address, tech::Screen::setup_mode,
                      tech::Screen::setup_pin}) {
    auto t = step(s, tech::Show{screen}).state;
    t.setup.queues = {"motcua-raw", "motcua-ipp", "receipt-192-168-1-50"};
    states.push_back(t);
  }
  for (const auto &st : states)
    for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}, {1366, 768}}) {
      CAPTURE(tech::screen_name(st.screen));
      CAPTURE(w);
      const auto l = tech::layout_screen(st, w, h);
      CHECK(l.buttons.size() >= 2);
      for (std::size_t i = 0; i < l.buttons.size(); ++i) {
        const auto &b = l.buttons[i];
        CAPTURE(b.id);
        CHECK(b.rect.inside(Rect{0, 0, w, h}));
        CHECK(b.rect.h >= min_button_px(w, h));
        CHECK(b.rect.w >= min_button_px(w, h));
        for (std::size_t j = i + 1; j < l.buttons.size(); ++j)
          CHECK_FALSE(b.rect.overlaps(l.buttons[j].rect));
      }
    }
}
