#include "kiosk/shell/enrollment.hpp"

#include "net/system/atomic_file.hpp"

#include <filesystem>

namespace motcua::kiosk {

std::string describe_station_error(const net::StationError &e,
                                   std::string_view language) {
  const bool vi = language == "vi";
  // A used or expired enrollment code: what to do, not the status code.
  if (e.http_status == 403 && e.kind == net::StationError::Kind::refused && vi)
    return "mã đăng ký đã dùng hoặc đã hết hạn; hãy lấy mã mới ở trang quản trị (" +
           e.message + ")";
  switch (e.kind) {
  case net::StationError::Kind::unreachable:
    return (vi ? "máy chủ không trả lời (" : "the station does not answer (") +
           e.message + ")";
  case net::StationError::Kind::timeout:
    return (vi ? "máy chủ không trả lời kịp (" : "the station did not answer in time (") +
           e.message + ")";
  case net::StationError::Kind::refused:
    return (vi ? "máy chủ từ chối: " : "the station refused: ") +
           (e.code.empty() ? "" : e.code + ": ") + e.message;
  case net::StationError::Kind::bad_response:
    return (vi ? "không hiểu câu trả lời của máy chủ: "
               : "the station's answer is not understood: ") +
           e.message;
  }
  return e.message;
}

std::optional<std::string> write_kiosk_token(const std::string &path,
                                             const std::string &token) {
  // The first enrollment (the setup wizard) may come before the state folder.
  std::error_code ec;
  if (const auto folder = std::filesystem::path(path).parent_path(); !folder.empty())
    std::filesystem::create_directories(folder, ec);
  return write_file_atomically(path, token + "\n", 0600);
}

} // namespace motcua::kiosk
