#include "kiosk/app/layout.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace motcua::kiosk;

namespace {

const std::vector<std::string> kEight = {"A", "B", "C", "D", "E", "F", "G", "H"};

void check_layout(int w, int h, const std::vector<std::string> &ids, int min_button_h) {
  CAPTURE(w);
  CAPTURE(h);
  auto layout = layout_home(w, h, ids);
  REQUIRE(layout.buttons.size() == ids.size());
  const Rect window{0, 0, w, h};
  for (std::size_t i = 0; i < layout.buttons.size(); ++i) {
    const auto &b = layout.buttons[i];
    CAPTURE(b.service_id);
    CHECK(b.service_id == ids[i]);
    CHECK(b.rect.x >= layout.metrics.margin);
    CHECK(b.rect.right() <= w - layout.metrics.margin);
    CHECK(b.rect.y > layout.prompt.bottom());
    CHECK(b.rect.bottom() <= h - layout.metrics.margin);
    CHECK(b.rect.h >= min_button_h);
    CHECK(b.rect.w >= b.rect.h); // wide enough for a label beside the letter
    CHECK_FALSE(b.rect.overlaps(layout.header));
    CHECK_FALSE(b.rect.overlaps(layout.prompt));
    for (std::size_t j = i + 1; j < layout.buttons.size(); ++j)
      CHECK_FALSE(b.rect.overlaps(layout.buttons[j].rect));
    // Hit-testing finds each button at its centre and just inside its corners.
    CHECK(hit_test(layout, b.rect.center_x(), b.rect.center_y()) == b.service_id);
    CHECK(hit_test(layout, b.rect.x, b.rect.y) == b.service_id);
    CHECK(hit_test(layout, b.rect.right() - 1, b.rect.bottom() - 1) == b.service_id);
  }
  CHECK(window.contains(layout.header.x, layout.header.y));
  CHECK(layout.header.right() <= w);
  // The gaps, margins and title are not buttons.
  CHECK_FALSE(hit_test(layout, 0, 0).has_value());
  CHECK_FALSE(hit_test(layout, w / 2, layout.header.center_y()).has_value());
  CHECK_FALSE(hit_test(layout, w / 2, layout.buttons[0].rect.center_y()).has_value());
  CHECK_FALSE(hit_test(layout, w - 1, h - 1).has_value());
}

} // namespace

TEST_CASE("landscape 1920x1080: eight big buttons in two columns") {
  check_layout(1920, 1080, kEight, 120);
  auto layout = layout_home(1920, 1080, kEight);
  CHECK(layout.buttons[0].rect.y == layout.buttons[1].rect.y);
  CHECK(layout.buttons[0].rect.x < layout.buttons[1].rect.x);
  CHECK(layout.buttons[2].rect.y > layout.buttons[0].rect.y);
}

TEST_CASE("portrait 1080x1920: eight big buttons in two columns") {
  check_layout(1080, 1920, kEight, 120);
}

TEST_CASE("small landscape 1366x768 still fits every button") {
  check_layout(1366, 768, kEight, 100);
}

TEST_CASE("an odd service count centres the last button") {
  std::vector<std::string> five = {"A", "B", "C", "D", "E"};
  check_layout(1920, 1080, five, 120);
  auto layout = layout_home(1920, 1080, five);
  const auto &last = layout.buttons.back().rect;
  CHECK(std::abs(last.center_x() - 960) <= 1);
}

TEST_CASE("margins scale with the window") {
  auto big = metrics_for(1920, 1080);
  auto small = metrics_for(1366, 768);
  CHECK(big.margin > small.margin);
  CHECK(metrics_for(1080, 1920).margin == big.margin);
}

TEST_CASE("no services: no buttons, nothing to hit") {
  auto layout = layout_home(1920, 1080, {});
  CHECK(layout.buttons.empty());
  CHECK_FALSE(hit_test(layout, 960, 540).has_value());
}
