#include "tests/unit/server/loopback_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <strings.h>

namespace motcua::test {

namespace {

sockaddr_in loopback(unsigned short port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int bound_socket(unsigned short &port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  auto address = loopback(0);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size) != 0)
    throw std::runtime_error("cannot bind 127.0.0.1:0");
  port = ntohs(address.sin_port);
  return fd;
}

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

} // namespace

LoopbackSocket::LoopbackSocket(unsigned short port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  auto address = loopback(port);
  if (fd_ < 0 ||
      ::connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    if (fd_ >= 0)
      ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

LoopbackSocket::~LoopbackSocket() { ::close(fd_); }

bool LoopbackSocket::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

RawResponse LoopbackSocket::read_response(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  RawResponse response;
  auto complete = [&] {
    auto end = pending_.find("\r\n\r\n");
    if (end == std::string::npos)
      return false;
    std::string head = pending_.substr(0, end);
    std::size_t length = 0;
    for (std::size_t at = head.find("\r\n"); at != std::string::npos;
         at = head.find("\r\n", at + 2)) {
      auto line = head.substr(at + 2, head.find("\r\n", at + 2) - at - 2);
      if (line.size() > 15 && strncasecmp(line.c_str(), "content-length:", 15) == 0)
        length = std::strtoul(line.c_str() + 15, nullptr, 10);
    }
    if (pending_.size() < end + 4 + length)
      return false;
    response.head = head;
    response.body = pending_.substr(end + 4, length);
    pending_.erase(0, end + 4 + length);
    if (head.starts_with("HTTP/1.1 ") && head.size() >= 12)
      response.status = std::atoi(head.c_str() + 9);
    return true;
  };
  while (!complete() && read_more(deadline)) {
  }
  return response;
}

std::string LoopbackSocket::read_text_frame(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (true) {
    // A server's frames are unmasked: opcode, then a 7-bit length, or 126 and
    // 16 bits, or 127 and 64 bits.
    if (pending_.size() >= 2) {
      const auto byte = [this](std::size_t i) {
        return static_cast<unsigned char>(pending_[i]);
      };
      const std::size_t short_length = byte(1) & 0x7f;
      const std::size_t header = short_length == 126 ? 4 : short_length == 127 ? 10 : 2;
      if (pending_.size() >= header) {
        std::size_t length = short_length;
        if (header > 2) {
          length = 0;
          for (std::size_t i = 2; i < header; ++i)
            length = (length << 8) | byte(i);
        }
        if (pending_.size() >= header + length) {
          const bool text = (byte(0) & 0x0f) == 1;
          std::string payload = pending_.substr(header, length);
          pending_.erase(0, header + length);
          if (text)
            return payload;
          continue; // a ping or a close: not what the caller waits for
        }
      }
    }
    if (!read_more(deadline))
      return {};
  }
}

bool LoopbackSocket::read_more(std::chrono::steady_clock::time_point deadline) {
  return receive(deadline) > 0;
}

long LoopbackSocket::receive(std::chrono::steady_clock::time_point deadline) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, remaining_ms(deadline)) <= 0)
    return -1;
  char buffer[4096];
  ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0)
    return 0;
  pending_.append(buffer, static_cast<std::size_t>(n));
  return n;
}

bool LoopbackSocket::wait_closed(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (long got; (got = receive(deadline)) != 0;) {
    if (got < 0)
      return false;
    pending_.clear(); // what comes before the close is not looked at
  }
  return true;
}

SilentListener::SilentListener() {
  fd_ = bound_socket(port_);
  if (::listen(fd_, 16) != 0)
    throw std::runtime_error("cannot listen");
}

SilentListener::~SilentListener() { ::close(fd_); }

unsigned short closed_port() {
  unsigned short port = 0;
  ::close(bound_socket(port));
  return port;
}

} // namespace motcua::test
