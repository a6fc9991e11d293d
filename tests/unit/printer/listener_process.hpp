#pragma once
// The built motcua-escpos-listener as a child process of one test, stopped by
// its pid.
#include <doctest/doctest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

extern char **environ;

namespace motcua::printer::test {

namespace fs = std::filesystem;

// Polls for a file; generous, since the machine may be busy building.
inline bool wait_for_file(const fs::path &path) {
  for (int i = 0; i < 600; ++i) {
    if (fs::exists(path))
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

inline std::vector<std::uint8_t> read_bytes(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Listener {
public:
  Listener(const fs::path &out, const fs::path &port_file,
           std::vector<std::string> extra_args = {}) {
    std::vector<std::string> args{
        MOTCUA_ESCPOS_LISTENER, "--listen",    "127.0.0.1:0",     "--out",
        out.string(),           "--port-file", port_file.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char *> argv;
    for (auto &a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
    if (!wait_for_file(port_file))
      stop(); // a throwing constructor runs no destructor
    REQUIRE(pid_ > 0);
    const auto text = read_bytes(port_file);
    port_ = std::atoi(std::string(text.begin(), text.end()).c_str()); // never throws
  }
  ~Listener() {
    if (pid_ > 0)
      stop();
  }
  int port() const { return port_; }
  // Returns the exit status.
  int stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

private:
  pid_t pid_ = -1;
  int port_ = 0;
};

} // namespace motcua::printer::test
