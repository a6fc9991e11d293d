#include "kiosk/ui/theme.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk::ui;

TEST_CASE("contrast ratio matches the WCAG reference values") {
  CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
  CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
  CHECK(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}) ==
        doctest::Approx(4.48).epsilon(0.01));
}

TEST_CASE("every text colour reads on its background at 4.5:1 or better") {
  struct Pair {
    const char *what;
    Rgb text;
    Rgb background;
  };
  const Pair pairs[] = {
      {"body text", theme::text, theme::background},
      {"muted text", theme::muted_text, theme::background},
      {"band title", theme::band_text, theme::band},
      {"band station name", theme::band_subtext, theme::band},
      {"button label", theme::button_text, theme::button},
      {"badge letter", theme::badge_text, theme::badge},
      {"ticket number", theme::number, theme::background},
      {"printed", theme::ok_text, theme::background},
      {"printing", theme::busy_text, theme::background},
      {"error", theme::error_text, theme::background},
  };
  for (const auto &p : pairs)
    CHECK_MESSAGE(contrast_ratio(p.text, p.background) >= 4.5, p.what);
}
