// End to end: the built motcua-escpos-listener receives an encoded ticket
// over TCP, as a CUPS socket:// backend would send it.
#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"

#include "listener_process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

extern char **environ;

using namespace motcua::printer;
using namespace motcua::printer::test;
namespace fs = std::filesystem;

namespace {

void send_job(int port, const std::vector<std::uint8_t> &bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    REQUIRE(n > 0);
    sent += static_cast<std::size_t>(n);
  }
  close(fd);
}

Bitmap ticket_like(int width, int height) {
  Bitmap b = Bitmap::blank(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      b.set(x, y, ((x / 9) + (y / 5)) % 3 == 0);
  return b;
}

} // namespace

TEST_CASE("the listener saves each connection's bytes as one job and decodes it") {
  test::TempDir dir;
  const fs::path out = dir.path() / "jobs";
  fs::create_directories(out);
  std::ofstream(out / "job-0007.bin") << "earlier run";

  Listener listener(out, dir.path() / "port");
  REQUIRE(listener.port() > 0);

  // An empty connection, as CUPS makes when probing, is not a job.
  send_job(listener.port(), {});
  const Bitmap image = ticket_like(576, 700);
  const auto bytes = encode_escpos(image);
  send_job(listener.port(), bytes);

  REQUIRE(wait_for_file(out / "job-0008.bin"));
  CHECK(read_bytes(out / "job-0008.bin") == bytes);
  auto doc = decode_escpos(read_bytes(out / "job-0008.bin"));
  REQUIRE(doc.has_value());
  CHECK(doc->image == image);
  // The preview is published before the raw bytes.
  REQUIRE(fs::exists(out / "job-0008.png"));
  auto preview = read_png_bitmap((out / "job-0008.png").string());
  REQUIRE(preview.has_value());
  CHECK(preview.value() == image);

  // Bytes that are not our ESC/POS are still kept, just not pictured.
  send_job(listener.port(), {'h', 'e', 'l', 'l', 'o'});
  REQUIRE(wait_for_file(out / "job-0009.bin"));
  CHECK_FALSE(fs::exists(out / "job-0009.png"));

  const int status = listener.stop();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_FALSE(fs::exists(out / "job-0010.bin"));
  for (const auto &entry : fs::directory_iterator(out))
    CHECK(entry.path().extension() != ".tmp");
}
