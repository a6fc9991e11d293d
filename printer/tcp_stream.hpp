#pragma once
// A blocking TCP client with a deadline on every step, for printers spoken to
// directly (port 9100): connect, write, read a few status bytes, close.
#include "net/protocol/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace motcua::printer {

struct HostPort {
  std::string host;
  int port = 9100;
};
// "host:port" or "host" (9100); "[v6]:port".
Result<HostPort> parse_host_port(const std::string &text, int default_port = 9100);

class TcpStream {
public:
  static Result<TcpStream> connect(const HostPort &to, int timeout_ms);
  TcpStream(TcpStream &&other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  TcpStream &operator=(TcpStream &&) = delete;
  ~TcpStream();

  Result<bool> write_all(const std::vector<std::uint8_t> &bytes, int timeout_ms);
  // Exactly `count` bytes, or an error at the deadline or on close.
  Result<std::vector<std::uint8_t>> read_exact(std::size_t count, int timeout_ms);
  // Sends FIN and waits (bounded) for the peer to close, so the bytes are
  // known to be read, not only queued in our kernel.
  void finish(int timeout_ms);

private:
  explicit TcpStream(int fd) : fd_(fd) {}
  int fd_ = -1;
};

} // namespace motcua::printer
