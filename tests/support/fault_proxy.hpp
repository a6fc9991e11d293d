#pragma once
// A TCP proxy on loopback that a test puts between a kiosk and its station
// and turns into a bad network on command: a station that accepts and never
// answers, answers that never come back, answers cut half-way. One thread
// accepts, one thread per connection forwards; all stop with the proxy.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motcua::testing {

class FaultProxy {
public:
  enum class Mode {
    pass,           // forwards both ways
    blackhole,      // accepts, reads, never answers; new connections reach nobody
    hold_responses, // requests reach the station, its answers never come back
    cut_responses,  // requests reach the station, answers stop after `cut_after`
                    // bytes of a connection and the connection closes
  };

  // Listens on 127.0.0.1 on a free port; forwards to 127.0.0.1:`target_port`.
  explicit FaultProxy(std::string target_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy &) = delete;
  FaultProxy &operator=(const FaultProxy &) = delete;

  const std::string &port() const { return port_; }
  // Applies at once, to open connections too.
  void set_mode(Mode mode, std::size_t cut_after = 0);
  Mode mode() const { return mode_; }
  // Closes every open connection (a cable pulled and put back).
  void drop_all() { ++generation_; }
  std::int64_t accepted() const { return accepted_; }

private:
  void accept_loop();
  void forward(int client, int generation);

  std::string target_port_;
  std::string port_;
  int listener_ = -1;
  std::atomic<Mode> mode_{Mode::pass};
  std::atomic<std::size_t> cut_after_{0};
  std::atomic<int> generation_{0};
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> accepted_{0};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

} // namespace motcua::testing
