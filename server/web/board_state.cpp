#include "server/web/board_state.hpp"

#include "server/api/queue_json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

namespace motcua::station {

namespace json = boost::json;

namespace {
json::object called_ticket(const queue::QueueTicket &t) {
  return json::object{{"number", t.number},
                      {"service_id", t.service_id},
                      {"counter_id", t.counter_id},
                      {"state", queue::to_string(t.state)},
                      {"recall_count", t.recall_count},
                      {"called_at", t.called_at ? clock_time(*t.called_at) : ""}};
}
} // namespace

std::string board_json(const DeskSnapshot &snapshot, std::size_t recent) {
  json::array counters;
  for (const auto &c : snapshot.counters) {
    json::value current = nullptr;
    if (c.current)
      for (const auto &t : snapshot.open_tickets)
        if (t.id == *c.current)
          current = called_ticket(t);
    json::array services;
    for (const auto &s : c.services)
      services.emplace_back(s);
    counters.push_back(json::object{{"id", c.id},
                                    {"open", c.open},
                                    {"services", std::move(services)},
                                    {"current", std::move(current)}});
  }
  // Only tickets still open are in the snapshot: after a restart the board
  // starts from the numbers being called or served now.
  std::vector<const queue::QueueTicket *> called;
  for (const auto &t : snapshot.open_tickets)
    if (t.called_at)
      called.push_back(&t);
  std::sort(called.begin(), called.end(), [](const auto *a, const auto *b) {
    return a->called_at->second_of_day != b->called_at->second_of_day
               ? a->called_at->second_of_day > b->called_at->second_of_day
               : a->id > b->id;
  });
  json::array last;
  for (std::size_t i = 0; i < called.size() && i < recent; ++i)
    last.push_back(called_ticket(*called[i]));
  return json::serialize(json::object{{"day", snapshot.day},
                                      {"counters", std::move(counters)},
                                      {"recent", std::move(last)},
                                      {"counts", counts_json(snapshot.counts)}});
}

} // namespace motcua::station
