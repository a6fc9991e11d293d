#include "server/queue/queue_engine.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace motcua::station::queue {

namespace {

using Code = QueueError::Code;

Unexpected<QueueError> fail(Code code, std::string message) {
  return unexpected(QueueError{code, std::move(message)});
}

bool serves(const Counter &counter, const std::string &service_id) {
  return std::find(counter.services.begin(), counter.services.end(), service_id) !=
         counter.services.end();
}

// How many places of `line` come before `at` (which is in it). A std::set has
// no rank, so walk from both ends at once: the newest ticket (the one just
// issued, the usual question) and the next to be called both cost O(1).
template <typename Set>
std::size_t places_before(const Set &line, typename Set::const_iterator at) {
  auto back = at, forward = at;
  for (std::size_t steps = 0;; ++steps) {
    if (back == line.begin())
      return steps;
    if (++forward == line.end())
      return line.size() - 1 - steps;
    --back;
  }
}

std::optional<QueueError> check_config(const std::vector<ServiceRules> &services,
                                       const QueueConfig &config) {
  auto bad = [](std::string m) { return QueueError{Code::invalid_config, std::move(m)}; };
  std::set<std::string> ids;
  for (const ServiceRules &s : services) {
    if (s.id.empty() || !ids.insert(s.id).second)
      return bad("service id \"" + s.id + "\" is empty or repeated");
    if (s.prefix.empty())
      return bad("service " + s.id + " has no prefix");
    if (s.first_number < 0 || s.last_number < s.first_number || s.last_number > 999)
      return bad("service " + s.id + " numbers must run within 0..999");
    if (s.daily_cap < 0 || s.default_service_minutes <= 0)
      return bad("service " + s.id + " needs a daily cap >= 0 and an average > 0");
    for (const auto &day : s.windows)
      for (const IssuingWindow &w : day)
        if (w.start_minute < 0 || w.end_minute > 24 * 60 ||
            w.start_minute >= w.end_minute)
          return bad("service " + s.id + " has an empty or out-of-day issuing window");
  }
  if (config.policy.kind == PriorityPolicy::Kind::one_in_n && config.policy.n < 1)
    return bad("one_in_n needs n >= 1");
  if (config.max_recalls < 0 || config.recalls_before_no_show < 0 ||
      config.recalls_before_no_show > config.max_recalls)
    return bad("recalls_before_no_show must be within 0..max_recalls");
  if (config.service_time_window < 1)
    return bad("service_time_window must be at least 1");
  return std::nullopt;
}

} // namespace

const char *to_string(QueueEvent::Kind kind) {
  using K = QueueEvent::Kind;
  switch (kind) {
  case K::day_started:
    return "day_started";
  case K::issued:
    return "issued";
  case K::called:
    return "called";
  case K::recalled:
    return "recalled";
  case K::started:
    return "started";
  case K::done:
    return "done";
  case K::no_show:
    return "no_show";
  case K::transferred:
    return "transferred";
  case K::counter_changed:
    return "counter_changed";
  case K::counts:
    return "counts";
  }
  return "unknown";
}

Result<QueueEngine, QueueError> QueueEngine::create(std::vector<ServiceRules> services,
                                                    QueueConfig config) {
  if (auto error = check_config(services, config))
    return unexpected(*error);
  return QueueEngine(std::move(services), config);
}

std::optional<QueueError> QueueEngine::set_rules(std::vector<ServiceRules> services,
                                                 const StationTime &now) {
  if (auto error = check_config(services, config_))
    return error;
  if (services.size() != services_.size())
    return QueueError{Code::invalid_config, "services cannot be added or removed"};
  const bool today = now.day == day_;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const ServiceRules &now_rules = services_[i].rules;
    const ServiceRules &next = services[i];
    if (next.id != now_rules.id)
      return QueueError{Code::invalid_config, "services cannot be added or removed"};
    const bool numbering_changes = next.prefix != now_rules.prefix ||
                                   next.first_number != now_rules.first_number ||
                                   next.last_number != now_rules.last_number;
    if (numbering_changes && today && services_[i].issued + services_[i].leased > 0)
      return QueueError{Code::numbers_in_use,
                        "service " + next.id + " has given out numbers today as " +
                            now_rules.prefix +
                            ": its prefix can change once the day is over, before its "
                            "first ticket"};
  }
  for (std::size_t i = 0; i < services.size(); ++i)
    services_[i].rules = std::move(services[i]);
  return std::nullopt;
}

