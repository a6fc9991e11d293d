#pragma once
// Plain POSIX sockets on 127.0.0.1 for tests that must speak raw bytes:
// malformed HTTP, slow clients, listeners that never answer.
#include <chrono>
#include <string>
#include <string_view>

namespace motcua::test {

using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;   // 0 when no complete status line arrived
  std::string head; // status line and headers
  std::string body;
};

class LoopbackSocket {
public:
  explicit LoopbackSocket(unsigned short port); // connects; throws on failure
  ~LoopbackSocket();
  LoopbackSocket(const LoopbackSocket &) = delete;
  LoopbackSocket &operator=(const LoopbackSocket &) = delete;

  bool send(std::string_view bytes); // false when the peer is gone
  // One response with a Content-Length body, or what arrived before the limit.
  RawResponse read_response(std::chrono::milliseconds limit = 5s);
  // The payload of the next WebSocket text frame from a server (after a 101
  // read with read_response); empty when none arrives before the limit.
  std::string read_text_frame(std::chrono::milliseconds limit = 5s);
  // True when the peer closes (EOF or reset) before the limit.
  bool wait_closed(std::chrono::milliseconds limit = 5s);

private:
  bool read_more(std::chrono::steady_clock::time_point deadline); // false: none came
  // Bytes appended to pending_; 0 when the peer closed, -1 at the deadline.
  long receive(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string pending_;
};

// Listens on 127.0.0.1 with a free port and never accepts nor answers.
class SilentListener {
public:
  SilentListener();
  ~SilentListener();
  unsigned short port() const { return port_; }

private:
  int fd_ = -1;
  unsigned short port_ = 0;
};

// A port on 127.0.0.1 with nothing listening (bound once, then released).
unsigned short closed_port();

} // namespace motcua::test
