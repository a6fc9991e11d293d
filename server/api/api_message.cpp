#include "server/api/api_message.hpp"

#include "net/protocol/ticket.hpp"

#include <strings.h>

namespace motcua::station {

const std::string *ApiResponse::header(std::string_view name) const {
  for (const auto &[key, value] : headers)
    if (key.size() == name.size() &&
        ::strncasecmp(key.data(), name.data(), name.size()) == 0)
      return &value;
  return nullptr;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();
  auto continuation = [&](std::size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t length = 0;
    if (c < 0x80)
      length = 1;
    else if (c >= 0xC2 && c <= 0xDF)
      length = continuation(i + 1) ? 2 : 0;
    else if (c >= 0xE0 && c <= 0xEF) {
      // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
      const bool second_ok =
          i + 1 < n && (c == 0xE0   ? p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF
                        : c == 0xED ? p[i + 1] >= 0x80 && p[i + 1] <= 0x9F
                                    : continuation(i + 1));
      length = second_ok && continuation(i + 2) ? 3 : 0;
    } else if (c >= 0xF0 && c <= 0xF4) {
      // No overlong forms (F0 80..8F) and nothing above U+10FFFF (F4 90..).
      const bool second_ok =
          i + 1 < n && (c == 0xF0   ? p[i + 1] >= 0x90 && p[i + 1] <= 0xBF
                        : c == 0xF4 ? p[i + 1] >= 0x80 && p[i + 1] <= 0x8F
                                    : continuation(i + 1));
      length = second_ok && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    if (length == 0) {
      out += "\xEF\xBF\xBD"; // U+FFFD for each byte that starts no valid sequence
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

ApiResponse error_response(int status, std::string code, std::string message) {
  ApiResponse response;
  response.status = status;
  // Messages may quote the request (its path); the body must stay valid JSON.
  response.body =
      api_error_to_json(ApiError{to_valid_utf8(code), to_valid_utf8(message)});
  return response;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    auto item = trim(if_none_match.substr(0, comma));
    if (item.starts_with("W/"))
      item.remove_prefix(2);
    if (item == "*" || item == etag)
      return true;
    if (comma == std::string_view::npos)
      break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

} // namespace motcua::station
