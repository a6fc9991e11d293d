#include "server/web/query_params.hpp"

namespace motcua::station {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}
} // namespace

std::optional<std::string> percent_decoded(std::string_view text, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (plus_is_space && text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size())
        return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0)
        return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {
// Calls `each(name, value)` for every pair of the target's query, in order,
// both decoded (nullopt: a broken escape; "" for a name without '='), until
// it returns true.
template <typename F> void for_each_pair(std::string_view target, F each) {
  const auto question = target.find('?');
  if (question == std::string_view::npos)
    return;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    const auto value = eq == std::string_view::npos
                           ? std::optional<std::string>("")
                           : percent_decoded(pair.substr(eq + 1), true);
    if (each(percent_decoded(pair.substr(0, eq), true), value))
      return;
    if (amp == std::string_view::npos)
      return;
    query.remove_prefix(amp + 1);
  }
}
} // namespace

std::optional<std::string> query_parameter(std::string_view target,
                                           std::string_view name) {
  std::optional<std::string> found;
  for_each_pair(target, [&](const std::optional<std::string> &key,
                            const std::optional<std::string> &value) {
    if (key != std::string(name))
      return false;
    found = value;
    return true;
  });
  return found;
}

std::optional<std::vector<std::string>> query_parameters(std::string_view target,
                                                         std::string_view name) {
  std::vector<std::string> values;
  bool broken = false;
  for_each_pair(target, [&](const std::optional<std::string> &key,
                            const std::optional<std::string> &value) {
    if (key != std::string(name))
      return false;
    if (!value)
      return broken = true;
    values.push_back(*value);
    return false;
  });
  if (broken)
    return std::nullopt;
  return values;
}

} // namespace motcua::station
