#pragma once
// Taps the kiosk served from its lease while their request to the station
// was still out. Once that request ends, answered late or failed, the
// station may hold a ticket for the tap that nobody has: the caller then
// journals a withdrawal of it (net/journal/withdrawal_outbox.hpp). Before the
// end the station may still be about to issue it, and a withdrawal would find
// nothing. Pure; the main thread owns it.
#include <set>
#include <string>

namespace motcua::kiosk {

class LateAnswers {
public:
  // The reducer gave up waiting for the tap `key` (IssueOffline).
  void fell_back(const std::string &key) { waiting_.insert(key); }
  // The station request of `key` ended (TicketIssued online, TicketFailed):
  // true once, when that tap fell back before.
  bool request_ended(const std::string &key) { return waiting_.erase(key) > 0; }
  std::size_t pending() const { return waiting_.size(); }

private:
  std::set<std::string> waiting_;
};

} // namespace motcua::kiosk
