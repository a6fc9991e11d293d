// Both flows end to end from synthesized SDL finger and mouse events: the
// input router turns presses into events on the real layout, the reducer
// answers, and the effects are recorded as an executor double would.
#include "kiosk/ui/input_router.hpp"
#include "tests/unit/kiosk/sample_states.hpp"

#include <SDL2/SDL_touch.h>
#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::ui;
using std::chrono::seconds;

namespace {

struct Kiosk {
  int w, h;
  State state;
  InputRouter router;
  Effects effects;
  TimePoint now{seconds(100)};
  int keys = 0;

  Kiosk(KioskMode mode, int width, int height)
      : w(width), h(height), router([this] { return "key-" + std::to_string(++keys); }) {
    auto t = start(samples::settings(mode));
    state = reduce(t.state, CatalogLoaded{samples::default_catalog()}, now).state;
  }

  void feed(const SDL_Event &e) {
    auto out = router.handle(e, state, w, h);
    if (!out.event)
      return;
    auto t = reduce(state, *out.event, now);
    if (t.state.screen != state.screen)
      router.forget_press();
    state = t.state;
    for (auto &effect : t.effects)
      effects.push_back(effect);
  }
  void result(const Event &e) {
    auto t = reduce(state, e, now);
    state = t.state;
    for (auto &effect : t.effects)
      effects.push_back(effect);
  }

  Rect rect_of(const std::string &id) {
    auto l = layout_screen(state, w, h);
    const Button *b = l.find(id);
    REQUIRE_MESSAGE(b, "no button ", id, " on ", screen_name(state.screen));
    return b->rect;
  }

  void finger(const std::string &id, SDL_FingerID finger_id = 1) {
    const Rect r = rect_of(id);
    SDL_Event e{};
    e.tfinger.fingerId = finger_id;
    e.tfinger.x = (r.center_x() + 0.5f) / float(w);
    e.tfinger.y = (r.center_y() + 0.5f) / float(h);
    e.type = SDL_FINGERDOWN;
    feed(e);
    e.type = SDL_FINGERUP;
    feed(e);
  }

  void click(const std::string &id) {
    const Rect r = rect_of(id);
    SDL_Event e{};
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = r.center_x();
    e.button.y = r.center_y();
    e.type = SDL_MOUSEBUTTONDOWN;
    feed(e);
    e.type = SDL_MOUSEBUTTONUP;
    feed(e);
  }
};

} // namespace

TEST_CASE("arrival by finger, portrait: choice, service, priority skip, ticket, home") {
  Kiosk k(KioskMode::both, 1080, 1920);
  k.finger("arrival");
  CHECK(k.state.screen == Screen::services);
  k.finger("service:C");
  CHECK(k.state.screen == Screen::priority);
  k.finger("priority:none");
  CHECK(k.state.screen == Screen::issuing);
  REQUIRE(k.effects.size() == 1);
  const auto &issue = std::get<IssueTicket>(k.effects[0]);
  CHECK(issue.service_id == "C");
  CHECK(issue.idempotency_key == "key-1");
  CHECK_FALSE(issue.priority_group.has_value());

  auto ticket = samples::ticket_d015();
  ticket.number = "C001";
  ticket.service_id = "C";
  k.result(TicketIssued{ticket});
  CHECK(k.state.screen == Screen::ticket);
  CHECK(std::holds_alternative<PrintTicket>(k.effects.back()));
  // A tap anywhere on the ticket screen goes home.
  SDL_Event e{};
  e.tfinger.fingerId = 9;
  e.tfinger.x = 0.5f;
  e.tfinger.y = 0.5f;
  e.type = SDL_FINGERDOWN;
  k.feed(e);
  e.type = SDL_FINGERUP;
  k.feed(e);
  CHECK(k.state.screen == Screen::home);
}

TEST_CASE("arrival by mouse, landscape, with a priority group and English") {
  Kiosk k(KioskMode::arrival, 1920, 1080);
  k.click("language");
  CHECK(k.state.language == "en");
  k.click("service:A");
  k.click("priority:elderly");
  REQUIRE(k.effects.size() == 1);
  CHECK(std::get<IssueTicket>(k.effects[0]).priority_group ==
        std::optional<std::string>("elderly"));
}

TEST_CASE("departure by finger: unhappy face, reasons, keypad, thanks") {
  Kiosk k(KioskMode::both, 1920, 1080);
  k.finger("departure");
  k.finger("level:dissatisfied");
  CHECK(k.state.screen == Screen::reasons);
  k.finger("reason:waiting_time");
  k.finger("reason:repeat_visits");
  k.finger("send");
  CHECK(k.state.screen == Screen::ticket_entry);
  for (const std::string key : {"key:B", "key:4", "key:2"})
    k.finger(key);
  k.click("ok");
  CHECK(k.state.screen == Screen::thanks);
  REQUIRE(k.effects.size() == 1);
  const auto &r = std::get<SubmitRating>(k.effects[0]).rating;
  CHECK(r.level == "dissatisfied");
  CHECK(r.reasons == std::vector<std::string>{"waiting_time", "repeat_visits"});
  CHECK(r.ticket == std::optional<std::string>("B042"));
}

TEST_CASE("departure by mouse, portrait, five levels, ticket skipped") {
  Kiosk k(KioskMode::departure, 1080, 1920);
  auto settings = k.state.settings;
  settings.rating_levels = 5;
  k.state.settings = settings;
  k.click("level:neutral");
  k.click("skip");
  REQUIRE(k.effects.size() == 1);
  const auto &r = std::get<SubmitRating>(k.effects[0]).rating;
  CHECK(r.level == "neutral");
  CHECK_FALSE(r.ticket.has_value());
}

TEST_CASE("two fingers at once press nothing and sliding off a button cancels it") {
  Kiosk k(KioskMode::arrival, 1920, 1080);
  const Rect a = k.rect_of("service:A"), b = k.rect_of("service:B");
  SDL_Event e{};
  e.type = SDL_FINGERDOWN;
  e.tfinger.fingerId = 1;
  e.tfinger.x = a.center_x() / 1920.0f;
  e.tfinger.y = a.center_y() / 1080.0f;
  k.feed(e);
  CHECK(k.router.pressed().has_value());
  e.tfinger.fingerId = 2;
  e.tfinger.x = b.center_x() / 1920.0f;
  e.tfinger.y = b.center_y() / 1080.0f;
  k.feed(e); // a palm: both fingers down
  CHECK_FALSE(k.router.pressed().has_value());
  e.type = SDL_FINGERUP;
  k.feed(e);
  e.tfinger.fingerId = 1;
  k.feed(e);
  CHECK(k.effects.empty());
  CHECK(k.state.screen == Screen::services);

  // Pressed on A, released on B: neither.
  e.type = SDL_FINGERDOWN;
  e.tfinger.x = a.center_x() / 1920.0f;
  e.tfinger.y = a.center_y() / 1080.0f;
  k.feed(e);
  e.type = SDL_FINGERUP;
  e.tfinger.x = b.center_x() / 1920.0f;
  e.tfinger.y = b.center_y() / 1080.0f;
  k.feed(e);
  CHECK(k.effects.empty());
  CHECK(k.state.screen == Screen::services);
}
