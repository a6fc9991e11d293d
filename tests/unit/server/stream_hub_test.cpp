// The stream hub's retained message: what a subscriber that comes late
// starts from, and that nothing older reaches it after something newer.
#include "server/api/queue_broadcast.hpp"
#include "server/api/stream_hub.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace motcua::station;

namespace {

struct Received {
  std::vector<std::string> messages;
  StreamHub::Sink sink() {
    return [this](StreamHub::Message m) { messages.push_back(*m); };
  }
};

} // namespace

TEST_CASE("a late subscriber gets the retained message first, then what follows") {
  StreamHub hub;
  Received early;
  hub.subscribe(early.sink());
  hub.publish("counts-1", true);
  hub.publish("called");
  hub.publish("counts-2", true);
  hub.publish("issued"); // not retained: counts-2 stays the retained one
  Received late;
  const auto id = hub.subscribe(late.sink());
  hub.publish("counts-3", true);
  CHECK(early.messages ==
        std::vector<std::string>{"counts-1", "called", "counts-2", "issued", "counts-3"});
  CHECK(late.messages == std::vector<std::string>{"counts-2", "counts-3"});
  hub.unsubscribe(id);
  hub.publish("counts-4", true);
  CHECK(late.messages.size() == 2);
}

TEST_CASE("without anything retained a subscriber waits for the next message") {
  StreamHub hub;
  hub.publish("issued");
  Received r;
  hub.subscribe(r.sink());
  CHECK(r.messages.empty());
}

TEST_CASE("the desk's counts events are retained, its other events are not") {
  StreamHub hub;
  const auto at = motcua::station::queue::make_station_time(2026, 11, 28, 9, 0, 0);
  retain_counts(hub, {{"A", 2, 20}}, at);
  motcua::station::queue::QueueEvent called;
  called.kind = motcua::station::queue::QueueEvent::Kind::counter_changed;
  called.at = at;
  broadcast(hub, {called});
  Received r;
  hub.subscribe(r.sink());
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0].find(R"("event":"counts")") != std::string::npos);
  CHECK(r.messages[0].find(R"("service_id":"A","waiting":2)") != std::string::npos);

  // Midnight: yesterday's counts are forgotten, nobody new gets them.
  motcua::station::queue::QueueEvent day;
  day.kind = motcua::station::queue::QueueEvent::Kind::day_started;
  day.at = motcua::station::queue::make_station_time(2026, 11, 29, 0, 0, 0);
  broadcast(hub, {day});
  Received next_day;
  hub.subscribe(next_day.sink());
  CHECK(next_day.messages.empty());
}
