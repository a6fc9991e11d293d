#pragma once
// Query parameters of a request target, as the web pages send them
// (application/x-www-form-urlencoded: '+' is a space, %XX a byte).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::station {

// %XX escapes decoded (and '+' as a space in form encoding); nullopt for a
// broken escape.
std::optional<std::string> percent_decoded(std::string_view text, bool plus_is_space);

// The first value of `name` in "path?a=1&b=x%20y"; nullopt when absent or
// badly escaped. The value is decoded bytes: check it is the UTF-8 you want.
std::optional<std::string> query_parameter(std::string_view target,
                                           std::string_view name);

// Every value of `name`, in order ("?reason=a&reason=b", and a form body
// behind a '?'); nullopt when one is badly escaped.
std::optional<std::vector<std::string>> query_parameters(std::string_view target,
                                                         std::string_view name);

} // namespace motcua::station
