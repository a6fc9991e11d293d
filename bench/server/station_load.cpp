// Load for motcua-station on loopback (bench/server/run starts the station).
//   station_load tickets HOST PORT CLIENTS TICKETS_PER_CLIENT SERVICES
//     CLIENTS threads, each one keep-alive connection issuing tickets one
//     after another (round robin over SERVICES, e.g. "ABC"); prints tickets/s
//     and the latency of each POST as the client saw it.
//   station_load fanout HOST PORT SUBSCRIBERS TICKETS SERVICES
//     SUBSCRIBERS WebSockets on /api/v1/stream, then TICKETS posted one at a
//     time (5 ms apart); for each ticket and subscriber the time from the
//     POST's send, and from its answer, to the receipt of its "issued" event.
//   station_load phones HOST PORT PHONES CALLS SERVICES
//     As the chief "admin" (password in BENCH_ADMIN_PASSWORD): counter 1 for
//     the first service, PHONES tickets of it, each followed by a phone's
//     WebSocket on its /t/{day}/{number}; then CALLS call-next, start and
//     done, 200 ms apart. For each call and each phone still waiting or called, the
//     time from the call's send to that phone's receipt of its new page.
// Synchronous Beast: one thread per connection is plain and enough here.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

void print_latencies(const char *what, std::vector<double> v) {
  if (v.empty()) {
    std::printf("%s: no samples\n", what);
    return;
  }
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
  };
  std::printf("%s: n=%zu p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms\n", what,
              v.size(), at(0.50), at(0.90), at(0.99), v.back());
}

struct Connection {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  Connection(const std::string &host, const std::string &port) {
    tcp::resolver resolver(ioc);
    stream.connect(resolver.resolve(host, port));
    stream.socket().set_option(tcp::no_delay(true));
  }

  // POST a ticket; the status, or 0 when the connection failed.
  int issue(const std::string &host, const std::string &service, const std::string &key) {
    http::request<http::string_body> req{http::verb::post, "/api/v1/tickets", 11};
    req.set(http::field::host, host);
    req.set(http::field::content_type, "application/json");
    req.keep_alive(true);
    req.body() = R"({"service":")" + service + R"(","idempotency_key":")" + key + "\"}";
    req.prepare_payload();
    beast::error_code ec;
    http::write(stream, req, ec);
    if (ec)
      return 0;
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    if (ec)
      return 0;
    return static_cast<int>(res.result_int());
  }
};

int run_tickets(const std::string &host, const std::string &port, int clients,
                int per_client, const std::string &services) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int> failures{0}, refused{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      try {
        Connection conn(host, port);
        ++ready;
        while (!go)
          std::this_thread::yield();
        latencies[c].reserve(per_client);
        for (int i = 0; i < per_client; ++i) {
          const std::string service(1, services[(c + i) % services.size()]);
          const auto key = "bench-" + std::to_string(c) + "-" + std::to_string(i);
          const auto t0 = Clock::now();
          const int status = conn.issue(host, service, key);
          const auto t1 = Clock::now();
          if (status == 0) {
            ++failures;
            return;
          }
          if (status != 201 && refused++ == 0)
            std::fprintf(stderr, "client %d: a ticket was refused with %d\n", c, status);
          latencies[c].push_back(ms(t1 - t0));
        }
      } catch (const std::exception &e) {
        std::fprintf(stderr, "client %d: %s\n", c, e.what());
        ++failures;
        ++ready;
      }
    });
  while (ready < clients)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto start = Clock::now();
  go = true;
  for (auto &t : threads)
    t.join();
  const double seconds = ms(Clock::now() - start) / 1000;
  std::vector<double> all;
  for (auto &l : latencies)
    all.insert(all.end(), l.begin(), l.end());
  std::printf("clients=%d tickets=%zu in %.2f s: %.0f tickets/s (refused %d, failed "
              "connections %d)\n",
              clients, all.size(), seconds, all.size() / seconds, refused.load(),
              failures.load());
  print_latencies("  POST /api/v1/tickets latency", all);
  return failures == 0 && refused == 0 ? 0 : 1;
}

