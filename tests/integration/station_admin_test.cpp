// `motcua-station admin ...` against the data folder of a running station:
// what it creates is usable over the API at once; a backup taken during a
// burst of tickets is whole; a catalog is checked before it replaces one; a
// service renamed on the admin API reaches a running kiosk's screen.
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

struct Answer {
  int status = 0;
  std::string body;
};

// One HTTP/1.1 request on a fresh loopback connection, read to its close.
Answer http(const std::string &port, const std::string &method, const std::string &path,
            const std::string &body, const std::string &token = {}) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  timeval t{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(std::stoi(port)));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
  const std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
      (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  REQUIRE(send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size()));
  std::string raw;
  char buffer[4096];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;)
    raw.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  Answer answer;
  if (raw.size() > 12)
    answer.status = std::stoi(raw.substr(9, 3));
  if (auto split = raw.find("\r\n\r\n"); split != std::string::npos)
    answer.body = raw.substr(split + 4);
  return answer;
}

using Run = ProgramRun;

Run admin(const std::string &dir, std::vector<std::string> args) {
  static int n = 0;
  const std::string log = dir + "/admin-" + std::to_string(++n) + ".log";
  args.insert(args.begin(), {MOTCUA_STATION_BIN, "admin"});
  return run_program(std::move(args), log);
}

void write_text(const std::string &path, const std::string &text) {
  FILE *f = std::fopen(path.c_str(), "w");
  REQUIRE(f);
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

long count_rows(const std::string &database, const char *sql) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
          SQLITE_OK);
  sqlite3_stmt *s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
  long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

} // namespace

TEST_CASE(
    "an enrollment code and an officer made from the shell work on the running station") {
  const auto dir = fresh_dir("station-admin");
  StationProcess station(dir + "/data");

  auto code = admin(dir, {"enrollment-code", "--data", station.dir});
  REQUIRE_MESSAGE(code.status == 0, code.output);
  std::string one_time = code.output.substr(0, code.output.find('\n'));
  CHECK(one_time.size() >= 12);
  auto enrolled = http(station.port, "POST", "/api/v1/kiosks/enroll",
                       R"({"code":")" + one_time + R"(","name":"Kiosk sảnh"})");
  CHECK_MESSAGE(enrolled.status == 201, enrolled.body);
  CHECK(enrolled.body.find("\"token\"") != std::string::npos);
  // One time only.
  CHECK(http(station.port, "POST", "/api/v1/kiosks/enroll",
             R"({"code":")" + one_time + R"("})")
            .status == 403);

  write_text(dir + "/password", "mật-khẩu-dài-2026\n");
  auto added = admin(dir, {"add-officer", "--data", station.dir, "--username", "lan",
                           "--name", "Nguyễn Thị Lan", "--role", "officer",
                           "--password-file", dir + "/password"});
  REQUIRE_MESSAGE(added.status == 0, added.output);
  auto login = http(station.port, "POST", "/api/v1/auth/login",
                    R"({"username":"lan","password":"mật-khẩu-dài-2026"})");
  CHECK_MESSAGE(login.status == 200, login.body);
  CHECK(login.body.find("Nguyễn Thị Lan") != std::string::npos);
  // The same name twice is refused, and says so.
  auto twice = admin(dir, {"add-officer", "--data", station.dir, "--username", "lan",
                           "--role", "officer", "--password-file", dir + "/password"});
  CHECK(twice.status == 1);
  write_text(dir + "/short", "short\n");
  auto weak = admin(dir, {"add-officer", "--data", station.dir, "--username", "minh",
                          "--role", "officer", "--password-file", dir + "/short"});
  CHECK(weak.status == 1);
  CHECK(weak.output.find("at least 8") != std::string::npos);
}

TEST_CASE(
    "a backup taken during a burst of tickets is whole and holds what was acknowledged") {
  const auto dir = fresh_dir("station-backup");
  StationProcess station(dir + "/data");
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  std::atomic<bool> stop{false};
  std::atomic<int> before_backup{0};
  std::thread burst([&] {
    for (int i = 0; !stop && i < 5000; ++i)
      if (issue_ticket_sync(client, i % 2 ? "A" : "B", "b-" + std::to_string(i)))
        ++before_backup;
  });
  while (before_backup < 30)
    std::this_thread::sleep_for(5ms);
  const int acknowledged = before_backup;
  auto backup = admin(dir, {"backup", "--data", station.dir, "--out", dir + "/copy.db"});
  stop = true;
  burst.join();
  REQUIRE_MESSAGE(backup.status == 0, backup.output);
  CHECK(count_rows(dir + "/copy.db", "SELECT count(*) FROM tickets") >= acknowledged);
  CHECK_FALSE(std::filesystem::exists(dir + "/copy.db.partial"));

  auto nowhere =
      admin(dir, {"backup", "--data", dir + "/no-such", "--out", dir + "/x.db"});
  CHECK(nowhere.status == 1);
  CHECK(nowhere.output.find("no station database") != std::string::npos);
}

