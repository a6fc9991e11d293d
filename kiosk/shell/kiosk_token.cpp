#include "kiosk/shell/kiosk_token.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace motcua::kiosk {

Result<std::string> read_kiosk_token(const std::string &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT)
      return std::string();
    return unexpected("cannot read the kiosk token " + path + ": " +
                      std::strerror(errno));
  }
  std::ifstream in(path);
  std::string token;
  if (!in || !std::getline(in, token))
    return unexpected("cannot read the kiosk token " + path +
                      " (is it readable by this account?)");
  while (!token.empty() && (token.back() == '\r' || token.back() == ' '))
    token.pop_back();
  if (token.empty())
    return unexpected("the kiosk token " + path +
                      " is empty: enroll again (motcua-kiosk provision)");
  return token;
}

} // namespace motcua::kiosk
