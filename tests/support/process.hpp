#pragma once
// Real processes for integration tests: started with posix_spawn, stopped by
// their pid (never by name), never outliving the test that started them.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace motcua::testing {

class ChildProcess {
public:
  // argv[0] is the program path. `env` entries are added to (or replace in)
  // this process's environment. stdout and stderr go to `log_path`.
  ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env,
               const std::string &log_path);
  ~ChildProcess(); // SIGKILLs the child if it still runs, and reaps it
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void kill_hard(); // SIGKILL: a power cut for the process
  void terminate(); // SIGTERM
  // The exit status (or 128 + signal), or nothing if still running at the deadline.
  std::optional<int> wait_for(std::chrono::milliseconds deadline);

private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// The environment motcua-kiosk runs headless in: SDL's dummy video and audio
// drivers and the software renderer.
std::map<std::string, std::string> headless_sdl_env();

// A program run to its end, with what it wrote.
struct ProgramRun {
  int status = -1; // -1: still running at the deadline (then killed)
  std::string output;
};
// Runs `argv` to its end (stdout and stderr into `log_path`, `env` added to
// this process's environment), at most `deadline`.
ProgramRun run_program(std::vector<std::string> argv, const std::string &log_path,
                       std::map<std::string, std::string> env = {},
                       std::chrono::milliseconds deadline = std::chrono::seconds(60));

std::string read_file(const std::string &path);
// Polls `path` until it exists and is non-empty; returns its content or "".
std::string wait_for_file(const std::string &path, std::chrono::milliseconds deadline);
// A fresh empty folder under the build tree, named after the test.
std::string fresh_dir(const std::string &name);
// KEY=VALUE lines (with or without `export `), as written by scripts/printers.
std::map<std::string, std::string> read_env_file(const std::string &path);

} // namespace motcua::testing
