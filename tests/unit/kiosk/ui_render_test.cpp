// Draws the real screens with SDL's dummy video driver and the software
// renderer, and writes them to test-output/ for people to look at.
#include "kiosk/app/screen_machine.hpp"
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/window.hpp"
#include "printer/png_writer.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::ui;

namespace {

std::uint32_t argb(Rgb c) {
  return 0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

struct Screens {
  std::unique_ptr<SdlSession> session;
  std::unique_ptr<Window> window;
  std::unique_ptr<TextCache> text;
  Texts texts;
  std::shared_ptr<const Catalog> catalog;

  Screens(int w, int h, std::string_view language) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    auto s = SdlSession::start();
    REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error()));
    session = std::move(s.value());
    auto win = Window::open({WindowMode::windowed, w, h});
    REQUIRE_MESSAGE(win.has_value(), (win ? "" : win.error()));
    window = std::move(win.value());
    auto t = TextCache::open(window->renderer(),
                             MOTCUA_ASSETS_DIR "/fonts/NotoSans-Regular.ttf",
                             MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
    REQUIRE_MESSAGE(t.has_value(), (t ? "" : t.error()));
    text = std::move(t.value());
    auto l = Texts::load_language(MOTCUA_ASSETS_DIR, language);
    REQUIRE_MESSAGE(l.has_value(), (l ? "" : l.error()));
    texts = l.value();
    auto c = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
    REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().to_string()));
    catalog = std::make_shared<const Catalog>(c.value());
  }
  ~Screens() {
    text.reset();
    window.reset();
    session.reset();
  }

  Frame draw(const State &state, const std::string &name) {
    ScreenPainter painter(window->renderer(), *text, texts);
    painter.paint(state, window->width(), window->height());
    auto frame = read_frame(window->renderer());
    REQUIRE_MESSAGE(frame.has_value(), (frame ? "" : frame.error()));
    const auto dir = std::filesystem::path(MOTCUA_BINARY_DIR) / "test-output";
    std::filesystem::create_directories(dir);
    auto written = printer::write_png_argb(frame->width, frame->height, frame->pixels,
                                           (dir / ("kiosk-" + name + ".png")).string());
    CHECK_MESSAGE(written.has_value(), (written ? "" : written.error()));
    SDL_RenderPresent(window->renderer());
    return frame.value();
  }

  State home() {
    auto t = start(ScreenTimings{});
    return reduce(t.state, CatalogLoaded{catalog}, TimePoint{}).state;
  }
  State ticket(PrintStatus print) {
    auto s = reduce(home(), ServiceTapped{"D", "k"}, TimePoint{}).state;
    Ticket t;
    t.number = "D015";
    t.service_id = "D";
    t.issued_at = "2026-05-12T08:15:03+07:00";
    t.people_ahead = 5;
    t.estimated_wait_minutes = 20;
    s = reduce(s, TicketIssued{t}, TimePoint{}).state;
    if (print != PrintStatus::printing)
      s = reduce(s, PrintFinished{"D015", print == PrintStatus::printed, ""}, TimePoint{})
              .state;
    return s;
  }
};

std::size_t count(const Frame &f, std::uint32_t colour) {
  std::size_t n = 0;
  for (auto p : f.pixels)
    n += (p | 0xFF000000u) == colour;
  return n;
}

std::uint32_t at(const Frame &f, int x, int y) {
  return f.pixels[static_cast<std::size_t>(y) * f.width + x] | 0xFF000000u;
}

// Rows that hold at least one pixel of the colour: the height of what is drawn in it.
int rows_with(const Frame &f, std::uint32_t colour) {
  int rows = 0;
  for (int y = 0; y < f.height; ++y)
    for (int x = 0; x < f.width; ++x)
      if (at(f, x, y) == colour) {
        ++rows;
        break;
      }
  return rows;
}

