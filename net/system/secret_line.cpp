#include "net/system/secret_line.hpp"

#include <fstream>
#include <istream>
#include <sstream>

namespace motcua {

Result<std::string> read_secret_line(const std::string &source, std::istream &in) {
  std::string line;
  if (source == "-") {
    std::getline(in, line);
  } else {
    std::ifstream file(source, std::ios::binary);
    if (!file)
      return unexpected(source + ": cannot be read");
    std::getline(file, line);
  }
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return line;
}

} // namespace motcua
