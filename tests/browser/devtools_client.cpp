#include "tests/browser/devtools_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace motcua::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// The browser-level WebSocket. Calls are synchronous and answered in order;
// events (messages without our id) are read and dropped.
class DevToolsConnection {
public:
  DevToolsConnection(unsigned short port, const std::string &path) : ws_(ioc_) {
    tcp::resolver resolver(ioc_);
    auto &layer = beast::get_lowest_layer(ws_);
    layer.expires_after(10s);
    layer.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
    ws_.read_message_max(64 * 1024 * 1024); // screenshots are big base64 strings
    run(
        [&](auto done) {
          ws_.async_handshake("127.0.0.1:" + std::to_string(port), path, done);
        },
        10s);
  }

  json::value call(const std::string &session, const std::string &method,
                   json::object params, std::chrono::milliseconds deadline) {
    const std::int64_t id = next_id_++;
    json::object message{{"id", id}, {"method", method}, {"params", std::move(params)}};
    if (!session.empty())
      message["sessionId"] = session;
    const std::string text = json::serialize(message);
    run([&](auto done) { ws_.async_write(asio::buffer(text), done); }, deadline);
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left <= 0ms)
        throw std::runtime_error("DevTools: no answer to " + method);
      beast::flat_buffer buffer;
      run([&](auto done) { ws_.async_read(buffer, done); }, left);
      json::value answer = json::parse(beast::buffers_to_string(buffer.data()));
      const json::object &o = answer.as_object();
      const json::value *got = o.if_contains("id");
      if (!got || got->to_number<std::int64_t>() != id)
        continue; // an event, or a late answer
      if (const json::value *error = o.if_contains("error"))
        throw std::runtime_error("DevTools " + method + ": " + json::serialize(*error));
      return o.at("result");
    }
  }

  void close() {
    beast::error_code ignored; // the browser may be gone already
    beast::get_lowest_layer(ws_).close();
  }

private:
  // One asynchronous operation run to completion or to the deadline; a
  // missed deadline closes the socket (the connection is then useless).
  template <class Start> void run(Start start, std::chrono::milliseconds deadline) {
    beast::error_code result = asio::error::would_block;
    bool finished = false;
    beast::get_lowest_layer(ws_).expires_after(deadline);
    start([&](beast::error_code ec, auto &&...) {
      result = ec;
      finished = true;
    });
    ioc_.restart();
    ioc_.run();
    if (!finished || result)
      throw std::runtime_error("DevTools connection: " +
                               (finished ? result.message() : std::string("timeout")));
  }

  asio::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
  std::int64_t next_id_ = 1;
};

json::value BrowserPage::call(const std::string &method, json::object params,
                              std::chrono::milliseconds deadline) {
  return connection_.call(session_, method, std::move(params), deadline);
}

json::value BrowserPage::evaluate(const std::string &js,
                                  std::chrono::milliseconds deadline) {
  auto result = call(
      "Runtime.evaluate",
      {{"expression", js}, {"awaitPromise", true}, {"returnByValue", true}}, deadline);
  const auto &o = result.as_object();
  if (const json::value *exception = o.if_contains("exceptionDetails"))
    throw std::runtime_error("page script failed: " + json::serialize(*exception));
  const auto &value = o.at("result").as_object();
  if (const json::value *v = value.if_contains("value"))
    return *v;
  return nullptr; // undefined
}

