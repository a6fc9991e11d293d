#include "net/system/systemd_notify.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace motcua {

SystemdNotifier::SystemdNotifier(std::string socket_path,
                                 std::optional<std::chrono::microseconds> watchdog)
    : socket_path_(std::move(socket_path)), watchdog_(watchdog) {}

SystemdNotifier SystemdNotifier::from_environment() {
  const char *socket = std::getenv("NOTIFY_SOCKET");
  std::optional<std::chrono::microseconds> watchdog;
  const char *usec = std::getenv("WATCHDOG_USEC");
  const char *pid = std::getenv("WATCHDOG_PID");
  // WATCHDOG_PID names the process meant; a child that inherited it is not.
  const bool for_us = pid == nullptr || std::strtol(pid, nullptr, 10) == getpid();
  if (usec != nullptr && for_us) {
    const long long value = std::strtoll(usec, nullptr, 10);
    if (value > 0)
      watchdog = std::chrono::microseconds(value);
  }
  return SystemdNotifier(socket ? socket : "", watchdog);
}

std::optional<std::chrono::milliseconds> SystemdNotifier::alive_interval() const {
  if (!watchdog_ || !active())
    return std::nullopt;
  return std::max(std::chrono::milliseconds(1),
                  std::chrono::duration_cast<std::chrono::milliseconds>(*watchdog_ / 2));
}

bool SystemdNotifier::send(const std::string &message) const {
  if (!active() || socket_path_.size() >= sizeof(sockaddr_un::sun_path))
    return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  if (address.sun_path[0] == '@')
    address.sun_path[0] = '\0'; // abstract namespace
  const socklen_t length =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return false;
  const ssize_t sent = sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
                              reinterpret_cast<const sockaddr *>(&address), length);
  close(fd);
  return sent == static_cast<ssize_t>(message.size());
}

} // namespace motcua
