#include "tests/support/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace motcua::testing {

ChildProcess::ChildProcess(std::vector<std::string> argv,
                           std::map<std::string, std::string> env,
                           const std::string &log_path) {
  std::map<std::string, std::string> merged;
  for (char **e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos)
      merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (auto &[k, v] : env)
    merged[k] = v;
  std::vector<std::string> env_strings;
  for (auto &[k, v] : merged)
    env_strings.push_back(k + "=" + v);
  std::vector<char *> envp, args;
  for (auto &s : env_strings)
    envp.push_back(s.data());
  envp.push_back(nullptr);
  for (auto &s : argv)
    args.push_back(s.data());
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

ChildProcess::~ChildProcess() {
  if (running()) {
    kill_hard();
    wait_for(std::chrono::seconds(10));
  }
}

bool ChildProcess::running() {
  if (status_)
    return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return r == 0;
}

void ChildProcess::kill_hard() {
  if (running())
    ::kill(pid_, SIGKILL);
}

void ChildProcess::terminate() {
  if (running())
    ::kill(pid_, SIGTERM);
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (running()) {
    if (std::chrono::steady_clock::now() >= until)
      return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return status_;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string wait_for_file(const std::string &path, std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) > 0 && !ec)
      return read_file(path);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

std::string fresh_dir(const std::string &name) {
  auto dir = std::filesystem::path(MOTCUA_BINARY_DIR) / "test-runs" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::map<std::string, std::string> read_env_file(const std::string &path) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("export ", 0) == 0)
      line = line.substr(7);
    auto eq = line.find('=');
    if (eq != std::string::npos && line[0] != '#')
      out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

ProgramRun run_program(std::vector<std::string> argv, const std::string &log_path,
                       std::map<std::string, std::string> env,
                       std::chrono::milliseconds deadline) {
  ChildProcess p(std::move(argv), std::move(env), log_path);
  auto status = p.wait_for(deadline);
  return {status.value_or(-1), read_file(log_path)};
}

std::map<std::string, std::string> headless_sdl_env() {
  return {{"SDL_VIDEODRIVER", "dummy"},
          {"SDL_RENDER_DRIVER", "software"},
          {"SDL_AUDIODRIVER", "dummy"}};
}

} // namespace motcua::testing