void check_home(Screens &screens, const std::string &name) {
  auto frame = screens.draw(screens.home(), name);
  CHECK(frame.width == screens.window->width());
  CHECK(frame.height == screens.window->height());
  const std::size_t total = frame.pixels.size();
  // Not blank: the band, the buttons and text all show.
  CHECK(count(frame, argb(theme::background)) < total * 9 / 10);
  auto layout =
      layout_home(frame.width, frame.height,
                  std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H"});
  CHECK(at(frame, 2, layout.header.center_y()) == argb(theme::band));
  for (const auto &b : layout.buttons) {
    CAPTURE(b.service_id);
    // Inside the right end of each button is its fill, past its label.
    CHECK(at(frame, b.rect.right() - b.rect.h / 16, b.rect.center_y()) ==
          argb(theme::button));
    // The letter badge: a solid block of its colour inside the button.
    std::size_t badge = 0;
    for (int y = b.rect.y; y < b.rect.bottom(); ++y)
      for (int x = b.rect.x; x < b.rect.right(); ++x)
        badge += at(frame, x, y) == argb(theme::badge);
    CHECK(badge > static_cast<std::size_t>(b.rect.h * b.rect.h) / 12);
  }
  // Label text drawn in the label colour somewhere.
  CHECK(count(frame, argb(theme::button_text)) > 1000);
}

} // namespace

TEST_CASE("the home screen draws the title band and every service button, landscape") {
  Screens screens(1920, 1080, "vi");
  check_home(screens, "home-1920x1080");
}

TEST_CASE("the home screen draws every service button, portrait and small") {
  {
    Screens screens(1080, 1920, "vi");
    check_home(screens, "home-1080x1920");
  }
  {
    Screens screens(1366, 768, "en");
    check_home(screens, "home-1366x768-en");
  }
}

TEST_CASE("the ticket screen shows a large red number and the print status") {
  Screens screens(1920, 1080, "vi");
  auto frame = screens.draw(screens.ticket(PrintStatus::printed), "ticket-1920x1080");
  CHECK(frame.width == 1920);
  CHECK(frame.height == 1080);
  CHECK(count(frame, argb(theme::number)) > 20000);
  CHECK(rows_with(frame, argb(theme::number)) >
        180); // digits about a sixth of the height
  CHECK(count(frame, argb(theme::ok_text)) > 500);

  auto failed =
      screens.draw(screens.ticket(PrintStatus::failed), "ticket-print-failed-1920x1080");
  CHECK(count(failed, argb(theme::ok_text)) == 0);
  CHECK(count(failed, argb(theme::error_text)) > count(frame, argb(theme::error_text)));
}

TEST_CASE("the other screens draw their message") {
  Screens screens(1080, 1920, "vi");
  auto s = screens.home();
  auto portrait_ticket =
      screens.draw(screens.ticket(PrintStatus::printing), "ticket-1080x1920");
  CHECK(count(portrait_ticket, argb(theme::busy_text)) > 500);

  auto issuing = reduce(s, ServiceTapped{"A", "k"}, TimePoint{}).state;
  auto f = screens.draw(issuing, "issuing-1080x1920");
  CHECK(count(f, argb(theme::busy_text)) > 500);

  IssueFailure refused{IssueFailure::Kind::refused, "cap", "Đã hết số hôm nay"};
  auto error = reduce(issuing, TicketFailed{refused}, TimePoint{}).state;
  f = screens.draw(error, "error-1080x1920");
  CHECK(count(f, argb(theme::error_text)) > 500);

  f = screens.draw(start(ScreenTimings{}).state, "connecting-1080x1920");
  CHECK(count(f, argb(theme::busy_text)) > 500);
}

TEST_CASE("redrawing many times does not grow the text cache without bound") {
  Screens screens(1366, 768, "vi");
  ScreenPainter painter(screens.window->renderer(), *screens.text, screens.texts);
  auto s = screens.ticket(PrintStatus::printed);
  for (int i = 0; i < 400; ++i) {
    // A new number each time: new text each frame.
    s.ticket->number = "A" + std::to_string(i);
    painter.paint(s, 1366, 768);
  }
  CHECK(screens.text->entries() <= TextCache::kMaxEntries);
  CHECK(screens.text->entries() > 0);
}
