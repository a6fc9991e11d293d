#pragma once
// The call-out ("Xin mời số thứ tự A015 đến quầy số 2") as speech, for display
// boards whose browser has no Vietnamese voice: espeak-ng's Vietnamese voice
// renders a WAV. One short child process per new text, bounded in time and
// in number; recent texts are answered from memory (each call-out is played
// several times, by every board).
#include "net/protocol/result.hpp"

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <utility>

namespace motcua::station {

struct CalloutVoiceOptions {
  std::string program = "espeak-ng"; // looked up in PATH unless it has a '/'
  std::string voice = "vi";
  std::chrono::milliseconds timeout{5000}; // then the child is killed (by its pid)
  std::size_t max_text_bytes = 200;
  std::size_t max_wav_bytes = 4 * 1024 * 1024;
  int max_running = 2;         // renders at once; more are refused (503)
  std::size_t cache_size = 32; // texts kept
};

struct CalloutError {
  int status = 500; // 400 bad text, 503 busy or no espeak-ng, 500 it failed
  std::string code;
  std::string message;
};

class CalloutVoice {
public:
  explicit CalloutVoice(CalloutVoiceOptions options = {});

  // The WAV bytes of `text` (UTF-8, no control characters).
  Result<std::string, CalloutError> render(const std::string &text);

private:
  Result<std::string, CalloutError> run_program(const std::string &text);

  CalloutVoiceOptions options_;
  std::mutex mutex_;
  int running_ = 0;
  std::list<std::pair<std::string, std::string>> cache_; // most recent first
};

} // namespace motcua::station
