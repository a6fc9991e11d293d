#pragma once
#include <optional>
#include <string>

namespace motcua::station {
// Writes a sibling temporary file, fsyncs it and renames it over path, so a
// reader sees either the old content or the whole new one. Returns an error
// message on failure.
std::optional<std::string> write_file_atomically(const std::string &path,
                                                 const std::string &content);
} // namespace motcua::station