QueueEngine::QueueEngine(std::vector<ServiceRules> services, QueueConfig config)
    : config_(config) {
  for (ServiceRules &rules : services)
    services_.push_back(fresh_day(std::move(rules)));
}

QueueEngine::ServiceDay QueueEngine::fresh_day(ServiceRules rules) const {
  ServiceDay day{std::move(rules),
                 0,
                 0,
                 {},
                 ServiceTimes(std::size_t(config_.service_time_window)),
                 {}};
  return day;
}

// ---- day ---------------------------------------------------------------------

void QueueEngine::roll_over(const StationTime &now) {
  QueueEvent event;
  event.kind = QueueEvent::Kind::day_started;
  event.at = now;
  event.previous_day = day_;
  for (auto &[id, ticket] : tickets_) {
    if (is_final(ticket.state))
      continue;
    ticket.state = TicketState::expired;
    ticket.finished_at = now;
    event.expired.push_back(ticket);
  }
  tickets_.clear();
  for (ServiceDay &s : services_)
    s = fresh_day(std::move(s.rules));
  for (Counter &c : counters_) {
    c.open = false;
    c.officer.clear();
    c.current.reset();
    c.normals_since_priority = 0;
  }
  day_ = now.day;
  pending_.push_back(std::move(event));
}

std::optional<QueueError> QueueEngine::enter(const StationTime &now) {
  if (!day_.empty() && now.day < day_)
    return QueueError{Code::time_went_back, "the time given (" + now.day +
                                                ") is before the queue's day " + day_};
  if (day_.empty())
    day_ = now.day; // the engine's first day: nothing to end
  else if (now.day != day_)
    roll_over(now);
  return std::nullopt;
}

EventsResult QueueEngine::advance_to(const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  return std::exchange(pending_, {});
}

// ---- lookups -----------------------------------------------------------------

QueueEngine::ServiceDay *QueueEngine::service(std::string_view id) {
  for (ServiceDay &s : services_)
    if (s.rules.id == id)
      return &s;
  return nullptr;
}

const QueueEngine::ServiceDay *QueueEngine::service(std::string_view id) const {
  return const_cast<QueueEngine *>(this)->service(id);
}

Counter *QueueEngine::counter(std::string_view id) {
  for (Counter &c : counters_)
    if (c.id == id)
      return &c;
  return nullptr;
}

const Counter *QueueEngine::find_counter(std::string_view id) const {
  return const_cast<QueueEngine *>(this)->counter(id);
}

std::vector<Counter> QueueEngine::counters() const { return counters_; }

