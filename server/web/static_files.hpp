#pragma once
// The station's web pages (counter, display board, reports) are plain files
// under assets/web: no build step, no CDN. This serves them read-only, below
// one root folder that a request can never leave.
#include "server/api/api_message.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace motcua::station {

class StaticFiles {
public:
  // `root` must exist; it is resolved once (symlinks included).
  explicit StaticFiles(const std::filesystem::path &root);

  // GET (and HEAD) of "/", "/counter/", "/board/board.js", ...: the file, a
  // 301 to the folder's "/" form, 304 when If-None-Match holds its ETag, 404
  // for anything missing or outside the root (".." , "%2e%2e", hidden files,
  // symlinks leading out), 405 for other methods.
  ApiResponse serve(const ApiRequest &request) const;

  const std::filesystem::path &root() const { return root_; }

private:
  std::filesystem::path root_;
};

// "text/html; charset=utf-8" for "x.html", ...; "application/octet-stream"
// for an unknown extension.
std::string_view content_type_for(std::string_view file_name);

} // namespace motcua::station