TEST_CASE("an imported catalog is checked first and serves from the next start") {
  const auto dir = fresh_dir("station-catalog");
  StationProcess station(dir + "/data");
  write_text(dir + "/bad.json", R"({"format_version":1,"station":{"name":"X"},
    "services":[{"id":"A","prefix":"a1","label":{"vi":"Cư trú"}}]})");
  auto bad = admin(dir, {"import-catalog", dir + "/bad.json", "--data", station.dir});
  CHECK(bad.status == 1);
  CHECK(bad.output.find("services[0].prefix") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(station.dir + "/catalog.json"));

  write_text(dir + "/good.json",
             R"({"format_version":1,"station":{"name":"Công an xã Tân Lập"},
    "services":[{"id":"K","prefix":"K","label":{"vi":"Khai báo tạm trú"}}]})");
  auto good = admin(dir, {"import-catalog", dir + "/good.json", "--data", station.dir});
  REQUIRE_MESSAGE(good.status == 0, good.output);
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s).has_value());
  station.start();
  auto catalog = http(station.port, "GET", "/api/v1/catalog", "");
  CHECK(catalog.status == 200);
  CHECK(catalog.body.find("Khai báo tạm trú") != std::string::npos);
  CHECK(catalog.body.find("Tân Lập") != std::string::npos);
}

TEST_CASE("a bad admin command line is refused with status 2 and a reason") {
  const auto dir = fresh_dir("station-admin-usage");
  for (std::vector<std::string> args : {std::vector<std::string>{"launch"},
                                        {"backup"},
                                        {"add-officer", "--username", "x"},
                                        {"import-catalog"},
                                        {"enrollment-code", "--colour", "red"}}) {
    auto run = admin(dir, args);
    CAPTURE(args[0]);
    CHECK(run.status == 2);
    CHECK(run.output.find("motcua-station admin: ") != std::string::npos);
  }
  auto help = admin(dir, {"--help"});
  CHECK(help.status == 0);
  for (const char *command :
       {"enrollment-code", "add-officer", "import-catalog", "backup"})
    CHECK(help.output.find(command) != std::string::npos);
}

TEST_CASE("a service renamed by the chief shows on a running kiosk without a restart") {
  const auto dir = fresh_dir("station-admin-rename");
  StationProcess station(dir + "/data");
  write_text(dir + "/password", "mật-khẩu-dài-2026\n");
  REQUIRE(admin(dir, {"add-officer", "--data", station.dir, "--username", "chief",
                      "--role", "chief", "--password-file", dir + "/password"})
              .status == 0);
  auto login = http(station.port, "POST", "/api/v1/auth/login",
                    R"({"username":"chief","password":"mật-khẩu-dài-2026"})");
  REQUIRE_MESSAGE(login.status == 200, login.body);
  const auto at = login.body.find("\"token\":\"") + 9;
  const std::string token = login.body.substr(at, login.body.find('"', at) - at);

  // No printer to speak of: this kiosk only has to show its services.
  write_text(dir + "/kiosk.json", R"({
    "format_version": 1,
    "station_url": ")" + station.url() +
                                      R"(",
    "printer": {"direct": "127.0.0.1:9"},
    "catalog_refresh_seconds": 1
  })");
  write_text(dir + "/rename.script", "wait-screen home 20000\n"
                                     "wait-label A 30000 Đăng ký, xác nhận cư trú\n"
                                     "quit\n");
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/rename.script"},
                     headless_sdl_env(), dir + "/kiosk.log");
  // Renamed only once the kiosk holds the old name: the refresh must bring it.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (read_file(dir + "/kiosk.log").find("catalog loaded") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  REQUIRE_MESSAGE(read_file(dir + "/kiosk.log").find("catalog loaded") !=
                      std::string::npos,
                  read_file(dir + "/kiosk.log"));
  auto renamed = http(station.port, "PUT", "/api/v1/admin/services/A",
                      R"({"label":{"vi":"Đăng ký, xác nhận cư trú"}})", token);
  REQUIRE_MESSAGE(renamed.status == 200, renamed.body);

  auto status = kiosk.wait_for(60s);
  const auto log = read_file(dir + "/kiosk.log");
  REQUIRE_MESSAGE(status.has_value(), "the kiosk did not finish its script: ", log);
  CHECK_MESSAGE(*status == 0, log);
  // Asked every second, loaded twice: once at start, once after the edit.
  std::size_t loads = 0;
  for (auto p = log.find("catalog loaded"); p != std::string::npos;
       p = log.find("catalog loaded", p + 1))
    ++loads;
  CHECK_MESSAGE(loads == 2, log);
}
