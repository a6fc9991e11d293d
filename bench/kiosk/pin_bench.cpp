// What the technician PIN's slow hash costs: one check (PBKDF2-HMAC-SHA256,
// the iterations the kiosk uses) on this machine, the wait a technician feels
// after OK, and how long trying every 4-digit PIN against a stolen
// technician-pin.json would take on one such core.
//   pin_bench [CHECKS]   (default 20)
#include "kiosk/app/technician_pin.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

using namespace motcua::kiosk;

int main(int argc, char **argv) {
  const int checks = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const auto record = make_pin_record("2468");
  std::vector<double> ms;
  for (int i = 0; i < checks; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto check = check_pin(record, i % 2 ? "2468" : "1357", 1'800'000'000'000);
    const auto t1 = std::chrono::steady_clock::now();
    if ((check.outcome == PinCheck::Outcome::accepted) != (i % 2 == 1))
      return 1;
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  const double p50 = ms[ms.size() / 2];
  std::cout << "PIN check (PBKDF2-HMAC-SHA256, " << record.iterations << " iterations), "
            << checks << " checks: p50 " << p50 << " ms, max " << ms.back() << " ms\n"
            << "all 10,000 four-digit PINs on one core: " << p50 * 10000 / 60000
            << " min\n";
}
