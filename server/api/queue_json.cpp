#include "server/api/queue_json.hpp"

#include <boost/json.hpp>

#include <cstdio>

namespace motcua::station {

namespace json = boost::json;

std::string clock_time(const queue::StationTime &t) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d:%02d", t.second_of_day / 3600,
                t.second_of_day / 60 % 60, t.second_of_day % 60);
  return out;
}

namespace {

json::value optional_time(const std::optional<queue::StationTime> &t) {
  return t ? json::value(clock_time(*t)) : json::value(nullptr);
}
} // namespace

json::value queue_ticket_json(const queue::QueueTicket &t) {
  json::object o{{"id", t.id},
                 {"number", t.number},
                 {"service_id", t.service_id},
                 {"issued_service", t.issued_service},
                 {"sequence", t.sequence},
                 {"priority_group", t.priority_group.empty()
                                        ? json::value(nullptr)
                                        : json::value(t.priority_group)},
                 {"offline", t.offline},
                 {"state", queue::to_string(t.state)},
                 {"recall_count", t.recall_count},
                 {"counter_id", t.counter_id},
                 {"day", t.issued_at.day},
                 {"issued_at", clock_time(t.issued_at)},
                 {"called_at", optional_time(t.called_at)},
                 {"started_at", optional_time(t.started_at)},
                 {"finished_at", optional_time(t.finished_at)}};
  return o;
}

json::value counter_json(const queue::Counter &c) {
  json::array services;
  for (const auto &s : c.services)
    services.emplace_back(s);
  return json::object{
      {"id", c.id},
      {"services", std::move(services)},
      {"open", c.open},
      {"officer", c.officer},
      {"current_ticket", c.current ? json::value(*c.current) : json::value(nullptr)}};
}

json::value counts_json(const std::vector<queue::ServiceCount> &counts) {
  json::array out;
  for (const auto &c : counts)
    out.push_back(json::object{{"service_id", c.service_id},
                               {"waiting", c.waiting},
                               {"estimated_wait_minutes", c.estimated_wait_minutes}});
  return out;
}

std::string queue_event_json(const queue::QueueEvent &e) {
  json::object o{
      {"event", queue::to_string(e.kind)}, {"day", e.at.day}, {"at", clock_time(e.at)}};
  if (e.ticket)
    o["ticket"] = queue_ticket_json(*e.ticket);
  if (e.linked)
    o["linked"] = queue_ticket_json(*e.linked);
  if (e.counter)
    o["counter"] = counter_json(*e.counter);
  if (e.kind == queue::QueueEvent::Kind::counts)
    o["counts"] = counts_json(e.counts);
  if (e.kind == queue::QueueEvent::Kind::day_started) {
    o["previous_day"] = e.previous_day;
    o["expired"] = static_cast<std::uint64_t>(e.expired.size());
  }
  return json::serialize(o);
}

} // namespace motcua::station
