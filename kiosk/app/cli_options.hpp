#pragma once
// The motcua-kiosk command line.
#include "net/protocol/result.hpp"

#include <string>
#include <vector>

namespace motcua::kiosk {

struct CliOptions {
  std::string config_path; // --config FILE (required)
  bool windowed = false;   // --windowed
  int width = 1920;        // --size WxH (implies --windowed)
  int height = 1080;
  std::string assets_dir;  // --assets DIR
  std::string script_path; // --script FILE
  bool help = false;       // --help
};

// `default_assets_dir` is the folder baked in at build time.
Result<CliOptions> parse_cli(const std::vector<std::string> &args,
                             const std::string &default_assets_dir);
std::string cli_usage();

} // namespace motcua::kiosk
