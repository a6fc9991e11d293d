// Kiosk benchmarks (not tests): full-frame render times with the software
// renderer, and resident memory across many arrival and departure flows.
//   kiosk_bench render [FRAMES]   p50/p99 per window size
//   kiosk_bench flows [N]         RSS after N arrival and N departure flows
// Run with SDL_VIDEODRIVER=dummy; bench/kiosk/run adds the process-level figures.
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/window.hpp"
#include "tests/unit/kiosk/sample_states.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace motcua;
using namespace motcua::kiosk;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Rig {
  std::unique_ptr<ui::SdlSession> session;
  std::unique_ptr<ui::Window> window;
  std::unique_ptr<ui::TextCache> text;
  std::unique_ptr<ui::ScreenPainter> painter;
  Rig(int w, int h) {
    session = std::move(ui::SdlSession::start().value());
    window = std::move(ui::Window::open({ui::WindowMode::windowed, w, h}).value());
    text = std::move(ui::TextCache::open(window->renderer(),
                                         MOTCUA_ASSETS_DIR "/fonts/NotoSans-Regular.ttf",
                                         MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf")
                         .value());
    std::map<std::string, Texts, std::less<>> texts;
    for (const char *l : {"vi", "en"})
      texts.emplace(l, Texts::load_language(MOTCUA_ASSETS_DIR, l).value());
    painter = std::make_unique<ui::ScreenPainter>(window->renderer(), *text, texts);
  }
  ~Rig() {
    painter.reset();
    text.reset();
    window.reset();
    session.reset();
  }
  double frame(const State &s) {
    const auto t0 = Clock::now();
    painter->paint(s, window->width(), window->height());
    SDL_RenderPresent(window->renderer());
    return Ms(Clock::now() - t0).count();
  }
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

// Two figures per window size: a redraw (the same screen again: a countdown
// tick, a pressed button) and a screen change (the next screen of the
// cycle, its text cached unless the cache evicted it meanwhile).
int render(int frames) {
  for (auto [w, h] :
       {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1366, 768}}) {
    Rig rig(w, h);
    auto samples = samples::all("vi");
    std::vector<double> cold, change, redraw;
    for (const auto &s : samples)
      cold.push_back(rig.frame(s.state)); // text rendered and cached now
    std::vector<std::vector<double>> per_screen(samples.size());
    for (int i = 0; i < frames; ++i) {
      const auto screen = static_cast<std::size_t>(i) % samples.size();
      change.push_back(rig.frame(samples[screen].state));
      redraw.push_back(rig.frame(samples[screen].state));
      per_screen[screen].push_back(redraw.back());
    }
    // The slowest screen to redraw (by its median), where a p99 comes from.
    std::size_t slowest = 0;
    for (std::size_t i = 0; i < per_screen.size(); ++i)
      if (percentile(per_screen[i], 0.5) > percentile(per_screen[slowest], 0.5))
        slowest = i;
    std::printf("render %dx%d: redraw p50 %.2f ms p99 %.2f ms; screen change p50 %.2f ms "
                "p99 %.2f ms; first draw of each screen p50 %.2f ms max %.2f ms "
                "(%d frames, %zu screens, slowest redraw %s p50 %.2f ms); text cache %zu "
                "entries, %.1f MiB\n",
                w, h, percentile(redraw, 0.5), percentile(redraw, 0.99),
                percentile(change, 0.5), percentile(change, 0.99), percentile(cold, 0.5),
                percentile(cold, 1.0), frames, samples.size(),
                samples[slowest].name.c_str(), percentile(per_screen[slowest], 0.5),
                rig.text->entries(), static_cast<double>(rig.text->bytes()) / (1 << 20));
  }
  return 0;
}

// One citizen each way, every screen drawn as the kiosk would.
int flows(int n) {
  Rig rig(1920, 1080);
  TimePoint now{std::chrono::seconds(1)};
  auto settings = samples::settings(KioskMode::both);
  State s = start(settings).state;
  s = reduce(s, CatalogLoaded{samples::default_catalog()}, now).state;
  auto apply = [&](const Event &e) {
    now += std::chrono::seconds(7); // past the repeat interval, as real people are
    s = reduce(s, e, now).state;
    rig.frame(s);
  };
  const char *services = "ABCDEFGH";
  auto arrival = [&](int i) {
    apply(ArrivalChosen{});
    apply(ServiceTapped{std::string(1, services[i % 8]), "k" + std::to_string(i)});
    apply(PriorityChosen{std::nullopt});
    Ticket t = samples::ticket_d015();
    t.service_id = std::string(1, services[i % 8]);
    t.number = t.service_id + std::to_string(100 + i % 900);
    apply(TicketIssued{t});
    apply(PrintFinished{t.number, i % 10 != 0, "job"});
    apply(ScreenTapped{});
  };
  auto departure = [&](int i) {
    apply(DepartureChosen{});
    apply(LevelTapped{i % 3 == 0 ? "dissatisfied" : "satisfied"});
    if (s.screen == Screen::reasons) {
      apply(ReasonToggled{"waiting_time"});
      apply(ReasonsDone{true});
    }
    apply(KeypadPressed{services[i % 8]});
    for (char c : std::to_string(100 + i % 900))
      apply(KeypadPressed{c});
    apply(TicketEntryDone{i % 2 == 0});
    apply(ScreenTapped{});
  };
  for (int i = 0; i < 100; ++i) {
    arrival(i);
    departure(i);
  }
  const long warm = rss_kib();
  for (int i = 0; i < n; ++i)
    arrival(i);
  const long after_arrivals = rss_kib();
  for (int i = 0; i < n; ++i)
    departure(i);
  const long after_departures = rss_kib();
  std::printf("rss after 100+100 warm-up flows %ld KiB; after %d arrivals %ld KiB; "
              "after %d departures %ld KiB; text cache %zu entries\n",
              warm, n, after_arrivals, n, after_departures, rig.text->entries());
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  setenv("SDL_VIDEODRIVER", "dummy", 0);
  const std::string mode = argc > 1 ? argv[1] : "render";
  const int n = argc > 2 ? std::atoi(argv[2]) : 0;
  if (mode == "render")
    return render(n > 0 ? n : 500);
  if (mode == "flows")
    return flows(n > 0 ? n : 1000);
  std::cerr << "usage: kiosk_bench render [FRAMES] | flows [N]\n";
  return 2;
}