// WebSockets on `targets` (one each), every one read on its own thread until
// close(): on_frame(index, text, when it arrived). The constructor returns
// once all are connected or have failed (counted in errors()).
class Subscribers {
public:
  using OnFrame = std::function<void(int, std::string, Clock::time_point)>;
  Subscribers(const std::string &host, const std::string &port,
              const std::vector<std::string> &targets, OnFrame on_frame)
      : on_frame_(std::move(on_frame)) {
    const int n = static_cast<int>(targets.size());
    for (int i = 0; i < n; ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>());
      sockets_.push_back(
          std::make_unique<websocket::stream<beast::tcp_stream>>(*contexts_.back()));
    }
    std::atomic<int> connected{0};
    for (int i = 0; i < n; ++i)
      threads_.emplace_back([this, &connected, &host, &port, &targets, i] {
        auto &ws = *sockets_[i];
        try {
          tcp::resolver resolver(*contexts_[i]);
          beast::get_lowest_layer(ws).connect(resolver.resolve(host, port));
          beast::get_lowest_layer(ws).socket().set_option(tcp::no_delay(true));
          ws.handshake(host + ":" + port, targets[i]);
        } catch (const std::exception &e) {
          std::fprintf(stderr, "subscriber %d: %s\n", i, e.what());
          ++errors_;
          ++connected;
          return;
        }
        ++connected;
        beast::flat_buffer buffer;
        while (true) {
          beast::error_code ec;
          ws.read(buffer, ec);
          const auto at = Clock::now();
          if (ec)
            return; // closed by close()
          on_frame_(i, beast::buffers_to_string(buffer.data()), at);
          buffer.consume(buffer.size());
        }
      });
    while (connected < n)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Subscribers() { close(); }

