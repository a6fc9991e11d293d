// motcua-escpos-listener: plays the receipt printer behind a CUPS socket://
// queue. Every TCP connection that delivers bytes is one job, saved whole
// (temp file, fsync, rename) as DIR/job-NNNN.bin, plus DIR/job-NNNN.png when
// the bytes decode as our ESC/POS. Like a real receipt printer it answers
// DLE EOT status requests (sent before any job bytes) from --status.
#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace motcua;
using namespace motcua::printer;

namespace {

constexpr std::size_t kMaxJobBytes = 64u << 20; // far above any ticket

const char *const kUsage =
    "usage: motcua-escpos-listener --listen 127.0.0.1:PORT --out DIR [--port-file FILE]\n"
    "                              [--status STATE | --status-file FILE]\n"
    "  --listen ADDR:PORT  IPv4 address and port to accept print jobs on (0 = any free)\n"
    "  --out DIR           where job-NNNN.bin (raw bytes) and job-NNNN.png go\n"
    "  --port-file FILE    write the bound port here once listening\n"
    "  --status STATE      how DLE EOT is answered: paper (default), no-paper, "
    "near-end,\n"
    "                      cover-open, or silent (no answer, like printers without it)\n"
    "  --status-file FILE  read STATE from FILE at each request (tests change it live)\n"
    "Stops on SIGTERM or SIGINT.\n";

struct Options {
  std::string host;
  int port = -1;
  fs::path out_dir;
  fs::path port_file;
  std::string status = "paper";
  fs::path status_file;
  bool help = false;
};

Result<Options> parse_args(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      o.help = true;
      return o;
    }
    if (i + 1 >= argc)
      return unexpected("missing value after " + arg);
    const std::string value = argv[++i];
    if (arg == "--listen") {
      const auto colon = value.rfind(':');
      int port = -1;
      const std::string digits =
          colon == std::string::npos ? "" : value.substr(colon + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
      if (colon == std::string::npos || ec != std::errc() ||
          p != digits.data() + digits.size() || port < 0 || port > 65535)
        return unexpected("--listen wants ADDRESS:PORT, got " + value);
      o.host = value.substr(0, colon);
      o.port = port;
    } else if (arg == "--out") {
      o.out_dir = value;
    } else if (arg == "--port-file") {
      o.port_file = value;
    } else if (arg == "--status") {
      o.status = value;
    } else if (arg == "--status-file") {
      o.status_file = value;
    } else {
      return unexpected("unknown option " + arg);
    }
  }
  if (o.port < 0)
    return unexpected(std::string("--listen is required"));
  if (o.out_dir.empty())
    return unexpected(std::string("--out is required"));
  if (o.status != "paper" && o.status != "no-paper" && o.status != "near-end" &&
      o.status != "cover-open" && o.status != "silent")
    return unexpected("unknown --status " + o.status);
  return o;
}

// Signals only write a byte to this pipe; the poll loop sees it.
int g_signal_pipe[2] = {-1, -1};
void on_signal(int) {
  const char byte = 1;
  [[maybe_unused]] auto n = write(g_signal_pipe[1], &byte, 1);
}

Result<bool> install_signal_handlers() {
  if (pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    return unexpected(std::string("pipe: ") + std::strerror(errno));
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return true;
}

Result<bool> write_all_synced(const fs::path &path, const void *data, std::size_t size) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return unexpected("cannot create " + path.string() + ": " + std::strerror(errno));
  const auto *p = static_cast<const char *>(data);
  while (size > 0) {
    const ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      const std::string error = std::strerror(errno);
      close(fd);
      return unexpected("cannot write " + path.string() + ": " + error);
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  const bool synced = fsync(fd) == 0;
  close(fd);
  if (!synced)
    return unexpected("cannot fsync " + path.string());
  return true;
}

// Readers poll for the final name, so it must appear complete or not at all.
Result<bool> publish(const fs::path &tmp, const fs::path &final_path) {
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0)
    return unexpected("cannot rename to " + final_path.string() + ": " +
                      std::strerror(errno));
  return true;
}

Result<bool> write_atomically(const fs::path &path, const std::string &text) {
  const fs::path tmp = path.string() + ".tmp";
  if (auto ok = write_all_synced(tmp, text.data(), text.size()); !ok)
    return ok;
  return publish(tmp, path);
}

int next_job_number(const fs::path &dir) {
  static const std::regex name(R"(job-(\d+)\.(bin|png))");
  int highest = 0;
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (std::regex_match(file, m, name))
      highest = std::max(highest, std::stoi(m[1].str()));
  }
  return highest + 1;
}

class JobSpool {
public:
  explicit JobSpool(fs::path dir) : dir_(std::move(dir)), next_(next_job_number(dir_)) {}

  void save(const std::vector<std::uint8_t> &bytes) {
    char stem[32];
    std::snprintf(stem, sizeof stem, "job-%04d", next_++);
    // The picture goes first so that whoever sees the .bin also finds the .png.
    auto doc = decode_escpos(bytes);
    std::string picture = "not decoded: ";
    if (!doc) {
      picture += doc.error();
    } else if (doc->image.height == 0) {
      picture = "no raster image";
    } else {
      const fs::path tmp = dir_ / (std::string(".") + stem + ".png.tmp");
      auto ok = write_png(doc->image, tmp.string());
      if (ok)
        ok = publish(tmp, dir_ / (std::string(stem) + ".png"));
      picture = ok ? std::to_string(doc->image.width) + "x" +
                         std::to_string(doc->image.height) + " " + stem + ".png"
                   : ok.error();
    }
    const fs::path tmp = dir_ / (std::string(".") + stem + ".bin.tmp");
    auto ok = write_all_synced(tmp, bytes.data(), bytes.size());
    if (ok)
      ok = publish(tmp, dir_ / (std::string(stem) + ".bin"));
    if (!ok) {
      std::cerr << "motcua-escpos-listener: " << ok.error() << std::endl;
      return;
    }
    std::cout << stem << ".bin: " << bytes.size() << " bytes, " << picture << std::endl;
  }

private:
  fs::path dir_;
  int next_;
};

