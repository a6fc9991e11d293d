#include "kiosk/ui/input.hpp"

#include <SDL2/SDL_touch.h>
#include <doctest/doctest.h>

using namespace motcua::kiosk::ui;

namespace {

SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.fingerId = id;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return e;
}

SDL_Event mouse(Uint32 type, int x, int y, Uint32 which = 0,
                Uint8 button = SDL_BUTTON_LEFT) {
  SDL_Event e{};
  e.type = type;
  e.button.which = which;
  e.button.button = button;
  e.button.x = x;
  e.button.y = y;
  return e;
}

} // namespace

using Phase = Touch::Phase;

bool is(const std::optional<Touch> &t, Phase phase) { return t && t->phase == phase; }

TEST_CASE("a finger down and up is a press then a tap at the release point in pixels") {
  TapInput input;
  auto down = input.handle(finger(SDL_FINGERDOWN, 7, 0.25f, 0.5f), 1920, 1080);
  REQUIRE(is(down, Phase::down));
  CHECK(down->x == 480);
  auto tap = input.handle(finger(SDL_FINGERUP, 7, 0.25f, 0.5f), 1920, 1080);
  REQUIRE(is(tap, Phase::up));
  CHECK(tap->x == 480);
  CHECK(tap->y == 540);
}

TEST_CASE("a second finger (a palm) cancels the press until every finger is up") {
  TapInput input;
  CHECK(is(input.handle(finger(SDL_FINGERDOWN, 1, 0.1f, 0.1f), 1000, 1000), Phase::down));
  CHECK(is(input.handle(finger(SDL_FINGERDOWN, 2, 0.9f, 0.9f), 1000, 1000),
           Phase::cancelled));
  CHECK_FALSE(input.handle(finger(SDL_FINGERDOWN, 3, 0.5f, 0.5f), 1000, 1000));
  CHECK_FALSE(input.handle(finger(SDL_FINGERUP, 2, 0.9f, 0.9f), 1000, 1000));
  CHECK_FALSE(input.handle(finger(SDL_FINGERUP, 1, 0.1f, 0.1f), 1000, 1000));
  // Finger 3 is still down: still spoiled.
  CHECK_FALSE(input.handle(finger(SDL_FINGERDOWN, 4, 0.5f, 0.5f), 1000, 1000));
  CHECK_FALSE(input.handle(finger(SDL_FINGERUP, 4, 0.5f, 0.5f), 1000, 1000));
  CHECK_FALSE(input.handle(finger(SDL_FINGERUP, 3, 0.5f, 0.5f), 1000, 1000));
  // All up: a new finger works again.
  CHECK(is(input.handle(finger(SDL_FINGERDOWN, 5, 0.5f, 0.5f), 1000, 1000), Phase::down));
  CHECK(is(input.handle(finger(SDL_FINGERUP, 5, 0.5f, 0.5f), 1000, 1000), Phase::up));
}

TEST_CASE("a finger while the mouse is pressed cancels the click") {
  TapInput input;
  CHECK(is(input.handle(mouse(SDL_MOUSEBUTTONDOWN, 10, 20), 100, 100), Phase::down));
  CHECK(is(input.handle(finger(SDL_FINGERDOWN, 1, 0.5f, 0.5f), 100, 100),
           Phase::cancelled));
  CHECK_FALSE(input.handle(mouse(SDL_MOUSEBUTTONUP, 10, 20), 100, 100));
}

TEST_CASE("finger coordinates at the far edge stay inside the window") {
  TapInput input;
  input.handle(finger(SDL_FINGERDOWN, 1, 1.0f, 1.0f), 800, 600);
  auto tap = input.handle(finger(SDL_FINGERUP, 1, 1.0f, 1.0f), 800, 600);
  REQUIRE(is(tap, Phase::up));
  CHECK(tap->x == 799);
  CHECK(tap->y == 599);
}

TEST_CASE("a left click is a tap, other buttons and touch-synthesised clicks are not") {
  TapInput input;
  CHECK(is(input.handle(mouse(SDL_MOUSEBUTTONDOWN, 10, 20), 100, 100), Phase::down));
  auto tap = input.handle(mouse(SDL_MOUSEBUTTONUP, 11, 21), 100, 100);
  REQUIRE(is(tap, Phase::up));
  CHECK(tap->x == 11);
  CHECK(tap->y == 21);

  CHECK_FALSE(
      input.handle(mouse(SDL_MOUSEBUTTONDOWN, 10, 20, 0, SDL_BUTTON_RIGHT), 100, 100));
  CHECK_FALSE(
      input.handle(mouse(SDL_MOUSEBUTTONUP, 10, 20, 0, SDL_BUTTON_RIGHT), 100, 100));

  input.handle(mouse(SDL_MOUSEBUTTONDOWN, 10, 20, SDL_TOUCH_MOUSEID), 100, 100);
  CHECK_FALSE(
      input.handle(mouse(SDL_MOUSEBUTTONUP, 10, 20, SDL_TOUCH_MOUSEID), 100, 100));
  // A release without a press (the press happened before the screen changed) is no tap.
  CHECK_FALSE(input.handle(mouse(SDL_MOUSEBUTTONUP, 10, 20), 100, 100));
}
