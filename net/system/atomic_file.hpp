#pragma once
// Configuration and small state files that survive a power cut whole: the old
// content or the new one, never half of either.
#include <optional>
#include <string>
#include <sys/types.h>

namespace motcua {
// Writes a sibling temporary file with `mode`, fsyncs it, renames it over
// `path` and fsyncs the folder (so the rename itself is on disk). Returns an
// error message on failure; the temporary file is then removed.
std::optional<std::string> write_file_atomically(const std::string &path,
                                                 const std::string &content,
                                                 mode_t mode = 0644);
} // namespace motcua
