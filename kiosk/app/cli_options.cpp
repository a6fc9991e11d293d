#include "kiosk/app/cli_options.hpp"

#include <charconv>

namespace motcua::kiosk {

namespace {

bool parse_size(const std::string &s, int &w, int &h) {
  auto x = s.find('x');
  if (x == std::string::npos)
    return false;
  auto number = [](std::string_view part, int &out) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc{} && end == part.data() + part.size() && out >= 200 &&
           out <= 16384;
  };
  std::string_view view(s);
  return number(view.substr(0, x), w) && number(view.substr(x + 1), h);
}

} // namespace

std::string cli_usage() {
  return "usage: motcua-kiosk --config FILE [--windowed] [--size WxH] [--assets DIR]\n"
         "                    [--script FILE]\n"
         "  --config FILE   kiosk settings (JSON, format_version 1)\n"
         "  --windowed      a window instead of the full screen (default 1920x1080)\n"
         "  --size WxH      window size, e.g. 1080x1920; implies --windowed\n"
         "  --assets DIR    fonts and texts (default: /usr/share/motcua when\n"
         "                  installed, else the source tree's assets/)\n"
         "  --script FILE   automation: one command per line, see docs\n"
         "  --help          this text\n";
}

Result<CliOptions> parse_cli(const std::vector<std::string> &args,
                             const std::string &default_assets_dir) {
  CliOptions o;
  o.assets_dir = default_assets_dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    auto value = [&](std::string &out) -> bool {
      if (i + 1 >= args.size())
        return false;
      out = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--windowed") {
      o.windowed = true;
    } else if (a == "--config") {
      if (!value(o.config_path))
        return unexpected(std::string("--config needs a FILE"));
    } else if (a == "--assets") {
      if (!value(o.assets_dir))
        return unexpected(std::string("--assets needs a DIR"));
    } else if (a == "--script") {
      if (!value(o.script_path))
        return unexpected(std::string("--script needs a FILE"));
    } else if (a == "--size") {
      std::string size;
      if (!value(size) || !parse_size(size, o.width, o.height))
        return unexpected(
            std::string("--size needs WxH, e.g. 1920x1080 (200 to 16384 each)"));
      o.windowed = true;
    } else {
      return unexpected("unknown option " + a);
    }
  }
  if (!o.help && o.config_path.empty())
    return unexpected(std::string("--config FILE is required"));
  return o;
}

} // namespace motcua::kiosk
