// The turned window on SDL's dummy driver: what is drawn at the screens'
// top-left reaches the output's top-right, and touches come back upright.
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/window.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <cstdlib>

using namespace motcua::kiosk;
using namespace motcua::kiosk::ui;

TEST_CASE("a portrait window on a landscape output turns its frame and its touches") {
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  auto session = SdlSession::start();
  REQUIRE_MESSAGE(session.has_value(), (session ? "" : session.error()));
  {
    auto opened = Window::open({WindowMode::windowed, 320, 180});
    REQUIRE(opened.has_value());
    Window &window = **opened;
    window.set_orientation(Orientation::portrait);
    CHECK(window.width() == 180);
    CHECK(window.height() == 320);

    window.begin_frame();
    SDL_Renderer *r = window.renderer();
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    SDL_SetRenderDrawColor(r, 255, 0, 0, 255);
    const SDL_Rect corner{0, 0, 20, 10}; // the screens' top-left, wider than tall
    SDL_RenderFillRect(r, &corner);
    auto upright = read_frame(r); // what a screenshot saves
    REQUIRE(upright.has_value());
    CHECK(upright->width == 180);
    CHECK(upright->height == 320);
    window.present();

    auto shown = read_frame(r); // the output, after present()
    REQUIRE(shown.has_value());
    REQUIRE(shown->width == 320);
    REQUIRE(shown->height == 180);
    auto at = [&](int x, int y) {
      return shown->pixels[y * shown->width + x] & 0xFFFFFF;
    };
    // Turned a quarter clockwise: 20 across becomes 20 down the right edge.
    CHECK(at(319, 0) == 0xFF0000);
    CHECK(at(311, 19) == 0xFF0000);
    CHECK(at(309, 0) == 0xFFFFFF);
    CHECK(at(319, 21) == 0xFFFFFF);
    CHECK(at(0, 0) == 0xFFFFFF);

    // A finger near the output's top-right touches the screens' top-left.
    SDL_Event touch{};
    touch.type = SDL_FINGERDOWN;
    touch.tfinger.x = 0.99f;
    touch.tfinger.y = 0.02f;
    window.to_view(touch);
    CHECK(touch.tfinger.x == doctest::Approx(0.02f));
    CHECK(touch.tfinger.y == doctest::Approx(0.01f));
    SDL_Event click{};
    click.type = SDL_MOUSEBUTTONUP;
    click.button.x = 319;
    click.button.y = 0;
    window.to_view(click);
    CHECK(click.button.x == 0);
    CHECK(click.button.y == 0);
    CHECK(window.to_output(0, 0) == std::pair{319, 0});

    window.set_orientation(Orientation::automatic);
    CHECK(window.width() == 320);
    window.to_view(click);
    CHECK(click.button.x == 0);
  }
}
