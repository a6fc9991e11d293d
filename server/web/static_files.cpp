#include "server/web/static_files.hpp"

#include "server/web/query_params.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>
#include <vector>

namespace motcua::station {

namespace fs = std::filesystem;

namespace {

// The pages are a few dozen kilobytes; anything larger under the root is a
// mistake, and reading it whole on a handler thread would be a worse one.
constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;

struct TypeOf {
  std::string_view extension;
  std::string_view type;
};
constexpr std::array kTypes{
    TypeOf{".html", "text/html; charset=utf-8"},
    TypeOf{".css", "text/css; charset=utf-8"},
    TypeOf{".js", "text/javascript; charset=utf-8"},
    TypeOf{".mjs", "text/javascript; charset=utf-8"},
    TypeOf{".json", "application/json"},
    TypeOf{".svg", "image/svg+xml"},
    TypeOf{".png", "image/png"},
    TypeOf{".ico", "image/x-icon"},
    TypeOf{".woff2", "font/woff2"},
    TypeOf{".ttf", "font/ttf"},
    TypeOf{".wav", "audio/wav"},
    TypeOf{".txt", "text/plain; charset=utf-8"},
};

// The path as the browser meant it; nullopt for a broken escape or a NUL
// (which would cut the name short at the system call).
std::optional<std::string> decoded_path(std::string_view path) {
  auto out = percent_decoded(path, false);
  if (!out || out->find('\0') != std::string::npos)
    return std::nullopt;
  return out;
}

// Only plain names: no "..", no ".", no hidden files, no backslashes. Checked
// after decoding, so "%2e%2e" is refused like "..".
bool safe_relative(std::string_view relative) {
  std::size_t start = 0;
  while (start <= relative.size()) {
    auto slash = relative.find('/', start);
    if (slash == std::string_view::npos)
      slash = relative.size();
    const auto segment = relative.substr(start, slash - start);
    // An empty segment is "a//b" (or the trailing "/" of a folder).
    if (segment.empty() && slash != relative.size())
      return false;
    if (!segment.empty() && segment.front() == '.')
      return false;
    if (segment.find('\\') != std::string_view::npos)
      return false;
    start = slash + 1;
  }
  return true;
}

std::string etag_of(const std::string &content) {
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a, 64 bit
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char out[24];
  std::snprintf(out, sizeof out, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return out;
}

ApiResponse not_found() { return error_response(404, "not_found", "no such page"); }

// Every page is the station's own: scripts, styles, sounds and the stream
// come from this origin only, so a page cannot quietly pull a CDN.
constexpr std::string_view kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob: data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

} // namespace

std::string_view content_type_for(std::string_view file_name) {
  for (const auto &t : kTypes)
    if (file_name.size() >= t.extension.size() &&
        file_name.substr(file_name.size() - t.extension.size()) == t.extension)
      return t.type;
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path &root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec)
    root_ = root; // serve() then finds nothing: every answer is 404
}

ApiResponse StaticFiles::serve(const ApiRequest &request) const {
  if (request.method != "GET") {
    auto response = error_response(405, "method_not_allowed", "web pages accept GET");
    response.headers.emplace_back("Allow", "GET");
    return response;
  }
  std::string_view target = request.target;
  target = target.substr(0, target.find_first_of("?#"));
  if (!target.starts_with("/"))
    return not_found();
  auto decoded = decoded_path(target.substr(1));
  if (!decoded || !safe_relative(*decoded))
    return not_found();
  std::string relative = *decoded;
  const bool folder_form = relative.empty() || relative.back() == '/';
  if (folder_form)
    relative += "index.html";

  std::error_code ec;
  // canonical() follows symlinks: a link that leads out of the root is
  // caught by the prefix check below, not served.
  const fs::path file = fs::canonical(root_ / relative, ec);
  if (ec)
    return not_found();
  const auto [root_end, file_it] =
      std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (root_end != root_.end())
    return not_found();
  if (fs::is_directory(file, ec)) {
    // "/counter" → "/counter/": the page's relative links need the slash.
    ApiResponse redirect;
    redirect.status = 301;
    redirect.content_type = "text/plain; charset=utf-8";
    redirect.body = "moved\n";
    redirect.headers.emplace_back("Location", std::string(target) + "/");
    return redirect;
  }
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxFileBytes || ec)
    return not_found();
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return not_found();
  std::string content((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());

  ApiResponse response;
  const std::string etag = etag_of(content);
  // No file name carries a version (no build step), so a browser must ask
  // each time; the ETag makes that a cheap 304 on a counter PC's reload.
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  const auto type = content_type_for(file.filename().string());
  if (type.starts_with("text/html")) {
    response.headers.emplace_back("Content-Security-Policy", std::string(kPagePolicy));
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  if (etag_matches(request.if_none_match, etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = std::string(type);
  response.body = std::move(content);
  return response;
}

} // namespace motcua::station
