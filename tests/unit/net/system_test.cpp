#include "net/system/atomic_file.hpp"
#include "net/system/install_paths.hpp"
#include "net/system/systemd_notify.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace motcua;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string &name) {
  fs::path dir =
      fs::temp_directory_path() / ("motcua-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A datagram socket standing in for systemd's notification socket.
struct NotifySocket {
  int fd = -1;
  std::string path;
  explicit NotifySocket(const fs::path &dir) {
    path = (dir / "notify").string();
    fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    path.copy(a.sun_path, sizeof a.sun_path - 1);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
    timeval t{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
  }
  ~NotifySocket() { close(fd); }
  std::string receive() const {
    char buffer[256];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  }
};

} // namespace

TEST_CASE("assets come from the environment, then an install beside the program, then "
          "the tree") {
  const fs::path root = fresh_dir("assets");
  fs::create_directories(root / "usr/bin");
  const std::string program = (root / "usr/bin/motcua-kiosk").string();
  CHECK(choose_assets_dir("/opt/assets", program, "/src/assets") == "/opt/assets");
  // Not installed yet: the tree's copy.
  CHECK(choose_assets_dir(nullptr, program, "/src/assets") == "/src/assets");
  CHECK(choose_assets_dir("", program, "/src/assets") == "/src/assets");
  fs::create_directories(root / "usr/share/motcua/i18n");
  CHECK(choose_assets_dir(nullptr, program, "/src/assets") ==
        (root / "usr/bin/../share/motcua").lexically_normal().string());
  CHECK(choose_assets_dir(nullptr, "", "/src/assets") == "/src/assets");
  fs::remove_all(root);
}

TEST_CASE("the notifier says ready and alive on systemd's socket") {
  const fs::path dir = fresh_dir("notify");
  NotifySocket systemd(dir);
  SystemdNotifier notifier(systemd.path, std::chrono::seconds(30));
  CHECK(notifier.active());
  REQUIRE(notifier.alive_interval());
  CHECK(*notifier.alive_interval() == std::chrono::seconds(15));
  CHECK(notifier.ready());
  CHECK(systemd.receive() == "READY=1");
  CHECK(notifier.alive());
  CHECK(systemd.receive() == "WATCHDOG=1");
  CHECK(notifier.status("serving"));
  CHECK(systemd.receive() == "STATUS=serving");
  fs::remove_all(dir);
}

TEST_CASE("without systemd the notifier is inert and a dead socket is reported") {
  SystemdNotifier none("", std::chrono::seconds(10));
  CHECK_FALSE(none.active());
  CHECK_FALSE(none.alive_interval());
  CHECK_FALSE(none.ready());
  const fs::path dir = fresh_dir("notify-gone");
  SystemdNotifier gone((dir / "nobody").string(), std::nullopt);
  CHECK_FALSE(gone.alive_interval());
  CHECK_FALSE(gone.ready());
  fs::remove_all(dir);
}

TEST_CASE("the watchdog applies to the process systemd named only") {
  const fs::path dir = fresh_dir("notify-env");
  NotifySocket systemd(dir);
  setenv("NOTIFY_SOCKET", systemd.path.c_str(), 1);
  setenv("WATCHDOG_USEC", "4000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  auto ours = SystemdNotifier::from_environment();
  REQUIRE(ours.alive_interval());
  CHECK(*ours.alive_interval() == std::chrono::seconds(2));
  CHECK(ours.ready());
  CHECK(systemd.receive() == "READY=1");
  setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1);
  CHECK_FALSE(SystemdNotifier::from_environment().alive_interval());
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
  CHECK_FALSE(SystemdNotifier::from_environment().active());
  fs::remove_all(dir);
}

TEST_CASE("a file written atomically has the mode asked for, whatever the umask") {
  const fs::path dir = fresh_dir("atomic");
  const std::string token = (dir / "kiosk.token").string();
  const mode_t old_mask = umask(0);
  REQUIRE_FALSE(write_file_atomically(token, "secret\n", 0600).has_value());
  umask(old_mask);
  struct stat info {};
  REQUIRE(stat(token.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE_FALSE(write_file_atomically(token, "newer\n", 0600).has_value());
  std::ifstream in(token);
  std::string line;
  std::getline(in, line);
  CHECK(line == "newer");
  // Nothing left beside it, and a folder that is not there is an error, not a crash.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  CHECK(write_file_atomically((dir / "no/such/file").string(), "x").has_value());
  fs::remove_all(dir);
}