const QueueTicket *QueueEngine::find_ticket(TicketId id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

std::vector<QueueTicket> QueueEngine::tickets() const {
  std::vector<QueueTicket> out;
  out.reserve(tickets_.size());
  for (const auto &[id, ticket] : tickets_)
    out.push_back(ticket);
  return out;
}

QueueTicket &QueueEngine::add_ticket(QueueTicket ticket) {
  ticket.id = next_id_++;
  QueueTicket &added = tickets_.emplace(ticket.id, std::move(ticket)).first->second;
  if (added.state == TicketState::waiting)
    service(added.service_id)
        ->waiting[added.is_priority()]
        .emplace(added.queued_at.second_of_day, added.id);
  return added;
}

void QueueEngine::leave_line(const QueueTicket &t) {
  service(t.service_id)
      ->waiting[t.is_priority()]
      .erase({t.queued_at.second_of_day, t.id});
}

// ---- events ------------------------------------------------------------------

QueueEvent QueueEngine::ticket_event(QueueEvent::Kind kind, const QueueTicket &ticket,
                                     const StationTime &now, const Counter *c) const {
  QueueEvent event;
  event.kind = kind;
  event.at = now;
  event.ticket = ticket;
  if (c)
    event.counter = *c;
  return event;
}

QueueEvent QueueEngine::counts_event(const StationTime &now) const {
  QueueEvent event;
  event.kind = QueueEvent::Kind::counts;
  event.at = now;
  event.counts = counts();
  return event;
}

UpdateResult QueueEngine::finish(QueueEvent event, const QueueTicket &ticket,
                                 const StationTime &now) {
  QueueUpdate update{ticket, std::exchange(pending_, {})};
  update.events.push_back(std::move(event));
  update.events.push_back(counts_event(now));
  return update;
}

EventsResult QueueEngine::finish_counter(const Counter &c, const StationTime &now) {
  std::vector<QueueEvent> events = std::exchange(pending_, {});
  QueueEvent event;
  event.kind = QueueEvent::Kind::counter_changed;
  event.at = now;
  event.counter = c;
  events.push_back(std::move(event));
  // Opening or closing a counter changes every estimate it serves.
  events.push_back(counts_event(now));
  return events;
}

// ---- issuing -----------------------------------------------------------------

UpdateResult QueueEngine::withdraw(std::string_view number, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto it = std::find_if(tickets_.begin(), tickets_.end(), [&](const auto &entry) {
    return entry.second.number == number;
  });
  if (it == tickets_.end())
    return fail(Code::unknown_ticket, "no ticket " + std::string(number) + " today");
  if (it->second.state != TicketState::waiting)
    return fail(Code::wrong_state, it->second.number + " was called already");
  QueueTicket gone = std::move(it->second);
  leave_line(gone);
  tickets_.erase(it);
  QueueUpdate update{std::move(gone), std::exchange(pending_, {})};
  update.events.push_back(counts_event(now));
  return update;
}

UpdateResult QueueEngine::issue(std::string_view service_id,
                                std::string_view priority_group, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  ServiceDay *s = service(service_id);
  if (!s)
    return fail(Code::unknown_service, "no service \"" + std::string(service_id) + "\"");
  if (admission_checks_ && !s->rules.issuing_at(now))
    return fail(Code::outside_issuing_window,
                "service " + s->rules.id + " is not issuing tickets at this time");
  if (admission_checks_ && s->issued + s->leased >= s->rules.capacity())
    return fail(Code::daily_cap_reached,
                "service " + s->rules.id + " has issued all its tickets for today");
  QueueTicket t;
  t.sequence = s->rules.first_number + s->issued++;
  t.number = ticket_number(s->rules, t.sequence);
  t.service_id = t.issued_service = s->rules.id;
  t.priority_group = priority_group;
  t.issued_at = t.queued_at = now;
  const QueueTicket &added = add_ticket(std::move(t));
  return finish(ticket_event(QueueEvent::Kind::issued, added, now, nullptr), added, now);
}

Result<SequenceBlock, QueueError>
QueueEngine::lease_block(std::string_view service_id, int count, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  ServiceDay *s = service(service_id);
  if (!s)
    return fail(Code::unknown_service, "no service \"" + std::string(service_id) + "\"");
  const int left = s->rules.capacity() - s->issued - s->leased;
  if (count < 1 || left < 1)
    return fail(Code::daily_cap_reached,
                "service " + s->rules.id + " has no numbers left to lease today");
  const int granted = std::min(count, left);
  // Deterministic in the order of actions, so replaying the journal after a
  // restart cuts the same blocks the kiosks hold.
  SequenceBlock block{s->rules.id, day_, 0, s->rules.last_number - s->leased};
  block.first = block.last - granted + 1;
  s->leased += granted;
  s->leases.push_back(block);
  return block;
}

UpdateResult QueueEngine::insert_offline(const OfflineTicket &offline,
                                         const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  ServiceDay *s = service(offline.service_id);
  if (!s)
    return fail(Code::unknown_service, "no service \"" + offline.service_id + "\"");
  if (offline.issued_at.day != day_)
    return fail(Code::wrong_day, "ticket issued on " + offline.issued_at.day +
                                     ", the queue is on " + day_);
  const bool leased =
      std::any_of(s->leases.begin(), s->leases.end(), [&](const SequenceBlock &b) {
        return offline.sequence >= b.first && offline.sequence <= b.last;
      });
  const std::string number = ticket_number(s->rules, offline.sequence);
  if (!leased)
    return fail(Code::not_leased, number + " is not in a block leased today");
  for (const auto &[id, t] : tickets_)
    if (t.issued_service == s->rules.id && t.sequence == offline.sequence)
      return fail(Code::duplicate_ticket, number + " is already in the queue");
  QueueTicket t;
  t.sequence = offline.sequence;
  t.number = number;
  t.service_id = t.issued_service = s->rules.id;
  t.priority_group = offline.priority_group;
  t.offline = true;
  t.issued_at = t.queued_at = offline.issued_at;
  const QueueTicket &added = add_ticket(std::move(t));
  return finish(ticket_event(QueueEvent::Kind::issued, added, now, nullptr), added, now);
}

EventsResult QueueEngine::set_priority_policy(PriorityPolicy policy,
                                              const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  if (policy.kind == PriorityPolicy::Kind::one_in_n && policy.n < 1)
    return fail(Code::invalid_config, "one_in_n needs n >= 1");
  config_.policy = policy;
  return std::vector<QueueEvent>{};
}

// ---- counters ----------------------------------------------------------------

EventsResult QueueEngine::add_counter(std::string_view counter_id,
                                      std::vector<std::string> services,
                                      const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  if (counter_id.empty() || counter(counter_id))
    return fail(Code::duplicate_counter,
                "counter \"" + std::string(counter_id) + "\" is empty or exists");
  counters_.push_back(Counter{std::string(counter_id), {}, false, {}, {}, 0});
  auto result = set_counter_services(counter_id, std::move(services), now);
  if (!result)
    counters_.pop_back();
  return result;
}

EventsResult QueueEngine::set_counter_services(std::string_view counter_id,
                                               std::vector<std::string> services,
                                               const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  Counter *c = counter(counter_id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(counter_id) + "\"");
  for (const std::string &id : services)
    if (!service(id))
      return fail(Code::unknown_service, "no service \"" + id + "\"");
  c->services = std::move(services);
  return finish_counter(*c, now);
}

EventsResult QueueEngine::open_counter(std::string_view counter_id,
                                       const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  Counter *c = counter(counter_id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(counter_id) + "\"");
  c->open = true;
  return finish_counter(*c, now);
}

EventsResult QueueEngine::close_counter(std::string_view counter_id,
                                        const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  Counter *c = counter(counter_id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(counter_id) + "\"");
  if (c->current)
    return fail(Code::counter_busy,
                "counter " + c->id + " must finish its ticket before closing");
  c->open = false;
  return finish_counter(*c, now);
}

EventsResult QueueEngine::login_officer(std::string_view counter_id,
                                        std::string_view officer,
                                        const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  Counter *c = counter(counter_id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(counter_id) + "\"");
  c->officer = officer;
  return finish_counter(*c, now);
}

// ---- counter actions ---------------------------------------------------------

Result<Counter *, QueueError> QueueEngine::counter_with_ticket(std::string_view id) {
  Counter *c = counter(id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(id) + "\"");
  if (!c->current)
    return fail(Code::counter_idle, "counter " + c->id + " has no called ticket");
  return c;
}

UpdateResult QueueEngine::call_next(std::string_view counter_id, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  Counter *c = counter(counter_id);
  if (!c)
    return fail(Code::unknown_counter, "no counter \"" + std::string(counter_id) + "\"");
  if (!c->open)
    return fail(Code::counter_closed, "counter " + c->id + " is closed");
  if (c->current)
    return fail(Code::counter_busy,
                "counter " + c->id + " still has " + tickets_.at(*c->current).number);
  // The head of each of the counter's lines, per class; the earliest wins.
  std::optional<LinePlace> first_place[2];
  for (const std::string &id : c->services) {
    const ServiceDay *s = service(id);
    if (!s)
      continue;
    for (int priority = 0; priority < 2; ++priority)
      if (!s->waiting[priority].empty() &&
          (!first_place[priority] ||
           *s->waiting[priority].begin() < *first_place[priority]))
        first_place[priority] = *s->waiting[priority].begin();
  }
  QueueTicket *first_normal =
      first_place[0] ? &tickets_.at(first_place[0]->second) : nullptr;
  QueueTicket *first_priority =
      first_place[1] ? &tickets_.at(first_place[1]->second) : nullptr;
  if (!first_priority && !first_normal)
    return fail(Code::queue_empty, "nobody is waiting for counter " + c->id);
  const bool take_priority = call_priority_next(config_.policy, c->normals_since_priority,
                                                first_priority, first_normal);
  QueueTicket &t = take_priority ? *first_priority : *first_normal;
  c->normals_since_priority = take_priority ? 0 : c->normals_since_priority + 1;
  leave_line(t);
  t.state = TicketState::called;
  t.counter_id = c->id;
  t.officer = c->officer;
  t.called_at = now;
  c->current = t.id;
  return finish(ticket_event(QueueEvent::Kind::called, t, now, c), t, now);
}

UpdateResult QueueEngine::recall(std::string_view counter_id, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto c = counter_with_ticket(counter_id);
  if (!c)
    return unexpected(c.error());
  QueueTicket &t = tickets_.at(*(*c)->current);
  if (t.state != TicketState::called)
    return fail(Code::wrong_state, t.number + " is already being served");
  if (t.recall_count >= config_.max_recalls)
    return fail(Code::recall_limit_reached,
                t.number + " was recalled " + std::to_string(t.recall_count) + " times");
  ++t.recall_count;
  return finish(ticket_event(QueueEvent::Kind::recalled, t, now, *c), t, now);
}

UpdateResult QueueEngine::start(std::string_view counter_id, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto c = counter_with_ticket(counter_id);
  if (!c)
    return unexpected(c.error());
  QueueTicket &t = tickets_.at(*(*c)->current);
  if (t.state != TicketState::called)
    return fail(Code::wrong_state, t.number + " is already being served");
  t.state = TicketState::serving;
  t.started_at = now;
  return finish(ticket_event(QueueEvent::Kind::started, t, now, *c), t, now);
}

UpdateResult QueueEngine::done(std::string_view counter_id, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto c = counter_with_ticket(counter_id);
  if (!c)
    return unexpected(c.error());
  QueueTicket &t = tickets_.at(*(*c)->current);
  // An officer who skipped "start" served from the call: time it from there.
  if (!t.started_at)
    t.started_at = t.called_at;
  t.state = TicketState::done;
  t.finished_at = now;
  service(t.service_id)->times.add(seconds_between(*t.started_at, now));
  (*c)->current.reset();
  return finish(ticket_event(QueueEvent::Kind::done, t, now, *c), t, now);
}

UpdateResult QueueEngine::no_show(std::string_view counter_id, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto c = counter_with_ticket(counter_id);
  if (!c)
    return unexpected(c.error());
  QueueTicket &t = tickets_.at(*(*c)->current);
  if (t.state != TicketState::called)
    return fail(Code::wrong_state, t.number + " is being served, it came");
  if (t.recall_count < config_.recalls_before_no_show)
    return fail(Code::too_few_recalls,
                "recall " + t.number + " " +
                    std::to_string(config_.recalls_before_no_show - t.recall_count) +
                    " more time(s) before marking a no-show");
  t.state = TicketState::no_show;
  t.finished_at = now;
  (*c)->current.reset();
  return finish(ticket_event(QueueEvent::Kind::no_show, t, now, *c), t, now);
}

UpdateResult QueueEngine::transfer(std::string_view counter_id,
                                   std::string_view to_service, const StationTime &now) {
  if (auto error = enter(now))
    return unexpected(*error);
  auto c = counter_with_ticket(counter_id);
  if (!c)
    return unexpected(c.error());
  ServiceDay *target = service(to_service);
  if (!target)
    return fail(Code::unknown_service, "no service \"" + std::string(to_service) + "\"");
  QueueTicket &from = tickets_.at(*(*c)->current);
  if (from.service_id == to_service)
    return fail(Code::same_service, from.number + " is already in " + from.service_id);
  if (from.state == TicketState::serving)
    service(from.service_id)->times.add(seconds_between(*from.started_at, now));

  QueueTicket next;
  next.number = from.number;
  next.service_id = target->rules.id;
  next.issued_service = from.issued_service;
  next.sequence = from.sequence;
  next.priority_group = from.priority_group;
  next.offline = from.offline;
  next.issued_at = from.issued_at;
  next.queued_at =
      config_.transfer_placement == QueueConfig::TransferPlacement::keep_arrival
          ? from.queued_at
          : now;
  next.transferred_from = from.id;
  // std::map insertion keeps `from` valid.
  const QueueTicket &added = add_ticket(std::move(next));
  from.state = TicketState::transferred;
  from.finished_at = now;
  from.transferred_to = added.id;
  (*c)->current.reset();

  QueueEvent event = ticket_event(QueueEvent::Kind::transferred, from, now, *c);
  event.linked = added;
  return finish(std::move(event), from, now);
}

// ---- queries -----------------------------------------------------------------

int QueueEngine::waiting_count(std::string_view service_id) const {
  const ServiceDay *s = service(service_id);
  return s ? int(s->waiting[0].size() + s->waiting[1].size()) : 0;
}

WaitEstimate QueueEngine::estimate(const ServiceDay &s, bool is_priority,
                                   int same_class_ahead, int other_class_waiting) const {
  WaitEstimate e;
  e.people_ahead = queue::people_ahead(config_.policy, is_priority, same_class_ahead,
                                       other_class_waiting);
  e.open_counters =
      int(std::count_if(counters_.begin(), counters_.end(), [&](const Counter &c) {
        return c.open && serves(c, s.rules.id);
      }));
  const auto measured = s.times.average_seconds();
  e.measured = measured.has_value();
  e.service_minutes = measured ? *measured / 60.0 : s.rules.default_service_minutes;
  e.minutes = estimate_minutes(e.people_ahead, e.open_counters, e.service_minutes);
  return e;
}

std::vector<ServiceCount> QueueEngine::counts() const {
  // From the lines' sizes: this runs after every issue and call.
  std::vector<ServiceCount> out;
  out.reserve(services_.size());
  for (const ServiceDay &s : services_) {
    const int normal = int(s.waiting[0].size()), priority = int(s.waiting[1].size());
    const auto e = estimate(s, false, normal, priority);
    out.push_back({s.rules.id, normal + priority, e.minutes});
  }
  return out;
}

Result<WaitEstimate, QueueError> QueueEngine::estimated_wait(TicketId id) const {
  const QueueTicket *t = find_ticket(id);
  if (!t)
    return fail(Code::unknown_ticket, "no ticket " + std::to_string(id) + " today");
  if (t->state != TicketState::waiting)
    return fail(Code::wrong_state, t->number + " is " + to_string(t->state));
  const ServiceDay &s = *service(t->service_id);
  const auto &line = s.waiting[t->is_priority()];
  const int same_ahead =
      int(places_before(line, line.find({t->queued_at.second_of_day, id})));
  const int other_waiting = int(s.waiting[!t->is_priority()].size());
  return estimate(s, t->is_priority(), same_ahead, other_waiting);
}

Result<WaitEstimate, QueueError>
QueueEngine::estimated_wait(std::string_view service_id) const {
  const ServiceDay *s = service(service_id);
  if (!s)
    return fail(Code::unknown_service, "no service \"" + std::string(service_id) + "\"");
  return estimate(*s, false, int(s->waiting[0].size()), int(s->waiting[1].size()));
}

Result<int, QueueError> QueueEngine::people_ahead(TicketId id) const {
  auto e = estimated_wait(id);
  if (!e)
    return unexpected(e.error());
  return e->people_ahead;
}

} // namespace motcua::station::queue