bool BrowserPage::wait_until(const std::string &js, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  const std::string truthy = "Boolean(" + js + ")";
  while (std::chrono::steady_clock::now() < until) {
    try {
      if (evaluate(truthy).as_bool())
        return true;
    } catch (const std::runtime_error &) {
      // The page was between two documents (a reload, a form's answer):
      // its next one is asked at the next poll.
    }
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

void BrowserPage::screenshot(const std::string &path) {
  auto result = call("Page.captureScreenshot", {{"format", "png"}}, 20s);
  std::ofstream(path, std::ios::binary)
      << base64_decode(std::string(result.as_object().at("data").as_string()));
}

void BrowserPage::print_to_pdf(const std::string &path) {
  auto result = call(
      "Page.printToPDF",
      {{"paperWidth", 8.27}, {"paperHeight", 11.69}, {"preferCSSPageSize", true}}, 30s);
  std::ofstream(path, std::ios::binary)
      << base64_decode(std::string(result.as_object().at("data").as_string()));
}

void BrowserPage::navigate(const std::string &url) {
  call("Page.navigate", {{"url", url}});
}

void BrowserPage::press_key(const std::string &key, const std::string &code) {
  for (const char *type : {"keyDown", "keyUp"})
    call("Input.dispatchKeyEvent", {{"type", type},
                                    {"key", key},
                                    {"code", code},
                                    {"text", type[3] == 'D' ? key : ""}});
}

namespace {
std::string chromium_binary() {
  // The real browser, not Debian's wrapper script: its pid is the browser's.
  for (const char *path : {"/usr/lib/chromium/chromium", "/usr/bin/chromium"})
    if (std::filesystem::exists(path))
      return path;
  throw std::runtime_error("chromium is not installed (scripts/setup installs it)");
}
} // namespace

Chromium::Chromium(const std::string &dir) : dir_(dir) {
  const std::string profile = dir + "/profile";
  std::filesystem::remove_all(profile);
  std::filesystem::create_directories(profile);
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{
          chromium_binary(), "--headless=new", "--no-sandbox", // as root, no sandbox
          "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--no-default-browser-check",
          "--disable-sync", "--disable-extensions", "--mute-audio",
          // The board plays its chime and call-out without a click, as on the TV.
          "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile,
          "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
          "about:blank"},
      std::map<std::string, std::string>{}, dir + "/chromium.log");
  const std::string active = wait_for_file(profile + "/DevToolsActivePort", 30s);
  std::istringstream lines(active);
  std::string port, path;
  std::getline(lines, port);
  std::getline(lines, path);
  if (port.empty() || path.empty())
    throw std::runtime_error("chromium did not start: " + log());
  connection_ = std::make_unique<DevToolsConnection>(
      static_cast<unsigned short>(std::stoi(port)), path);
}

Chromium::~Chromium() {
  if (connection_) {
    try {
      connection_->call("", "Browser.close", {}, 5s);
    } catch (const std::exception &) {
      // it closes as it answers, or is stuck: the pid below settles it
    }
    connection_->close();
  }
  if (process_ && !process_->wait_for(10s))
    process_->kill_hard();
}

std::unique_ptr<BrowserPage> Chromium::open(const std::string &url, int width,
                                            int height) {
  // The size comes from the device metrics below: a headless tab takes no
  // window geometry.
  auto target =
      connection_->call("", "Target.createTarget", {{"url", "about:blank"}}, 10s);
  auto attached = connection_->call(
      "", "Target.attachToTarget",
      {{"targetId", target.as_object().at("targetId")}, {"flatten", true}}, 10s);
  std::unique_ptr<BrowserPage> page(new BrowserPage(
      *connection_, std::string(attached.as_object().at("sessionId").as_string())));
  page->call("Page.enable");
  page->call("Runtime.enable");
  page->call("Emulation.setDeviceMetricsOverride", {{"width", width},
                                                    {"height", height},
                                                    {"deviceScaleFactor", 1},
                                                    {"mobile", false}});
  page->navigate(url);
  return page;
}

std::string Chromium::log() const { return read_file(dir_ + "/chromium.log"); }

std::string base64_decode(const std::string &text) {
  std::string out;
  int value = 0, bits = -8;
  for (unsigned char c : text) {
    int d;
    if (c >= 'A' && c <= 'Z')
      d = c - 'A';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      d = c - '0' + 52;
    else if (c == '+')
      d = 62;
    else if (c == '/')
      d = 63;
    else
      continue; // '=' padding and line breaks
    value = (value << 6) | d;
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((value >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

} // namespace motcua::testing
