#include "kiosk/app/layout.hpp"
#include "tests/unit/kiosk/sample_states.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace motcua::kiosk;

namespace {

struct Size {
  int w, h;
};
const Size kSizes[] = {{1920, 1080}, {1080, 1920}, {1366, 768}};

} // namespace

TEST_CASE("15 mm on a 21.5-inch screen in pixels") {
  CHECK(min_button_px(1920, 1080) == 61); // 102 dpi
  CHECK(min_button_px(1080, 1920) == 61);
  CHECK(min_button_px(1366, 768) == 44);
}

TEST_CASE("every screen, every size: buttons inside the window, apart, big enough") {
  for (const std::string language : {"vi", "en"})
    for (const auto &sample : samples::all(language))
      for (auto [w, h] : kSizes) {
        CAPTURE(sample.name);
        CAPTURE(w);
        CAPTURE(h);
        const auto l = layout_screen(sample.state, w, h);
        const Rect window{0, 0, w, h};
        for (std::size_t i = 0; i < l.buttons.size(); ++i) {
          const auto &b = l.buttons[i];
          CAPTURE(b.id);
          CHECK(b.rect.inside(window));
          CHECK(b.rect.h >= min_button_px(w, h));
          CHECK(b.rect.w >= min_button_px(w, h));
          const bool in_band =
              b.kind == ButtonKind::language || b.kind == ButtonKind::home;
          CHECK(b.rect.inside(in_band ? l.header : l.body));
          CHECK_FALSE(b.rect.overlaps(l.footer));
          if (in_band)
            CHECK_FALSE(b.rect.overlaps(l.title));
          for (std::size_t j = i + 1; j < l.buttons.size(); ++j)
            CHECK_FALSE(b.rect.overlaps(l.buttons[j].rect));
          // Hit-testing finds each button at its centre and just inside its corners.
          CHECK(button_at(l, b.rect.center_x(), b.rect.center_y()) == i);
          CHECK(button_at(l, b.rect.x, b.rect.y) == i);
          CHECK(button_at(l, b.rect.right() - 1, b.rect.bottom() - 1) == i);
          CHECK(l.find(b.id) == &b);
        }
        CHECK(l.prompt.bottom() <= l.body.y);
        CHECK(l.body.bottom() <= l.footer.y);
        CHECK(l.footer.inside(window));
      }
}

TEST_CASE("the services screen has a button per service, two columns") {
  auto samples = samples::all("vi");
  const auto &s = samples[1];
  REQUIRE(s.name == "services");
  auto l = layout_screen(s.state, 1920, 1080);
  for (const std::string id : {"A", "B", "C", "D", "E", "F", "G", "H"})
    CHECK(l.find("service:" + id));
  CHECK(l.find("service:A")->rect.y == l.find("service:B")->rect.y);
  CHECK(l.find("service:A")->rect.x < l.find("service:B")->rect.x);
  CHECK_FALSE(l.find("service:E")->enabled); // refused today
  CHECK(l.find("language"));
  CHECK(l.find("home")); // both mode: services is not home
}

TEST_CASE("a tap sends the enabled button's event, anything else is a plain touch") {
  auto samples = samples::all("vi");
  auto l = layout_screen(samples[1].state, 1080, 1920);
  const auto &a = l.find("service:A")->rect;
  auto e = tap_event(l, a.center_x(), a.center_y());
  REQUIRE(std::holds_alternative<ServiceTapped>(e));
  CHECK(std::get<ServiceTapped>(e).service_id == "A");
  const auto &closed = l.find("service:E")->rect;
  CHECK(std::holds_alternative<ScreenTapped>(
      tap_event(l, closed.center_x(), closed.center_y())));
  CHECK(std::holds_alternative<ScreenTapped>(tap_event(l, 1, 1919)));
}

TEST_CASE("faces: a row in landscape, a column in portrait") {
  State s = samples::all("vi")[0].state;
  s = reduce(s, DepartureChosen{}, TimePoint{}).state;
  auto land = layout_screen(s, 1920, 1080);
  auto port = layout_screen(s, 1080, 1920);
  auto first = [](const ScreenLayout &l) { return l.find("level:very_satisfied")->rect; };
  auto last = [](const ScreenLayout &l) { return l.find("level:dissatisfied")->rect; };
  CHECK(first(land).y == last(land).y);
  CHECK(first(land).x < last(land).x);
  CHECK(first(port).x == last(port).x);
  CHECK(first(port).y < last(port).y);
}

TEST_CASE("the keypad's confirm key is enabled only for a valid number") {
  auto samples = samples::all("vi");
  const State *keypad = nullptr;
  for (const auto &s : samples)
    if (s.name == "keypad")
      keypad = &s.state;
  REQUIRE(keypad);
  CHECK(layout_screen(*keypad, 1920, 1080).find("ok")->enabled);
  State empty = *keypad;
  empty.entry.clear();
  auto l = layout_screen(empty, 1920, 1080);
  CHECK_FALSE(l.find("ok")->enabled);
  for (const std::string key : {"key:A", "key:H", "key:0", "key:9", "key:erase", "skip"})
    CHECK(l.find(key));
}
