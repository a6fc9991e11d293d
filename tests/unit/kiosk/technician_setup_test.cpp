// The setup wizard's keyboards, messages and printer choices, and the same
// choices on the settings page: pure, no window. Keys are tapped through the
// layout, as a finger would, so a key missing from the keyboard fails here.
#include "kiosk/app/technician_layout.hpp"
#include "kiosk/app/technician_machine.hpp"
#include "kiosk/app/technician_setup.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = TimePoint{} + 1000h;

tech::Transition step(const tech::State &s, const tech::Event &e) {
  return tech::reduce(s, e, t0);
}

tech::State tap(const tech::State &s, const std::string &id, int w = 1920, int h = 1080) {
  const auto layout = tech::layout_screen(s, w, h);
  const auto *b = layout.find(id);
  REQUIRE_MESSAGE(b, "no button ", id, " on ", tech::screen_name(s.screen));
  REQUIRE_MESSAGE(b->enabled, id, " is disabled");
  return step(s, tech::tap_event(layout, b->rect.center_x(), b->rect.center_y())).state;
}

tech::State type_on_keys(tech::State s, const std::string &text, int w = 1920,
                         int h = 1080) {
  for (char c : text)
    s = tap(s, std::string("key:") + c, w, h);
  return s;
}

tech::State at(tech::Screen screen) {
  auto s = step(tech::State{}, tech::StartSetup{"vi"}).state;
  return step(s, tech::Show{screen}).state;
}

template <typename T> const T *only(const std::vector<tech::Effect> &effects) {
  REQUIRE(effects.size() == 1);
  return std::get_if<T>(&effects.front());
}

} // namespace

TEST_CASE("the address keyboard is QWERTY: digits, then qwertyuiop, asdfghjkl, zxcvbnm") {
  for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}, {1366, 768}}) {
    CAPTURE(w);
    const auto l = tech::layout_screen(at(tech::Screen::setup_station), w, h);
    const std::string rows[] = {"1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm./-"};
    int row_y = -1;
    for (const auto &row : rows) {
      const auto *first = l.find(std::string("key:") + row[0]);
      REQUIRE(first);
      CHECK(first->rect.y > row_y); // each row below the one before
      row_y = first->rect.y;
      int x = -1;
      for (char c : row) {
        const auto *k = l.find(std::string("key:") + c);
        REQUIRE_MESSAGE(k, c);
        CHECK(k->rect.y == row_y); // on its row, left to right
        CHECK(k->rect.x > x);
        x = k->rect.x;
      }
    }
    const auto *erase = l.find("key:erase");
    const auto *dash = l.find("key:-");
    REQUIRE(erase);
    CHECK(erase->rect.y == dash->rect.y);
    CHECK(erase->rect.x > dash->rect.x);
    CHECK(erase->rect.w > dash->rect.w);
  }
}

TEST_CASE("an https address and a host name type on the keyboard and are checked") {
  auto s = at(tech::Screen::setup_station);
  for (int i = 0; i < 7; ++i)
    s = tap(s, "key:erase");
  CHECK(s.entry.empty());
  s = type_on_keys(s, "https://10.0.0.5:8443", 1080, 1920);
  const auto https = step(s, tech::Submit{});
  const auto *check = only<tech::CheckStation>(https.effects);
  REQUIRE(check);
  CHECK(check->url == "https://10.0.0.5:8443");
  s.entry.clear();
  const auto named = step(type_on_keys(s, "http://station.local"), tech::Submit{});
  const auto *named_check = only<tech::CheckStation>(named.effects);
  REQUIRE(named_check);
  CHECK(named_check->url == "http://station.local");
  // A printer address has no '/': its key types nothing and shows so.
  const auto printer =
      tech::layout_screen(at(tech::Screen::setup_printer_address), 1920, 1080);
  CHECK_FALSE(printer.find("key:/")->enabled);
  CHECK(printer.find("key:.")->enabled);
}

