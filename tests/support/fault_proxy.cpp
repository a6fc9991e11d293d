#include "tests/support/fault_proxy.hpp"

#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace motcua::testing {

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_port = htons(static_cast<std::uint16_t>(port));
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return at;
}

// -1 when nobody listens there (the station is down): the client then sees
// its connection closed, as a dead station behind a live router would look.
int connect_to(const std::string &port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  sockaddr_in at = loopback(std::stoi(port));
  if (::connect(fd, reinterpret_cast<sockaddr *>(&at), sizeof at) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const char *data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent <= 0)
      return false;
    data += sent;
    size -= std::size_t(sent);
  }
  return true;
}

} // namespace

FaultProxy::FaultProxy(std::string target_port) : target_port_(std::move(target_port)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0)
    throw std::runtime_error("proxy: no socket");
  int on = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in at = loopback(0);
  if (::bind(listener_, reinterpret_cast<sockaddr *>(&at), sizeof at) != 0 ||
      ::listen(listener_, 64) != 0)
    throw std::runtime_error("proxy: cannot listen on loopback");
  socklen_t size = sizeof at;
  ::getsockname(listener_, reinterpret_cast<sockaddr *>(&at), &size);
  port_ = std::to_string(ntohs(at.sin_port));
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stop_ = true;
  acceptor_.join();
  ::close(listener_);
  std::lock_guard lock(threads_mutex_);
  for (auto &t : threads_)
    t.join();
}

void FaultProxy::set_mode(Mode mode, std::size_t cut_after) {
  cut_after_ = cut_after;
  mode_ = mode;
}

void FaultProxy::accept_loop() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0)
      continue;
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0)
      continue;
    ++accepted_;
    std::lock_guard lock(threads_mutex_);
    threads_.emplace_back([this, client, g = int(generation_)] { forward(client, g); });
  }
}

void FaultProxy::forward(int client, int generation) {
  // A blackhole's new connections go nowhere: the station never hears of them.
  int server = mode_ == Mode::blackhole ? -1 : connect_to(target_port_);
  if (server < 0 && mode_ != Mode::blackhole) {
    ::close(client);
    return;
  }
  std::size_t answered = 0; // answer bytes passed back since cutting began
  char buffer[16384];
  while (!stop_ && generation_ == generation) {
    const Mode mode = mode_;
    // Answers that must not come back stay unread in the kernel's buffer.
    const bool read_answers =
        server >= 0 && mode != Mode::blackhole && mode != Mode::hold_responses;
    pollfd fds[2] = {{client, POLLIN, 0}, {read_answers ? server : -1, POLLIN, 0}};
    if (::poll(fds, 2, 50) <= 0)
      continue;
    if (fds[0].revents) {
      const ssize_t got = ::read(client, buffer, sizeof buffer);
      if (got <= 0)
        break;
      if (mode != Mode::blackhole && server >= 0 &&
          !send_all(server, buffer, std::size_t(got)))
        break;
    }
    if (fds[1].revents) {
      const ssize_t got = ::read(server, buffer, sizeof buffer);
      if (got <= 0)
        break;
      std::size_t size = std::size_t(got);
      if (mode != Mode::cut_responses) {
        answered = 0;
      } else if (answered + size >= cut_after_) {
        send_all(client, buffer, cut_after_ - answered);
        break; // part of an answer, then the line goes dead
      }
      if (!send_all(client, buffer, size))
        break;
      if (mode == Mode::cut_responses)
        answered += size;
    }
  }
  ::close(client);
  if (server >= 0)
    ::close(server);
}

} // namespace motcua::testing
