#include "net/system/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motcua {

std::optional<std::string>
write_file_atomically(const std::string &path, const std::string &content, mode_t mode) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  auto failed = [&](const char *what) {
    std::string message = std::string(what) + " " + temp + ": " + std::strerror(errno);
    ::unlink(temp.c_str());
    return message;
  };
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    return failed("cannot create");
  // The umask must not widen or narrow what the caller asked for (a token is 0600).
  ::fchmod(fd, mode);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      ::close(fd);
      return failed("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return failed("cannot sync");
  }
  if (::close(fd) != 0)
    return failed("cannot close");
  if (::rename(temp.c_str(), path.c_str()) != 0)
    return failed(("cannot rename onto " + path + ":").c_str());
  const auto slash = path.rfind('/');
  const std::string folder =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return std::nullopt;
}

} // namespace motcua