TEST_CASE("an edited station address clears the error about the one before") {
  auto s = type_on_keys(at(tech::Screen::setup_station), "127.0.0.1:1");
  s = step(step(s, tech::Submit{}).state, tech::StationChecked{false, "refused"}).state;
  CHECK(s.message_key == "tech.setup.station_failed");
  CHECK(s.message_bad);
  s = tap(s, "key:erase");
  CHECK(s.message_key.empty());
  CHECK(s.message_detail.empty());
  // A key that types nothing changes nothing, so the error stays.
  s = step(step(s, tech::Submit{}).state, tech::StationChecked{false, "refused"}).state;
  CHECK(step(s, tech::Key{'A'}).state.message_key == "tech.setup.station_failed");
  CHECK(type_on_keys(s, "8").message_key.empty());
}

TEST_CASE("a new enrollment code typed after a refusal clears the refusal") {
  tech::Opened o;
  auto s = step(tech::State{}, o).state;
  s = step(step(s, tech::Key{'1'}).state, tech::Key{'2'}).state;
  s = step(step(step(s, tech::Key{'3'}).state, tech::Key{'4'}).state, tech::Submit{})
          .state;
  s = step(s, tech::PinChecked{true, 5, std::nullopt}).state;
  s = type_on_keys(step(s, tech::Show{tech::Screen::enroll}).state, "ZRUD-BMCR");
  s = step(step(s, tech::Submit{}).state, tech::EnrollFinished{false, "used"}).state;
  CHECK(s.message_key == "tech.enroll.failed");
  CHECK(type_on_keys(s, "X").message_key.empty());
}

TEST_CASE("the printer step offers 80 mm and 58 mm paper, used by the test print and the "
          "file") {
  auto s = at(tech::Screen::setup_printer);
  s = step(s, tech::QueuesListed{{"motcua-raw"}, ""}).state;
  auto l = tech::layout_screen(s, 1920, 1080);
  REQUIRE(l.find("paper:80"));
  CHECK(l.find("paper:80")->selected);
  CHECK_FALSE(l.find("paper:58")->selected);
  s = tap(tap(s, "queue:motcua-raw"), "paper:58");
  CHECK(tech::layout_screen(s, 1920, 1080).find("paper:58")->selected);
  const auto printed = step(s, tech::TestPrint{});
  const auto *test = only<tech::PrintTest>(printed.effects);
  REQUIRE(test);
  CHECK(test->paper_width_dots == kPaper58mmDots);
  CHECK(test->queue == "motcua-raw");
  CHECK(step(s, tech::PaperChosen{500}).state.setup.paper_width_dots == kPaper58mmDots);
  s = step(s, tech::Submit{}).state;
  s = step(s, tech::Show{tech::Screen::setup_pin}).state;
  s = step(s, tech::Key{'1'}).state;
  for (char c : std::string("234"))
    s = step(s, tech::Key{c}).state;
  const auto finished = step(s, tech::Submit{});
  const auto *finish = only<tech::FinishSetup>(finished.effects);
  REQUIRE(finish);
  CHECK(finish->paper_width_dots == kPaper58mmDots);
}

TEST_CASE("the settings page changes the paper width, saved only when it changed") {
  tech::Opened o;
  o.paper_width_dots = kPaper58mmDots;
  auto s = step(tech::State{}, o).state;
  for (char c : std::string("1234"))
    s = step(s, tech::Key{c}).state;
  s = step(step(s, tech::Submit{}).state, tech::PinChecked{true, 5, std::nullopt}).state;
  s = step(s, tech::Show{tech::Screen::settings}).state;
  for (auto [w, h] : {std::pair{1920, 1080}, {1080, 1920}, {1366, 768}}) {
    const auto l = tech::layout_screen(s, w, h);
    REQUIRE(l.find("paper:58"));
    CHECK(l.find("paper:58")->selected);
    for (const auto &b : l.buttons) {
      CAPTURE(b.id);
      CHECK(b.rect.inside(Rect{0, 0, w, h}));
      CHECK(b.rect.h >= min_button_px(w, h));
    }
  }
  CHECK(step(s, tech::SaveSettings{}).effects.empty());
  s = tap(s, "paper:80", 1366, 768);
  const auto saved = step(s, tech::SaveSettings{});
  const auto *write = only<tech::WriteSettings>(saved.effects);
  REQUIRE(write);
  CHECK(write->paper_width_dots == kPaper80mmDots);
  CHECK(write->mode == KioskMode::arrival);
}

