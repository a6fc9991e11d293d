#pragma once
// Debian's chromium, headless, driven over the DevTools protocol: a small
// synchronous Beast WebSocket client, no npm. Every call has a deadline; a
// missed one throws, so a stuck browser fails the test instead of hanging it.
#include "tests/support/process.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace motcua::testing {

class DevToolsConnection;

// One tab, attached in flat mode: its calls carry its session id.
class BrowserPage {
public:
  // Runtime.evaluate with awaitPromise and returnByValue: the value of `js`,
  // or an exception (thrown here as std::runtime_error with its text).
  boost::json::value
  evaluate(const std::string &js,
           std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Evaluates `js` every 100 ms until it is truthy; false at the deadline.
  bool wait_until(const std::string &js, std::chrono::milliseconds deadline);
  // Page.captureScreenshot as PNG into `path`.
  void screenshot(const std::string &path);
  // Page.printToPDF on A4 with the page's own @page margins into `path`.
  void print_to_pdf(const std::string &path);
  void navigate(const std::string &url);
  // Dispatches a real key press (Input.dispatchKeyEvent) to the focused page.
  void press_key(const std::string &key, const std::string &code);

  boost::json::value call(const std::string &method, boost::json::object params = {},
                          std::chrono::milliseconds deadline = std::chrono::seconds(10));

private:
  friend class Chromium;
  BrowserPage(DevToolsConnection &connection, std::string session)
      : connection_(connection), session_(std::move(session)) {}
  DevToolsConnection &connection_;
  std::string session_;
};

class Chromium {
public:
  // Starts chromium headless on loopback with a fresh profile under `dir`
  // (--remote-debugging-port=0: it picks the port and writes it into
  // DevToolsActivePort) and connects to it. Throws when it does not come up.
  explicit Chromium(const std::string &dir);
  ~Chromium(); // closes the browser, then stops it by pid
  Chromium(const Chromium &) = delete;
  Chromium &operator=(const Chromium &) = delete;

  // A new tab of `width`×`height` CSS pixels at `url`.
  std::unique_ptr<BrowserPage> open(const std::string &url, int width, int height);

  std::string log() const; // chromium's stderr so far

private:
  std::string dir_;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<DevToolsConnection> connection_;
};

// Base64 (standard alphabet) to bytes, for screenshots.
std::string base64_decode(const std::string &text);

} // namespace motcua::testing
