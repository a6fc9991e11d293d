// motcua-test-kiosk: a headless kiosk process for the fault tests and the bad
// day, so that a test can kill -9 a kiosk at any instant. It runs the
// kiosk's sync pieces (SyncKiosk) and taps and rates at a steady pace until
// its workload is done, then keeps pumping until SIGTERM. Whatever it already
// did survives its restarts: ratings are counted in its journal, tickets on
// its "paper" (one line per printed ticket, appended).
//
//   motcua-test-kiosk --journal J --paper P --station PORT [--tickets N]
//       [--ratings N] [--services A,B] [--fallback-ms 800] [--pace-ms 20]
//       [--lease-block 6] [--refill-below 3]
//
// Paper lines: "<number> <online|lease> <issued_at>". Stdout: one line per
// action and "idle unsent=<n>" every second once the workload is done.
#include "tests/support/sync_kiosk.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

volatile std::sig_atomic_t g_stop = 0;

int count_lines(const std::string &path) {
  std::ifstream in(path);
  int n = 0;
  for (std::string line; std::getline(in, line);)
    n += !line.empty();
  return n;
}

std::vector<std::string> split(const std::string &text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    out.push_back(part);
  return out;
}

} // namespace

int main(int argc, char **argv) {
  std::map<std::string, std::string> args{
      {"--tickets", "0"},       {"--ratings", "0"},  {"--services", "A,B"},
      {"--fallback-ms", "800"}, {"--pace-ms", "20"}, {"--lease-block", "6"},
      {"--refill-below", "3"}};
  for (int i = 1; i + 1 < argc; i += 2)
    args[argv[i]] = argv[i + 1];
  for (const char *required : {"--journal", "--paper", "--station"})
    if (!args.count(required)) {
      std::cerr << "motcua-test-kiosk: " << required << " is required\n";
      return 2;
    }
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  std::signal(SIGINT, [](int) { g_stop = 1; });

  SyncKioskOptions options;
  options.fallback = std::chrono::milliseconds(std::stoi(args["--fallback-ms"]));
  options.services = split(args["--services"]);
  options.lease_block = std::stoi(args["--lease-block"]);
  options.refill_below = std::stoi(args["--refill-below"]);
  const auto pace = std::chrono::milliseconds(std::stoi(args["--pace-ms"]));
  try {
    SyncKiosk kiosk(args["--journal"], {"127.0.0.1", args["--station"]}, options);
    const auto counts = kiosk.journal().counts();
    if (!counts) {
      std::cerr << "journal: " << counts.error().message << "\n";
      return 1;
    }
    int rated =
        int(counts->unsent_ratings + counts->sent_ratings + counts->rejected_ratings);
    int printed = count_lines(args["--paper"]);
    const int tickets = std::stoi(args["--tickets"]),
              ratings = std::stoi(args["--ratings"]);
    std::cout << "start printed=" << printed << " rated=" << rated << std::endl;
    std::ofstream paper(args["--paper"], std::ios::app);
    std::size_t next_service = std::size_t(printed);
    auto idle_said = std::chrono::steady_clock::now();
    while (!g_stop) {
      kiosk.pump();
      const bool tap_turn = printed < tickets && (rated >= ratings || printed <= rated);
      if (tap_turn) {
        const auto &service = options.services[next_service % options.services.size()];
        const auto ticket = kiosk.tap(service);
        if (ticket.number.empty()) {
          // No answer and no lease left: the citizen is told so and tries again.
          std::cout << "no number for " << service << std::endl;
        } else {
          ++next_service;
          ++printed;
          paper << ticket.number << (ticket.offline ? " lease " : " online ")
                << ticket.issued_at << "\n"
                << std::flush;
          std::cout << "printed " << ticket.number
                    << (ticket.offline ? " lease" : " online") << " in "
                    << ticket.took.count() << " us" << std::endl;
        }
      } else if (rated < ratings) {
        std::cout << "rated " << kiosk.rate("satisfied") << std::endl;
        ++rated;
      } else if (std::chrono::steady_clock::now() - idle_said > 1s) {
        idle_said = std::chrono::steady_clock::now();
        std::cout << "idle unsent=" << kiosk.unsent() << std::endl;
      }
      std::this_thread::sleep_for(printed < tickets || rated < ratings ? pace : 10ms);
    }
    for (const auto &line : kiosk.log)
      if (line.find("refused") != std::string::npos)
        std::cout << "log: " << line << "\n";
  } catch (const std::exception &e) {
    std::cerr << "motcua-test-kiosk: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
