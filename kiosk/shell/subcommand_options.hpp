#pragma once
// The options of motcua-kiosk's technician subcommands: "--name VALUE" or
// "--name=VALUE" after the subcommand's name, each from a known set.
#include "net/protocol/result.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace motcua::kiosk {

using SubcommandOptions = std::map<std::string, std::string>;

// `args[0]` is the subcommand; an unknown option, a missing or empty value is
// refused with a message naming it.
Result<SubcommandOptions> parse_subcommand_options(const std::vector<std::string> &args,
                                                   const std::set<std::string> &known);

} // namespace motcua::kiosk
