#include "net/system/install_paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace motcua {

namespace fs = std::filesystem;

std::string choose_assets_dir(const char *environment, const std::string &program_path,
                              const std::string &built_in) {
  if (environment != nullptr && *environment != '\0')
    return environment;
  if (!program_path.empty()) {
    std::error_code ignored;
    const fs::path installed =
        fs::path(program_path).parent_path().parent_path() / "share" / "motcua";
    // i18n is what both programs need: its presence marks a complete install.
    if (fs::is_directory(installed / "i18n", ignored))
      return installed.string();
  }
  return built_in;
}

std::string assets_dir(const std::string &built_in) {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return choose_assets_dir(std::getenv("MOTCUA_ASSETS_DIR"), error ? "" : self.string(),
                           built_in);
}

} // namespace motcua
