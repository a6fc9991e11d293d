#include "server/web/callout_voice.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace motcua::station {

namespace {

// Valid UTF-8 without control characters: the text reaches a command line
// (as one argv entry, never through a shell), and a board's number and
// counter need nothing else.
bool plain_text(const std::string &text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = 0;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        return false;
    } else if ((c >> 5) == 0x6) {
      extra = 1;
    } else if ((c >> 4) == 0xe) {
      extra = 2;
    } else if ((c >> 3) == 0x1e) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= text.size())
      return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
        return false;
    i += 1 + extra;
  }
  return true;
}

CalloutError failure(int status, std::string code, std::string message) {
  return CalloutError{status, std::move(code), std::move(message)};
}

} // namespace

CalloutVoice::CalloutVoice(CalloutVoiceOptions options) : options_(std::move(options)) {}

Result<std::string, CalloutError> CalloutVoice::render(const std::string &text) {
  if (text.empty() || text.size() > options_.max_text_bytes || !plain_text(text))
    return unexpected(failure(400, "invalid_text",
                              "text must be 1.." +
                                  std::to_string(options_.max_text_bytes) +
                                  " bytes of UTF-8 without control characters"));
  {
    std::lock_guard lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it)
      if (it->first == text) {
        cache_.splice(cache_.begin(), cache_, it);
        return cache_.front().second;
      }
    if (running_ >= options_.max_running)
      return unexpected(
          failure(503, "voice_busy", "the call-out voice is busy; try again"));
    ++running_;
  }
  auto wav = run_program(text);
  std::lock_guard lock(mutex_);
  --running_;
  if (wav) {
    cache_.emplace_front(text, *wav);
    if (cache_.size() > options_.cache_size)
      cache_.pop_back();
  }
  return wav;
}

Result<std::string, CalloutError> CalloutVoice::run_program(const std::string &text) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    return unexpected(
        failure(500, "voice_failed", std::string("pipe: ") + std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // "--" ends the options: a text starting with '-' stays text.
  std::vector<std::string> argv{options_.program, "-v", options_.voice,
                                "--stdout",       "--", text};
  std::vector<char *> args;
  for (auto &a : argv)
    args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc =
      options_.program.find('/') == std::string::npos
          ? posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ)
          : posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return unexpected(
        failure(503, "voice_unavailable",
                options_.program + " cannot be started: " + std::strerror(rc)));
  }

  std::string wav;
  bool timed_out = false, too_big = false;
  const auto until = std::chrono::steady_clock::now() + options_.timeout;
  char buffer[16384];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break; // EOF: the program is done writing
    wav.append(buffer, static_cast<std::size_t>(n));
    if (wav.size() > options_.max_wav_bytes) {
      too_big = true;
      break;
    }
  }
  ::close(out[0]);
  // Stopped by its own pid, never by name; then always reaped.
  if (timed_out || too_big)
    ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out)
    return unexpected(failure(500, "voice_timeout", options_.program + " took too long"));
  if (too_big)
    return unexpected(failure(500, "voice_failed", "the call-out audio is too long"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return unexpected(failure(WIFEXITED(status) && WEXITSTATUS(status) == 127 ? 503 : 500,
                              "voice_failed", options_.program + " failed"));
  if (wav.size() < 44 || wav.compare(0, 4, "RIFF") != 0)
    return unexpected(failure(500, "voice_failed", options_.program + " wrote no WAV"));
  return wav;
}

} // namespace motcua::station
