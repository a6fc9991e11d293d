#include "tests/support/printers.hpp"

#include "tests/support/process.hpp"

#include <filesystem>
#include <stdexcept>
#include <thread>

namespace motcua::testing {

std::map<std::string, std::string> printers_env() {
  auto env = read_env_file(MOTCUA_TEST_PRINTERS_DIR "/printers.env");
  if (!env.count("CUPS_SERVER") || !env.count("MOTCUA_LISTENER_DIR"))
    throw std::runtime_error("no " MOTCUA_TEST_PRINTERS_DIR
                             "/printers.env: the printers fixture did not run");
  return env;
}

std::string wait_for_job_with_bytes(const std::string &listener_dir,
                                    const std::vector<std::uint8_t> &bytes,
                                    std::chrono::milliseconds deadline) {
  std::string wanted(bytes.begin(), bytes.end());
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    for (const auto &entry : std::filesystem::directory_iterator(listener_dir))
      if (entry.path().extension() == ".bin" && read_file(entry.path()) == wanted)
        return entry.path().string();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {};
}

} // namespace motcua::testing
