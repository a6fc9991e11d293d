#pragma once
// The two things a service tells systemd (sd_notify(3)): "ready" once it
// serves, and "still alive" within the watchdog interval. Written by hand
// (a datagram to $NOTIFY_SOCKET) rather than linking libsystemd, so the
// programs run the same with or without systemd.
#include <chrono>
#include <optional>
#include <string>

namespace motcua {

class SystemdNotifier {
public:
  // From $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID; inert when
  // systemd did not start this process.
  static SystemdNotifier from_environment();
  SystemdNotifier(std::string socket_path,
                  std::optional<std::chrono::microseconds> watchdog);

  bool active() const { return !socket_path_.empty(); }
  // How often to call alive(): half the watchdog interval, as systemd advises;
  // nullopt when no watchdog is set.
  std::optional<std::chrono::milliseconds> alive_interval() const;

  bool ready() const { return send("READY=1"); }
  bool alive() const { return send("WATCHDOG=1"); }
  bool stopping() const { return send("STOPPING=1"); }
  bool status(const std::string &text) const { return send("STATUS=" + text); }

  // Sends one notification; false when inert or the socket refused it.
  bool send(const std::string &message) const;

private:
  std::string socket_path_; // "@name" is an abstract socket
  std::optional<std::chrono::microseconds> watchdog_;
};

} // namespace motcua
