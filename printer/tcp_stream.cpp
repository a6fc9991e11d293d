#include "printer/tcp_stream.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>

namespace motcua::printer {
namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())
          .count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// 1: ready, 0: deadline, -1: error.
int wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = poll(&p, 1, ms_left(deadline));
    if (n < 0 && errno == EINTR)
      continue;
    return n < 0 ? -1 : n;
  }
}

Clock::time_point after(int timeout_ms) {
  return Clock::now() + std::chrono::milliseconds(timeout_ms);
}

} // namespace

Result<HostPort> parse_host_port(const std::string &text, int default_port) {
  HostPort hp{text, default_port};
  std::string port;
  if (text.starts_with("[")) {
    const auto close = text.find(']');
    if (close == std::string::npos)
      return unexpected("unclosed [ in " + text);
    hp.host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':')
        return unexpected("expected :PORT after ] in " + text);
      port = text.substr(close + 2);
    }
  } else if (const auto colon = text.rfind(':');
             colon != std::string::npos && text.find(':') == colon) {
    hp.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (!port.empty()) {
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), hp.port);
    if (ec != std::errc() || p != port.data() + port.size() || hp.port <= 0 ||
        hp.port > 65535)
      return unexpected("not a port number in " + text);
  }
  if (hp.host.empty())
    return unexpected("no host in \"" + text + "\"");
  return hp;
}

Result<TcpStream> TcpStream::connect(const HostPort &to, int timeout_ms) {
  const auto deadline = after(timeout_ms);
  const std::string where = to.host + ":" + std::to_string(to.port);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo *found = nullptr;
  // Name lookup has no timeout of its own; printers are configured by address.
  if (int rc =
          getaddrinfo(to.host.c_str(), std::to_string(to.port).c_str(), &hints, &found);
      rc != 0)
    return unexpected("cannot resolve " + to.host + ": " + gai_strerror(rc));
  std::string error = "no address";
  for (addrinfo *a = found; a != nullptr; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          a->ai_protocol);
    if (fd < 0)
      continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
      const int ready = wait_for(fd, POLLOUT, deadline);
      int so_error = 0;
      socklen_t len = sizeof so_error;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
      if (ready == 1 && so_error == 0) {
        freeaddrinfo(found);
        return TcpStream(fd);
      }
      error = ready == 0 ? "no answer within " + std::to_string(timeout_ms) + " ms"
                         : std::strerror(so_error != 0 ? so_error : errno);
    } else {
      error = std::strerror(errno);
    }
    close(fd);
  }
  freeaddrinfo(found);
  return unexpected("cannot connect to printer at " + where + ": " + error);
}

TcpStream::~TcpStream() {
  if (fd_ >= 0)
    close(fd_);
}

Result<bool> TcpStream::write_all(const std::vector<std::uint8_t> &bytes,
                                  int timeout_ms) {
  const auto deadline = after(timeout_ms);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR)
      return unexpected("sending to the printer failed after " + std::to_string(sent) +
                        " bytes: " + std::strerror(errno));
    if (wait_for(fd_, POLLOUT, deadline) != 1)
      return unexpected("the printer stopped taking data after " + std::to_string(sent) +
                        " of " + std::to_string(bytes.size()) + " bytes");
  }
  return true;
}

Result<std::vector<std::uint8_t>> TcpStream::read_exact(std::size_t count,
                                                        int timeout_ms) {
  const auto deadline = after(timeout_ms);
  std::vector<std::uint8_t> out(count);
  std::size_t got = 0;
  while (got < count) {
    const ssize_t n = recv(fd_, out.data() + got, count - got, 0);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0)
      return unexpected(std::string("the printer closed the connection"));
    if (errno != EAGAIN && errno != EINTR)
      return unexpected(std::string("reading from the printer failed: ") +
                        std::strerror(errno));
    if (wait_for(fd_, POLLIN, deadline) != 1)
      return unexpected("no answer from the printer within " +
                        std::to_string(timeout_ms) + " ms");
  }
  return out;
}

void TcpStream::finish(int timeout_ms) {
  const auto deadline = after(timeout_ms);
  shutdown(fd_, SHUT_WR);
  char sink[256];
  // Printers that keep the connection open are simply left at the deadline.
  while (wait_for(fd_, POLLIN, deadline) == 1) {
    const ssize_t n = recv(fd_, sink, sizeof sink, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
      break;
  }
}

} // namespace motcua::printer
