// The web pages under assets/web as the station serves them: what a browser
// may fetch, what it may never reach, and how it caches. No sockets.
#include "server/web/static_files.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace motcua::station;

namespace {

ApiRequest get(std::string target, std::string if_none_match = {}) {
  ApiRequest r;
  r.method = "GET";
  r.target = std::move(target);
  r.if_none_match = std::move(if_none_match);
  return r;
}

void write(const std::filesystem::path &path, const std::string &text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// root/ holds the pages; beside it, outside the root, a secret.
struct Site {
  test::TempDir dir;
  std::filesystem::path root = dir.path() / "web";
  Site() {
    write(root / "index.html", "<!doctype html><title>MotCua</title>");
    write(root / "counter/index.html", "<!doctype html><title>Quầy</title>");
    write(root / "counter/counter.js", "export const x = 1;");
    write(root / "common/style.css", "body{}");
    write(root / ".hidden", "no");
    write(dir.path() / "secret.txt", "top secret");
    std::filesystem::create_symlink(dir.path() / "secret.txt", root / "link.txt");
  }
};

} // namespace

TEST_CASE("web pages are served with their content types and the page policy") {
  Site site;
  StaticFiles web(site.root);
  auto page = web.serve(get("/counter/"));
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body.find("Quầy") != std::string::npos);
  REQUIRE(page.header("Content-Security-Policy"));
  // No CDN: scripts come from the station only.
  CHECK(page.header("Content-Security-Policy")->find("script-src 'self'") !=
        std::string::npos);
  CHECK(web.serve(get("/")).body.find("MotCua") != std::string::npos);
  CHECK(web.serve(get("/counter/counter.js")).content_type ==
        "text/javascript; charset=utf-8");
  CHECK(web.serve(get("/common/style.css?v=2")).content_type ==
        "text/css; charset=utf-8");
  CHECK(*web.serve(get("/common/style.css")).header("X-Content-Type-Options") ==
        "nosniff");
  CHECK(content_type_for("a.svg") == "image/svg+xml");
  CHECK(content_type_for("a.wav") == "audio/wav");
  CHECK(content_type_for("a.bin") == "application/octet-stream");
}

TEST_CASE("a folder without its slash is redirected to it") {
  Site site;
  auto moved = StaticFiles(site.root).serve(get("/counter"));
  CHECK(moved.status == 301);
  REQUIRE(moved.header("Location"));
  CHECK(*moved.header("Location") == "/counter/");
}

TEST_CASE("paths that leave the root or name hidden files are not found") {
  Site site;
  StaticFiles web(site.root);
  for (const char *target :
       {"/../secret.txt", "/counter/../../secret.txt", "/%2e%2e/secret.txt",
        "/counter/%2E%2E%2F%2E%2E%2Fsecret.txt", "/..%5csecret.txt", "/.hidden",
        "/link.txt", "/counter//counter.js", "/counter/counter.js%00.html", "/%zz",
        "/missing.html", "secret.txt"}) {
    CAPTURE(target);
    auto answer = web.serve(get(target));
    CHECK(answer.status == 404);
    CHECK(answer.body.find("top secret") == std::string::npos);
  }
}

TEST_CASE(
    "every file carries an ETag and no-cache, and a matching If-None-Match gets 304") {
  Site site;
  StaticFiles web(site.root);
  auto first = web.serve(get("/counter/counter.js"));
  REQUIRE(first.header("ETag"));
  CHECK(*first.header("Cache-Control") == "no-cache");
  auto again = web.serve(get("/counter/counter.js", "W/\"0\", " + *first.header("ETag")));
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(web.serve(get("/counter/counter.js", "\"other\"")).status == 200);
}

TEST_CASE("only GET is served") {
  Site site;
  ApiRequest post = get("/counter/");
  post.method = "POST";
  auto refused = StaticFiles(site.root).serve(post);
  CHECK(refused.status == 405);
  CHECK(*refused.header("Allow") == "GET");
}

TEST_CASE("the shipped pages are all there and name no outside address") {
  StaticFiles web(MOTCUA_ASSETS_DIR "/web");
  for (const char *page : {"/", "/counter/", "/board/", "/reports/"}) {
    CAPTURE(page);
    auto answer = web.serve(get(page));
    REQUIRE(answer.status == 200);
    CHECK(answer.body.find("http://") == std::string::npos);
    CHECK(answer.body.find("https://") == std::string::npos);
  }
}
