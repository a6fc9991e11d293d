#include "kiosk/shell/subcommand_options.hpp"

namespace motcua::kiosk {

Result<SubcommandOptions> parse_subcommand_options(const std::vector<std::string> &args,
                                                   const std::set<std::string> &known) {
  SubcommandOptions o;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string name = args[i], value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else if (known.count(name)) {
      return unexpected("missing value after " + name);
    }
    if (!known.count(name))
      return unexpected("unknown option " + name);
    if (value.empty())
      return unexpected(name + " must not be empty");
    o[name] = value;
  }
  return o;
}

} // namespace motcua::kiosk
