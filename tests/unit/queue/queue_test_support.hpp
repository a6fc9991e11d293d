#pragma once
// Shared set-up for the queue tests: a Monday, services that always issue.
#include "server/queue/queue_engine.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace motcua::station::queue::test {

// Monday 2026-11-23 at hh:mm:ss; day_offset moves to the following days.
inline StationTime at(int hour, int minute, int second = 0, int day_offset = 0) {
  return make_station_time(2026, 11, 23 + day_offset, hour, minute, second);
}

inline ServiceRules service(std::string id, int cap = 300, int minutes = 10) {
  ServiceRules rules;
  rules.id = id;
  rules.prefix = id;
  rules.daily_cap = cap;
  rules.default_service_minutes = minutes;
  rules.windows = always_issuing();
  return rules;
}

inline QueueEngine engine(std::vector<ServiceRules> services, QueueConfig config = {}) {
  auto created = QueueEngine::create(std::move(services), config);
  REQUIRE_MESSAGE(created.has_value(),
                  (created.has_value() ? "" : created.error().message));
  return std::move(created).value();
}

// Asserts success and returns the ticket.
inline QueueTicket ok(const UpdateResult &result) {
  REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? "" : result.error().message));
  return result->ticket;
}

inline QueueError::Code error_of(const UpdateResult &result) {
  REQUIRE_FALSE(result.has_value());
  return result.error().code;
}

inline void open(QueueEngine &q, const std::string &counter,
                 std::vector<std::string> services, const StationTime &now) {
  REQUIRE(q.add_counter(counter, std::move(services), now).has_value());
  REQUIRE(q.open_counter(counter, now).has_value());
}

} // namespace motcua::station::queue::test
