#pragma once
// HTTP as the API handler sees it: plain structs, no sockets, no Beast, so
// every route and error can be tested by calling a function.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua::station {

inline constexpr std::size_t kMaxRequestBodyBytes = 16 * 1024;
inline constexpr std::size_t kMaxRequestHeaderBytes = 8 * 1024;

struct ApiRequest {
  std::string method; // "GET", "POST", ... as sent
  std::string target; // "/api/v1/catalog?x=1"
  std::string content_type;
  std::string if_none_match;
  std::string body;
  std::string authorization;  // "Bearer ..." or empty
  std::string remote_address; // the peer's IP address, "127.0.0.1"
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers; // ETag, Allow, ...

  const std::string *header(std::string_view name) const; // case-insensitive
};

// The text with every byte that starts no valid UTF-8 sequence replaced by
// U+FFFD: request bytes quoted in an answer must not make it invalid JSON.
std::string to_valid_utf8(std::string_view text);

// Without the spaces and tabs HTTP allows around a header value's items.
std::string_view trim(std::string_view s);

// Whether If-None-Match ("*" or a comma-separated list of entity tags, weak
// ones too) names `etag`: a 304 then.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// {"error":{"code":...,"message":...}} with the given status.
ApiResponse error_response(int status, std::string code, std::string message);

} // namespace motcua::station