Result<int> open_listener(const Options &o, int &bound_port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr) != 1)
    return unexpected("not an IPv4 address: " + o.host);
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return unexpected(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
      listen(fd, 16) != 0) {
    const std::string error = std::strerror(errno);
    close(fd);
    return unexpected("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " +
                      error);
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  bound_port = ntohs(addr.sin_port);
  return fd;
}

struct Connection {
  int fd = -1;
  std::vector<std::uint8_t> bytes;
};

// DLE EOT n answers (Epson TM series): fixed bits 0x12, then per request
// 1: bit 3 offline; 2: bit 2 cover open, bit 5 stopped for paper end;
// 4: bits 2-3 paper near end, bits 5-6 paper end.
std::optional<std::uint8_t> status_byte(const std::string &state, std::uint8_t n) {
  const bool no_paper = state == "no-paper", cover = state == "cover-open";
  switch (n) {
  case 1:
    return std::uint8_t(0x12 | (no_paper || cover ? 0x08 : 0));
  case 2:
    return std::uint8_t(0x12 | (cover ? 0x04 : 0) | (no_paper ? 0x20 : 0));
  case 4:
    return std::uint8_t(0x12 | (no_paper ? 0x60 : 0) | (state == "near-end" ? 0x0C : 0));
  default:
    return std::nullopt;
  }
}

std::string current_state(const Options &o) {
  if (o.status_file.empty())
    return o.status;
  std::ifstream in(o.status_file);
  std::string word;
  in >> word;
  return word.empty() ? o.status : word;
}

// Status requests come before any job bytes; each is answered and dropped.
void answer_status_requests(Connection &c, const Options &o) {
  while (c.bytes.size() >= 3 && c.bytes[0] == 0x10 && c.bytes[1] == 0x04) {
    const std::string state = current_state(o);
    const auto answer = status_byte(state, c.bytes[2]);
    if (answer && state != "silent") {
      [[maybe_unused]] auto n = write(c.fd, &*answer, 1);
    }
    c.bytes.erase(c.bytes.begin(), c.bytes.begin() + 3);
  }
}

void serve(int listen_fd, JobSpool &spool, const Options &options) {
  std::vector<Connection> connections;
  std::vector<std::uint8_t> buffer(64 * 1024);
  for (;;) {
    std::vector<pollfd> fds{{g_signal_pipe[0], POLLIN, 0}, {listen_fd, POLLIN, 0}};
    for (const auto &c : connections)
      fds.push_back({c.fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      std::cerr << "motcua-escpos-listener: poll: " << std::strerror(errno) << std::endl;
      break;
    }
    if (fds[0].revents != 0)
      break;
    if (fds[1].revents & POLLIN) {
      const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd >= 0)
        connections.push_back({fd, {}});
    }
    // Walk backwards so finished connections can be erased in place; the
    // pollfd for connection i sits at fds[i + 2].
    for (std::size_t i = connections.size(); i-- > 0;) {
      if (i + 2 >= fds.size() || fds[i + 2].revents == 0)
        continue;
      auto &c = connections[i];
      const ssize_t n = read(c.fd, buffer.data(), buffer.size());
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n > 0 && c.bytes.size() + static_cast<std::size_t>(n) <= kMaxJobBytes) {
        c.bytes.insert(c.bytes.end(), buffer.begin(), buffer.begin() + n);
        answer_status_requests(c, options);
        continue;
      }
      if (n > 0)
        std::cerr << "motcua-escpos-listener: job over " << kMaxJobBytes
                  << " bytes, dropped" << std::endl;
      else if (!c.bytes.empty()) // zero-byte connections are CUPS probing
        spool.save(c.bytes);
      close(c.fd);
      connections.erase(connections.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  // A job still arriving at shutdown is kept as far as it got.
  for (auto &c : connections) {
    if (!c.bytes.empty())
      spool.save(c.bytes);
    close(c.fd);
  }
}

} // namespace

int main(int argc, char **argv) {
  auto options = parse_args(argc, argv);
  if (!options) {
    std::cerr << "motcua-escpos-listener: " << options.error() << "\n" << kUsage;
    return 2;
  }
  if (options->help) {
    std::cout << kUsage;
    return 0;
  }
  std::error_code ec;
  fs::create_directories(options->out_dir, ec);
  if (!fs::is_directory(options->out_dir)) {
    std::cerr << "motcua-escpos-listener: cannot use output folder "
              << options->out_dir.string() << std::endl;
    return 1;
  }
  if (auto ok = install_signal_handlers(); !ok) {
    std::cerr << "motcua-escpos-listener: " << ok.error() << std::endl;
    return 1;
  }
  int port = 0;
  auto listen_fd = open_listener(*options, port);
  if (!listen_fd) {
    std::cerr << "motcua-escpos-listener: " << listen_fd.error() << std::endl;
    return 1;
  }
  if (!options->port_file.empty()) {
    if (auto ok = write_atomically(options->port_file, std::to_string(port) + "\n");
        !ok) {
      std::cerr << "motcua-escpos-listener: " << ok.error() << std::endl;
      return 1;
    }
  }
  JobSpool spool(options->out_dir);
  std::cout << "listening on " << options->host << ":" << port << std::endl;
  serve(listen_fd.value(), spool, *options);
  close(listen_fd.value());
  return 0;
}
