#pragma once
// The queue's JSON form, shared by the counter API and the /api/v1/stream push.
#include "server/queue/queue_event.hpp"
#include "server/queue/service_times.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace motcua::station {

// "08:15:03": a station time as the pages and the stream show it.
std::string clock_time(const queue::StationTime &time);
boost::json::value queue_ticket_json(const queue::QueueTicket &ticket);
boost::json::value counter_json(const queue::Counter &counter);
boost::json::value counts_json(const std::vector<queue::ServiceCount> &counts);
// {"event":"called","at":"08:15:03","day":...,"ticket":{...},...}
std::string queue_event_json(const queue::QueueEvent &event);

} // namespace motcua::station
