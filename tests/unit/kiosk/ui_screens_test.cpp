// Draws every screen with SDL's dummy video driver and the software renderer
// in both languages and both orientations, writes the frames to
// <build>/test-output/kiosk/ for people to look at, and compares them with
// the committed golden images (tests/data/golden/kiosk, halved). Run
// scripts/regenerate-goldens after an intended change of the picture.
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/technician_painter.hpp"
#include "kiosk/ui/window.hpp"
#include "tests/unit/kiosk/golden.hpp"
#include "tests/unit/kiosk/sample_states.hpp"
#include "tests/unit/kiosk/technician_samples.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::ui;
namespace fs = std::filesystem;

namespace {

// Anti-aliased text may shift by a shade between library builds; layout or
// text changes move thousands of pixels.
constexpr int kChannelTolerance = 24;
constexpr double kMaxDifferingShare = 0.002;

std::uint32_t argb(Rgb c) {
  return 0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

struct Screens {
  std::unique_ptr<SdlSession> session;
  std::unique_ptr<Window> window;
  std::unique_ptr<TextCache> text;
  std::unique_ptr<ScreenPainter> painter;
  std::unique_ptr<TechnicianPainter> technician;

  Screens(int w, int h) {
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
    std::map<std::string, Texts, std::less<>> texts;
    for (const char *language : {"vi", "en"}) {
      auto l = Texts::load_language(MOTCUA_ASSETS_DIR, language);
      REQUIRE_MESSAGE(l.has_value(), (l ? "" : l.error()));
      texts.emplace(language, l.value());
    }
    painter = std::make_unique<ScreenPainter>(window->renderer(), *text, texts);
    technician = std::make_unique<TechnicianPainter>(window->renderer(), *text, texts);
  }
  ~Screens() {
    technician.reset();
    painter.reset();
    text.reset();
    window.reset();
    session.reset();
  }

  Frame draw(const State &state, std::optional<std::size_t> pressed = std::nullopt) {
    painter->paint(state, window->width(), window->height(), pressed);
    return frame();
  }
  Frame draw(const tech::State &state) {
    technician->paint(state, window->width(), window->height());
    return frame();
  }
  Frame frame() {
    auto frame = read_frame(window->renderer());
    REQUIRE_MESSAGE(frame.has_value(), (frame ? "" : frame.error()));
    SDL_RenderPresent(window->renderer());
    return frame.value();
  }
};

std::size_t count(const Frame &f, std::uint32_t colour) {
  std::size_t n = 0;
  for (auto p : f.pixels)
    n += (p | 0xFF000000u) == colour;
  return n;
}

std::size_t count_in(const Frame &f, const Rect &r, std::uint32_t colour) {
  std::size_t n = 0;
  for (int y = std::max(0, r.y); y < std::min(f.height, r.bottom()); ++y)
    for (int x = std::max(0, r.x); x < std::min(f.width, r.right()); ++x)
      n += (f.pixels[static_cast<std::size_t>(y) * f.width + x] | 0xFF000000u) == colour;
  return n;
}

fs::path output_dir() {
  auto dir = fs::path(MOTCUA_BINARY_DIR) / "test-output" / "kiosk";
  fs::create_directories(dir);
  return dir;
}

bool regenerating() {
  const char *v = std::getenv("MOTCUA_REGENERATE_GOLDENS");
  return v && std::string(v) == "1";
}

// Written for people to look at; compared with its golden image when it has one.
void check_frame(const Frame &frame, const std::string &name, bool has_golden) {
  CHECK(count(frame, argb(theme::background)) < frame.pixels.size() * 97 / 100);
  auto written = golden::write_png(frame, (output_dir() / (name + ".png")).string());
  CHECK_MESSAGE(written.has_value(), (written ? "" : written.error()));
  if (!has_golden)
    return;
  const auto golden_path =
      fs::path(MOTCUA_TEST_DATA_DIR) / "golden" / "kiosk" / (name + ".png");
  const auto half = golden::halve(frame);
  if (regenerating()) {
    auto saved = golden::write_png(half, golden_path.string());
    CHECK_MESSAGE(saved.has_value(), (saved ? "" : saved.error()));
    return;
  }
  auto expected = golden::read_png(golden_path.string());
  REQUIRE_MESSAGE(
      expected.has_value(),
      (expected ? "" : expected.error() + " (scripts/regenerate-goldens makes it)"));
  const auto diff = golden::compare(half, *expected, kChannelTolerance);
  CHECK_MESSAGE(diff.share <= kMaxDifferingShare, name, ": ", diff.differing,
                " pixels differ (largest channel difference ", diff.max_channel,
                "); see ", (output_dir() / (name + ".png")).string());
}

void render_all(int w, int h, const std::string &orientation) {
  Screens screens(w, h);
  for (const std::string language : {"vi", "en"}) {
    for (const auto &sample : samples::all(language)) {
      const std::string name = sample.name + "-" + language + "-" + orientation;
      CAPTURE(name);
      auto frame = screens.draw(sample.state);
      CHECK(frame.width == w);
      CHECK(frame.height == h);
      // Not blank: more than the background shows (check_frame).
      check_frame(frame, name, sample.golden);
    }
  }
}

void render_technician(int w, int h, const std::string &orientation) {
  Screens screens(w, h);
  for (const std::string language : {"vi", "en"})
    for (const auto &sample : technician_samples(language)) {
      const std::string name =
          "technician-" + sample.name + "-" + language + "-" + orientation;
      CAPTURE(name);
      check_frame(screens.draw(sample.state), name, language == "vi");
    }
}

} // namespace

TEST_CASE("every screen matches its golden image, landscape 1920x1080") {
  render_all(1920, 1080, "landscape");
}

TEST_CASE("every screen matches its golden image, portrait 1080x1920") {
  render_all(1080, 1920, "portrait");
}

TEST_CASE("every screen matches its golden image, technician landscape 1920x1080") {
  render_technician(1920, 1080, "landscape");
}

TEST_CASE("every screen matches its golden image, technician portrait 1080x1920") {
  render_technician(1080, 1920, "portrait");
}

TEST_CASE("every screen draws at 1366x768 without a golden image") {
  Screens screens(1366, 768);
  for (const std::string language : {"vi", "en"})
    for (const auto &sample : samples::all(language)) {
      auto frame = screens.draw(sample.state);
      CHECK(count(frame, argb(theme::background)) < frame.pixels.size() * 97 / 100);
      golden::write_png(
          frame,
          (output_dir() / (sample.name + "-" + language + "-1366x768.png")).string());
    }
}

TEST_CASE("the pressed button is drawn pressed in the same frame") {
  Screens screens(1920, 1080);
  auto samples = samples::all("vi");
  const auto &services = samples[1].state;
  REQUIRE(services.screen == Screen::services);
  auto layout = layout_screen(services, 1920, 1080);
  auto a = layout.index_of("service:A");
  REQUIRE(a);
  auto idle = screens.draw(services);
  auto pressed = screens.draw(services, a);
  const Rect r = layout.buttons[*a].rect;
  CHECK(count_in(idle, r, argb(theme::button_pressed)) == 0);
  CHECK(count_in(pressed, r, argb(theme::button_pressed)) > std::size_t(r.w * r.h / 2));
  // A disabled service (E: daily cap) is drawn greyed out.
  const Rect e = layout.find("service:E")->rect;
  CHECK(count_in(idle, e, argb(theme::disabled)) > std::size_t(e.w * e.h / 2));
}

TEST_CASE("the ticket screen shows a large red number and no paper says so") {
  Screens screens(1920, 1080);
  auto samples = samples::all("vi");
  const State *printed = nullptr, *failed = nullptr;
  for (const auto &s : samples) {
    if (s.name == "ticket")
      printed = &s.state;
    if (s.name == "ticket-no-paper")
      failed = &s.state;
  }
  REQUIRE(printed);
  REQUIRE(failed);
  auto frame = screens.draw(*printed);
  CHECK(count(frame, argb(theme::number)) > 20000);
  CHECK(count(frame, argb(theme::ok_text)) > 500);
  auto no_paper = screens.draw(*failed);
  CHECK(count(no_paper, argb(theme::ok_text)) == 0);
  CHECK(count(no_paper, argb(theme::error_text)) > count(frame, argb(theme::error_text)));
  // The full ticket stays: the number is as large as when it printed.
  CHECK(count(no_paper, argb(theme::number)) > 20000);
}

TEST_CASE("redrawing many times does not grow the text cache without bound") {
  Screens screens(1366, 768);
  auto s = samples::all("vi")[5].state;
  REQUIRE(s.ticket);
  for (int i = 0; i < 400; ++i) {
    s.ticket->number = "A" + std::to_string(i); // new text each frame
    screens.draw(s);
  }
  // Trimmed between frames: at most one frame's new text above the budget.
  CHECK(screens.text->entries() <= TextCache::kMaxEntries + 32);
  CHECK(screens.text->bytes() <= TextCache::kMaxBytes + (8u << 20));
  CHECK(screens.text->entries() > 0);
}

TEST_CASE("text drawn every frame stays rendered while new ticket numbers come and go") {
  Screens screens(1366, 768);
  const TextStyle label{40, Weight::bold, theme::text, 0};
  const TextStyle number{300, Weight::bold, theme::number, 0};
  const TextImage *first = screens.text->get("Lấy số thứ tự", label);
  REQUIRE(first != nullptr);
  SDL_Texture *const texture = first->texture;
  std::size_t most = 0;
  for (int i = 0; i < 300; ++i) {
    screens.text->trim(); // a new frame
    const TextImage *again = screens.text->get("Lấy số thứ tự", label);
    REQUIRE(again != nullptr);
    CHECK(again->texture == texture); // not evicted, not rendered again
    screens.text->get("B" + std::to_string(100 + i), number);
    most = std::max(most, screens.text->bytes());
  }
  CHECK(most > TextCache::kMaxBytes); // the numbers did overflow the budget...
  screens.text->trim();
  CHECK(screens.text->bytes() <= TextCache::kMaxBytes); // ...and were evicted
}