  void close() {
    for (auto &ws : sockets_) {
      beast::error_code ignored; // the reader thread sees the close and returns
      beast::get_lowest_layer(*ws).socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
    for (auto &t : threads_)
      if (t.joinable())
        t.join();
  }
  int errors() const { return errors_; }

private:
  OnFrame on_frame_;
  std::atomic<int> errors_{0};
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<std::unique_ptr<websocket::stream<beast::tcp_stream>>> sockets_;
  std::vector<std::thread> threads_;
};

int run_fanout(const std::string &host, const std::string &port, int subscribers,
               int tickets, const std::string &services) {
  struct Receipt {
    std::string number;
    Clock::time_point at;
  };
  std::vector<std::vector<Receipt>> received(subscribers);
  Subscribers streams(
      host, port,
      std::vector<std::string>(static_cast<std::size_t>(subscribers), "/api/v1/stream"),
      [&received](int s, std::string text, Clock::time_point at) {
        boost::system::error_code jec;
        auto v = json::parse(text, jec);
        if (jec || !v.is_object())
          return;
        auto &o = v.as_object();
        if (auto *e = o.if_contains("event"); !e || *e != "issued")
          return;
        if (auto *t = o.if_contains("ticket"); t && t->is_object())
          if (auto *n = t->as_object().if_contains("number"); n && n->is_string())
            received[s].push_back({std::string(n->as_string()), at});
      });
  std::this_thread::sleep_for(std::chrono::milliseconds(200)); // subscriptions settle

  struct Sent {
    Clock::time_point sent, answered;
  };
  std::map<std::string, Sent> sent;
  std::string failure;
  try {
    Connection conn(host, port);
    for (int i = 0; i < tickets; ++i) {
      http::request<http::string_body> req{http::verb::post, "/api/v1/tickets", 11};
      req.set(http::field::host, host);
      req.set(http::field::content_type, "application/json");
      const std::string service(1, services[i % services.size()]);
      req.body() = R"({"service":")" + service + R"(","idempotency_key":"fan-)" +
                   std::to_string(i) + "\"}";
      req.prepare_payload();
      const auto t0 = Clock::now();
      http::write(conn.stream, req);
      http::response<http::string_body> res;
      http::read(conn.stream, conn.buffer, res);
      const auto t1 = Clock::now();
      auto v = json::parse(res.body());
      if (res.result_int() != 201) {
        failure = "POST answered " + std::to_string(res.result_int()) + ": " + res.body();
        break;
      }
      sent[std::string(v.at("ticket").at("number").as_string())] = {t0, t1};
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  } catch (const std::exception &e) {
    failure = e.what();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the last events arrive
  streams.close();
  const int errors = streams.errors();

  std::vector<double> from_send, from_answer;
  std::size_t missing = 0;
  for (int s = 0; s < subscribers; ++s) {
    std::size_t matched = 0;
    for (const auto &r : received[s]) {
      auto it = sent.find(r.number);
      if (it == sent.end())
        continue;
      ++matched;
      from_send.push_back(ms(r.at - it->second.sent));
      from_answer.push_back(ms(r.at - it->second.answered));
    }
    missing += sent.size() - std::min(sent.size(), matched);
  }
  if (!failure.empty())
    std::fprintf(stderr, "issuing: %s\n", failure.c_str());
  std::printf("subscribers=%d tickets=%zu events received=%zu missing=%zu errors=%d\n",
              subscribers, sent.size(), from_send.size(), missing, errors);
  print_latencies("  fan-out, POST sent -> event received", from_send);
  // Negative when the event overtakes the POST's answer.
  print_latencies("  fan-out, POST answered -> event received", from_answer);
  return missing == 0 && errors == 0 && failure.empty() ? 0 : 1;
}

// One request on a keep-alive connection; the answer's body, or a throw
// naming what went wrong.
std::string call(Connection &conn, const std::string &host, http::verb verb,
                 const std::string &target, const std::string &body,
                 const std::string &token, unsigned expected) {
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, host);
  req.set(http::field::content_type, "application/json");
  if (!token.empty())
    req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  http::write(conn.stream, req);
  http::response<http::string_body> res;
  http::read(conn.stream, conn.buffer, res);
  if (res.result_int() != expected)
    throw std::runtime_error(target + " answered " + std::to_string(res.result_int()) +
                             ": " + res.body());
  return res.body();
}

int run_phones(const std::string &host, const std::string &port, int phones, int calls,
               const std::string &services) {
  const char *password = std::getenv("BENCH_ADMIN_PASSWORD");
  if (!password)
    throw std::runtime_error("phones: BENCH_ADMIN_PASSWORD is not set");
  Connection desk(host, port);
  const auto login = json::parse(call(
      desk, host, http::verb::post, "/api/v1/auth/login",
      std::string(R"({"username":"admin","password":")") + password + "\"}", "", 200));
  const std::string token(login.at("token").as_string());
  const std::string service(1, services[0]);
  call(desk, host, http::verb::post, "/api/v1/admin/counters",
       R"({"id":"1","services":[")" + service + "\"]}", token, 201);
  call(desk, host, http::verb::post, "/api/v1/counters/1/open", "", token, 200);
  std::vector<std::string> pages;
  for (int i = 0; i < phones; ++i) {
    const auto issued =
        json::parse(call(desk, host, http::verb::post, "/api/v1/tickets",
                         R"({"service":")" + service + R"(","idempotency_key":"phone-)" +
                             std::to_string(i) + "\"}",
                         "", 201));
    const auto &t = issued.at("ticket");
    pages.push_back("/t/" + std::string(t.at("day").as_string()) + "/" +
                    std::string(t.at("number").as_string()));
  }
  // Each phone's frames: when each arrived, and the size of the last.
  std::vector<std::vector<Clock::time_point>> frames(phones);
  std::vector<std::size_t> frame_bytes(phones, 0);
  Subscribers followers(
      host, port, pages,
      [&frames, &frame_bytes](int p, std::string text, Clock::time_point at) {
        frame_bytes[p] = text.size();
        frames[p].push_back(at);
      });
  std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the first pages arrive

  // Each call moves every phone behind the called ticket one place up.
  std::vector<Clock::time_point> sent;
  std::string failure;
  try {
    for (int i = 0; i < calls && i < phones; ++i) {
      sent.push_back(Clock::now());
      call(desk, host, http::verb::post, "/api/v1/counters/1/call-next", "", token, 200);
      call(desk, host, http::verb::post, "/api/v1/counters/1/start", "", token, 200);
      call(desk, host, http::verb::post, "/api/v1/counters/1/done", "", token, 200);
      std::this_thread::sleep_until(sent.back() + std::chrono::milliseconds(200));
    }
  } catch (const std::exception &e) {
    failure = e.what();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the last pages arrive
  followers.close();
  const int errors = followers.errors();

  std::vector<double> latencies;
  std::size_t missing = 0, total_frames = 0;
  for (int p = 0; p < phones; ++p) {
    total_frames += frames[p].size();
    // Phone p's ticket is called by call p: calls 0..p change its page.
    for (std::size_t i = 0; i < sent.size() && i <= static_cast<std::size_t>(p); ++i) {
      const auto until = i + 1 < sent.size() ? sent[i + 1] : Clock::time_point::max();
      auto it = std::lower_bound(frames[p].begin(), frames[p].end(), sent[i]);
      if (it == frames[p].end() || *it >= until)
        ++missing;
      else
        latencies.push_back(ms(*it - sent[i]));
    }
  }
  if (!failure.empty())
    std::fprintf(stderr, "calling: %s\n", failure.c_str());
  std::printf("phones=%d calls=%zu frames=%zu (page %zu bytes) missing=%zu errors=%d\n",
              phones, sent.size(), total_frames, frame_bytes[phones - 1], missing,
              errors);
  print_latencies("  call-next sent -> phone holds its new page", latencies);
  return missing == 0 && errors == 0 && failure.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 7) {
    std::fprintf(
        stderr, "usage: station_load tickets|fanout|phones HOST PORT N COUNT SERVICES\n");
    return 2;
  }
  const std::string mode = argv[1], host = argv[2], port = argv[3], services = argv[6];
  const int n = std::atoi(argv[4]), count = std::atoi(argv[5]);
  try {
    if (mode == "tickets")
      return run_tickets(host, port, n, count, services);
    if (mode == "fanout")
      return run_fanout(host, port, n, count, services);
    if (mode == "phones")
      return run_phones(host, port, n, count, services);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "station_load: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "station_load: unknown mode %s\n", mode.c_str());
  return 2;
}
