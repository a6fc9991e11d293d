// Latency through a real cupsd raw queue, from "the station server answered"
// (the ticket is known) to the job accepted by CUPS and to the bytes at the
// printer. The printer is a TCP listener inside this program, so arrival is
// timed without polling. Target: bytes at the printer ≤ 200 ms p99.
//
// usage: source DIR/printers.env (scripts/printers start DIR LISTENER)
//        print_latency_bench [--count 200] [--width 576|384]
#include "printer/cups_raw_printer.hpp"
#include "printer/escpos.hpp"
#include "printer/sample_receipt.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace motcua::printer;
using Clock = std::chrono::steady_clock;

namespace {

// Accepts connections one at a time and notes when each job's last byte came.
class TimingPrinter {
public:
  TimingPrinter() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        listen(fd_, 8) != 0)
      std::abort();
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~TimingPrinter() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

  // Waits for the next job holding `size` bytes; returns when its first and
  // last bytes arrived.
  bool wait_job(std::size_t size, Clock::time_point &first, Clock::time_point &last) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, std::chrono::seconds(10),
                           [&] { return !jobs_.empty(); }))
      return false;
    const Job job = jobs_.front();
    jobs_.erase(jobs_.begin());
    first = job.first;
    last = job.last;
    return job.bytes == size;
  }

private:
  struct Job {
    std::size_t bytes = 0;
    Clock::time_point first, last;
  };
  void serve() {
    std::vector<char> buffer(64 * 1024);
    for (;;) {
      const int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0)
        return;
      Job job;
      for (;;) {
        const ssize_t n = read(c, buffer.data(), buffer.size());
        if (n <= 0)
          break;
        if (job.bytes == 0)
          job.first = Clock::now();
        job.bytes += static_cast<std::size_t>(n);
        job.last = Clock::now();
      }
      close(c);
      if (job.bytes == 0)
        continue; // CUPS probing the port
      std::lock_guard lock(mutex_);
      jobs_.push_back(job);
      arrived_.notify_all();
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Job> jobs_;
};

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

void report(const char *what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) {
    return v[std::min(v.size() - 1, std::size_t(q * v.size()))];
  };
  std::printf("%-34s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms\n", what, at(0.50),
              at(0.99), v.back());
}

} // namespace

int main(int argc, char **argv) {
  int count = 200, width = kPaper80mmDots;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--count")
      count = std::max(1, std::atoi(argv[i + 1]));
    else if (arg == "--width")
      width = std::atoi(argv[i + 1]);
  }
  const char *server = std::getenv("CUPS_SERVER");
  if (server == nullptr) {
    std::fprintf(stderr, "print_latency_bench: set CUPS_SERVER (source printers.env)\n");
    return 2;
  }
  auto fonts = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  if (!fonts) {
    std::fprintf(stderr, "print_latency_bench: %s\n", fonts.error().c_str());
    return 1;
  }
  auto logo = load_default_logo(MOTCUA_ASSETS_DIR);
  if (!logo) {
    std::fprintf(stderr, "print_latency_bench: %s\n", logo.error().c_str());
    return 1;
  }
  TimingPrinter printer;
  const std::string queue = "motcua-bench-" + std::to_string(getpid());
  const std::string add = "lpadmin -p " + queue +
                          " -E -v 'socket://127.0.0.1:" + std::to_string(printer.port()) +
                          "/?contimeout=5&snmp=false'";
  if (std::system(add.c_str()) != 0) {
    std::fprintf(stderr, "print_latency_bench: lpadmin failed\n");
    return 1;
  }
  std::vector<double> render, accepted, first_byte, last_byte;
  int failures = 0;
  {
    // Deadline 0: "accepted" is when CUPS has the whole document.
    CupsRawPrinter cups({queue, server, 5000, 0});
    for (int i = 0; i < count; ++i) {
      ReceiptContent content = sample_receipt_content(*logo);
      content.number = "B" + std::to_string(100 + i);
      const auto t0 = Clock::now(); // the station server has answered
      auto bytes = encode_escpos(render_receipt(content, **fonts, width));
      const auto t_rendered = Clock::now();
      const std::size_t size = bytes.size();
      std::promise<Clock::time_point> done;
      auto f = done.get_future();
      cups.submit({"Phieu " + content.number, std::move(bytes)}, [&](PrintOutcome o) {
        failures += o.ok ? 0 : 1;
        done.set_value(Clock::now());
      });
      const auto t_accepted = f.get();
      Clock::time_point t_first, t_last;
      if (!printer.wait_job(size, t_first, t_last)) {
        // A queue that delivers nothing will not start to: say so, stop.
        if (++failures >= 3 && accepted.empty()) {
          std::fprintf(stderr, "print_latency_bench: no job reached the printer; see "
                               "the cupsd error_log\n");
          break;
        }
        continue;
      }
      render.push_back(ms(t_rendered - t0));
      accepted.push_back(ms(t_accepted - t0));
      first_byte.push_back(ms(t_first - t0));
      last_byte.push_back(ms(t_last - t0));
    }
  }
  std::system(("lpadmin -x " + queue).c_str());
  std::printf("%d tickets, %d dots wide, %d failures\n", count, width, failures);
  if (render.empty())
    return 1;
  report("render + ESC/POS encode", render);
  report("answer -> job accepted by CUPS", accepted);
  report("answer -> first byte at printer", first_byte);
  report("answer -> last byte at printer", last_byte);
  return failures == 0 ? 0 : 1;
}