TEST_CASE("provision's paper widths in millimetres") {
  CHECK(paper_dots_for_mm("80") == 576);
  CHECK(paper_dots_for_mm("58") == 384);
  CHECK_FALSE(paper_dots_for_mm("576"));
  CHECK_FALSE(paper_dots_for_mm(""));
}

TEST_CASE("portrait on a landscape output turns the picture and the touches a quarter") {
  const View turned = view_for(Orientation::portrait, 1920, 1080);
  CHECK(turned == View{1080, 1920, true});
  CHECK(view_for(Orientation::automatic, 1920, 1080) == View{1920, 1080, false});
  CHECK(view_for(Orientation::landscape, 1920, 1080) == View{1920, 1080, false});
  CHECK(view_for(Orientation::portrait, 1080, 1920) == View{1080, 1920, false});
  CHECK(view_for(Orientation::landscape, 1080, 1920) == View{1920, 1080, true});
  // Turned clockwise: the screens' top-left corner is the output's top-right,
  // their bottom-left the output's top-left.
  CHECK(view_to_output(turned, 0, 0) == std::pair{1919, 0});
  CHECK(view_to_output(turned, 0, 1919) == std::pair{0, 0});
  CHECK(view_to_output(turned, 1079, 1919) == std::pair{0, 1079});
  for (auto [x, y] : {std::pair{0, 0}, {100, 1500}, {1079, 1919}, {540, 960}})
    CHECK(output_to_view(turned, view_to_output(turned, x, y).first,
                         view_to_output(turned, x, y).second) == std::pair{x, y});
  CHECK(output_to_view(View{1920, 1080, false}, 5, 7) == std::pair{5, 7});
}

TEST_CASE(
    "the orientation is the wizard's second step and a setting, in the file as a name") {
  auto s = step(tech::State{}, tech::StartSetup{"vi"}).state;
  s = step(s, tech::Submit{}).state;
  REQUIRE(s.screen == tech::Screen::setup_orientation);
  CHECK(tech::setup_step(s.screen) == 2);
  CHECK(tech::layout_screen(s, 1920, 1080).find("orientation:auto")->selected);
  s = tap(s, "orientation:portrait");
  CHECK(s.orientation == Orientation::portrait);
  CHECK(tech::layout_screen(s, 1080, 1920).find("setup:back"));
  s = step(s, tech::Submit{}).state;
  CHECK(s.screen == tech::Screen::setup_station);
  CHECK(s.orientation == Orientation::portrait);

  tech::Opened o;
  o.orientation = Orientation::landscape;
  auto t = step(tech::State{}, o).state;
  for (char c : std::string("1234"))
    t = step(t, tech::Key{c}).state;
  t = step(step(t, tech::Submit{}).state, tech::PinChecked{true, 5, std::nullopt}).state;
  t = step(t, tech::Show{tech::Screen::settings}).state;
  CHECK(tech::layout_screen(t, 1366, 768).find("orientation:landscape")->selected);
  t = tap(t, "orientation:auto", 1366, 768);
  const auto saved = step(t, tech::SaveSettings{});
  const auto *write = only<tech::WriteSettings>(saved.effects);
  REQUIRE(write);
  CHECK(write->orientation == Orientation::automatic);

  const std::string head = R"({"format_version":1,"station_url":"http://s:1",)"
                           R"("printer":{"queue":"q"})";
  auto portrait = parse_kiosk_config(head + R"(,"orientation":"portrait"})", "k.json");
  REQUIRE(portrait);
  CHECK(portrait->orientation == Orientation::portrait);
  CHECK(parse_kiosk_config(head + "}", "k.json")->orientation == Orientation::automatic);
  auto sideways = parse_kiosk_config(head + R"(,"orientation":"sideways"})", "k.json");
  REQUIRE_FALSE(sideways);
  CHECK(sideways.error().field == "orientation");
}
