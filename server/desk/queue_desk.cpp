#include "server/desk/queue_desk.hpp"

#include "server/log.hpp"
#include "server/numbering.hpp"

#include <algorithm>
#include <sstream>

namespace motcua::station {

using queue::QueueError;
using queue::QueueEvent;
using queue::QueueTicket;

const char *to_string(CounterAction action) {
  switch (action) {
  case CounterAction::call_next:
    return "call_next";
  case CounterAction::recall:
    return "recall";
  case CounterAction::start:
    return "start";
  case CounterAction::done:
    return "done";
  case CounterAction::no_show:
    return "no_show";
  case CounterAction::transfer:
    return "transfer";
  }
  return "call_next";
}

namespace {

DeskError from_queue(const QueueError &error) {
  using C = QueueError::Code;
  switch (error.code) {
  case C::unknown_service:
    return {404, "unknown_service", error.message};
  case C::unknown_counter:
    return {404, "unknown_counter", error.message};
  case C::outside_issuing_window:
    return {409, "outside_issuing_hours", error.message};
  case C::invalid_config:
    return {500, "internal_error", error.message};
  default:
    return {409, queue::to_string(error.code), error.message};
  }
}

DeskError storage_failure() {
  return {500, "storage_error", "the station could not store the change"};
}

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (const auto &item : items)
    out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> split(const std::string &text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty())
      out.push_back(item);
  return out;
}

} // namespace

namespace {
// The catalog's rules as the desk runs them; `always_issuing`: every window
// open (DeskOptions, and a replay of entries already admitted).
std::vector<queue::ServiceRules> desk_rules(const Catalog &catalog, bool always_issuing) {
  auto rules = queue::rules_from_catalog(catalog);
  if (always_issuing)
    for (auto &r : rules)
      r.windows = queue::always_issuing();
  return rules;
}

// One journal entry applied to the engine: the same code serves live actions
// and the replay after a restart, so both reach the same state.
Result<QueueDesk::Applied, QueueError> apply(queue::QueueEngine &engine,
                                             const JournalEntry &e) {
  QueueDesk::Applied out;
  auto take_update = [&](queue::UpdateResult r) -> std::optional<QueueError> {
    if (!r)
      return r.error();
    out.ticket = std::move(r->ticket);
    out.events = std::move(r->events);
    return std::nullopt;
  };
  auto take_events = [&](queue::EventsResult r) -> std::optional<QueueError> {
    if (!r)
      return r.error();
    out.events.insert(out.events.end(), std::make_move_iterator(r->begin()),
                      std::make_move_iterator(r->end()));
    return std::nullopt;
  };
  std::optional<QueueError> error;
  const auto &a = e.action;
  if (a == "issue")
    error = take_update(engine.issue(e.service_id, e.text, e.at));
  else if (a == "call_next")
    error = take_update(engine.call_next(e.counter_id, e.at));
  else if (a == "recall")
    error = take_update(engine.recall(e.counter_id, e.at));
  else if (a == "start")
    error = take_update(engine.start(e.counter_id, e.at));
  else if (a == "done")
    error = take_update(engine.done(e.counter_id, e.at));
  else if (a == "no_show")
    error = take_update(engine.no_show(e.counter_id, e.at));
  else if (a == "transfer")
    error = take_update(engine.transfer(e.counter_id, e.service_id, e.at));
  else if (a == "add_counter")
    error = take_events(engine.add_counter(e.counter_id, split(e.text), e.at));
  else if (a == "set_counter_services")
    error = take_events(engine.set_counter_services(e.counter_id, split(e.text), e.at));
  else if (a == "open_counter") {
    error = take_events(engine.open_counter(e.counter_id, e.at));
    if (!error && !e.text.empty())
      error = take_events(engine.login_officer(e.counter_id, e.text, e.at));
  } else if (a == "close_counter") {
    error = take_events(engine.close_counter(e.counter_id, e.at));
    if (!error)
      error = take_events(engine.login_officer(e.counter_id, "", e.at));
  } else if (a == "set_priority_policy") {
    // text: the kind; count: n of one_in_n.
    error = take_events(engine.set_priority_policy(
        e.text == "one_in_n" ? queue::PriorityPolicy::one_in_n(e.count)
                             : queue::PriorityPolicy::strict(),
        e.at));
  } else if (a == "offline") {
    // count: the sequence; extra: the kiosk's issue time (second of the day).
    queue::OfflineTicket ticket{e.service_id, e.count, e.text,
                                queue::StationTime{e.at.day, e.at.weekday, e.extra}};
    error = take_update(engine.insert_offline(ticket, e.at));
  } else if (a == "withdraw") {
    // text: the number.
    error = take_update(engine.withdraw(e.text, e.at));
  } else if (a == "lease") {
    auto block = engine.lease_block(e.service_id, e.count, e.at);
    if (!block)
      error = block.error();
    else
      out.block = *block;
  } else {
    error = QueueError{QueueError::Code::invalid_config, "unknown journal action " + a};
  }
  if (error)
    return unexpected(*error);
  return out;
}
} // namespace

QueueDesk::QueueDesk(queue::QueueEngine engine, std::vector<queue::ServiceRules> rules,
                     TicketJournal &journal, Clock clock)
    : engine_(std::move(engine)), base_config_(engine_.config()),
      rules_(std::move(rules)), journal_(journal), clock_(std::move(clock)) {
  writer_ = std::make_unique<JournalWriter>(journal_, [this](const StoreError &error) {
    // What was queued after the failed batch was applied on top of it: fail
    // it too, and go back to what the journal holds, before anything new.
    std::lock_guard lock(mutex_);
    writer_->fail_queued(error);
    rebuild();
  });
}

Result<std::unique_ptr<QueueDesk>, std::string> QueueDesk::open(const Catalog &catalog,
                                                                DeskOptions options,
                                                                TicketJournal &journal,
                                                                Clock clock) {
  auto rules = desk_rules(catalog, options.always_issuing);
  auto engine = queue::QueueEngine::create(rules, options.config);
  if (!engine)
    return unexpected("the queue configuration is invalid: " + engine.error().message);
  std::unique_ptr<QueueDesk> desk(
      new QueueDesk(std::move(engine).value(), std::move(rules), journal, clock));
  desk->always_issuing_ = options.always_issuing;
  const auto today = queue::station_time(to_local_time(desk->clock_()));
  auto entries = journal.load_journal(today.day);
  if (!entries)
    return unexpected("cannot read the queue journal: " + entries.error().message);
  replay(desk->engine_, *entries, desk->held_, true);
  return desk;
}

void QueueDesk::replay(queue::QueueEngine &engine,
                       const std::vector<JournalEntry> &entries,
                       std::vector<HeldBlock> &held, bool log_failures) {
  held.clear();
  engine.set_admission_checks(false);
  for (const auto &entry : entries) {
    auto applied = apply(engine, entry);
    if (!applied) {
      if (log_failures)
        log_problem("journal entry " + std::to_string(entry.id) + " (" + entry.action +
                    ") no longer applies: " + applied.error().message);
      continue;
    }
    // A lease journaled before kiosks were named has no holder: nobody may
    // upload from it.
    if (applied->block)
      held.push_back(HeldBlock{entry.text, *applied->block, entry.counter_id});
  }
  engine.set_admission_checks(true);
}

std::vector<queue::QueueTicket>
QueueDesk::replay_tickets(const Catalog &catalog, const queue::QueueConfig &config,
                          const std::vector<JournalEntry> &entries) {
  // Each entry passed the windows when it was made.
  auto rules = desk_rules(catalog, true);
  auto engine = queue::QueueEngine::create(rules, config);
  if (!engine)
    return {};
  std::vector<HeldBlock> held;
  replay(*engine, entries, held, false);
  return engine->tickets();
}

void QueueDesk::set_listener(QueueListener listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

// The engine changed but the journal did not take it: rebuild the engine from
// the journal, so memory never runs ahead of what a restart would see.
void QueueDesk::rebuild() {
  // The journal sets the policy again if it was changed.
  auto engine = queue::QueueEngine::create(rules_, base_config_);
  if (!engine)
    return; // the same rules were accepted at start-up
  const auto today = queue::station_time(to_local_time(clock_()));
  auto entries = journal_.load_journal(today.day);
  if (!entries) {
    log_problem("cannot rebuild the queue: " + entries.error().message);
    return;
  }
  // Replay failures were logged at start-up.
  replay(*engine, *entries, held_, false);
  engine_ = std::move(engine).value();
}

Result<QueueDesk::Applied, DeskError>
QueueDesk::run(JournalEntry entry, std::string issued_at, std::string idempotency_key) {
  auto applied = apply(engine_, entry);
  if (!applied)
    return unexpected(from_queue(applied.error()));
  std::optional<TicketRecord> record;
  if ((entry.action == "issue" || entry.action == "offline") && applied->ticket) {
    const QueueTicket &t = *applied->ticket;
    record =
        TicketRecord{entry.at.day,
                     t.issued_service,
                     t.sequence,
                     t.number,
                     t.is_priority() ? std::optional(t.priority_group) : std::nullopt,
                     std::move(issued_at),
                     std::move(idempotency_key)};
  }
  // Events go out after the commit, in journal order, from the writer.
  std::function<void()> publish;
  if (listener_ && !applied->events.empty())
    publish = [listener = listener_, events = applied->events] { listener(events); };
  auto pending =
      writer_->submit(JournalWrite{entry, std::move(record)}, std::move(publish));
  // Queued under the lock, so journal order is engine order; awaited without
  // it, so that other actions join the same commit (the caller's lock_guard
  // finds the mutex locked again). On failure the writer rebuilt the engine.
  mutex_.unlock();
  const auto error = writer_->wait(pending);
  mutex_.lock();
  if (error)
    return unexpected(storage_failure());
  if (applied->block) {
    std::erase_if(held_, [&](const HeldBlock &h) { return h.block.day != entry.at.day; });
    held_.push_back(HeldBlock{entry.text, *applied->block, entry.counter_id});
  }
  return std::move(applied).value();
}

Ticket QueueDesk::to_ticket(const QueueTicket &t, std::string issued_at) const {
  Ticket out;
  out.number = t.number;
  out.service_id = t.issued_service;
  out.sequence = t.sequence;
  out.day = t.issued_at.day;
  out.issued_at = std::move(issued_at);
  if (t.is_priority())
    out.priority_group = t.priority_group;
  if (auto wait = engine_.estimated_wait(t.id)) {
    out.people_ahead = wait->people_ahead;
    out.estimated_wait_minutes = wait->minutes;
  }
  return out;
}

// A retry while the first try is still being committed waits for that commit;
// the store then knows the key (or the commit failed and nobody has it).
// Called, and returns, with mutex_ held; nothing is queued in between, since
// queueing needs mutex_.
void QueueDesk::await_pending_key(const std::string &key) {
  while (auto pending = writer_->pending_key(key)) {
    mutex_.unlock();
    (void)writer_->wait(pending);
    mutex_.lock();
  }
}

Result<IssueOutcome, DeskError> QueueDesk::issue(const TicketRequest &request) {
  const LocalTime local = to_local_time(clock_());
  std::lock_guard lock(mutex_);
  if (!request.idempotency_key.empty()) {
    await_pending_key(request.idempotency_key);
    auto stored = journal_.find_ticket_by_key(request.idempotency_key);
    if (!stored)
      return unexpected(storage_failure());
    if (*stored) {
      const TicketRecord &r = **stored;
      if (r.service_id != request.service_id ||
          r.priority_group != request.priority_group)
        return unexpected(
            DeskError{409, "idempotency_conflict",
                      "this idempotency key was used for a different ticket"});
      return stored_ticket(r);
    }
  }
  JournalEntry entry;
  entry.at = queue::station_time(local);
  entry.action = "issue";
  entry.service_id = request.service_id;
  entry.text = request.priority_group.value_or("");
  const std::string issued_at = rfc3339(local);
  auto applied = run(std::move(entry), issued_at, request.idempotency_key);
  if (!applied)
    return unexpected(applied.error());
  return IssueOutcome{to_ticket(*applied->ticket, issued_at), false};
}

// The ticket a replayed key issued before, as the API answered it then (with
// today's people ahead while it is still in today's queue).
IssueOutcome QueueDesk::stored_ticket(const TicketRecord &r) const {
  Ticket ticket;
  ticket.number = r.number;
  ticket.service_id = r.service_id;
  ticket.sequence = r.sequence;
  ticket.day = r.day;
  ticket.issued_at = r.issued_at;
  ticket.priority_group = r.priority_group;
  if (r.day == engine_.day())
    for (const auto &t : engine_.tickets())
      if (t.issued_service == r.service_id && t.sequence == r.sequence) {
        ticket = to_ticket(t, r.issued_at);
        break;
      }
  return IssueOutcome{std::move(ticket), true};
}

Result<QueueDesk::WithdrawOutcome, DeskError>
QueueDesk::withdraw(const std::string &idempotency_key) {
  JournalEntry entry;
  entry.at = queue::station_time(to_local_time(clock_()));
  entry.action = "withdraw";
  std::lock_guard lock(mutex_);
  // The ticket of a request still being committed is withdrawn after it.
  await_pending_key(idempotency_key);
  auto stored = journal_.find_ticket_by_key(idempotency_key);
  if (!stored)
    return unexpected(storage_failure());
  if (!*stored)
    return unexpected(DeskError{404, "unknown_ticket",
                                "no ticket was issued with this idempotency key"});
  const TicketRecord &r = **stored;
  if (r.day != entry.at.day)
    return unexpected(DeskError{409, "wrong_day",
                                r.number + " was issued on " + r.day + ", not today"});
  entry.service_id = r.service_id;
  entry.text = r.number;
  auto applied = run(std::move(entry));
  if (!applied) {
    // Issued today with this key, gone from the queue: withdrawn before.
    if (applied.error().code == "unknown_ticket")
      return WithdrawOutcome{r.number, true};
    return unexpected(applied.error());
  }
  return WithdrawOutcome{r.number, false};
}

Result<IssueOutcome, DeskError> QueueDesk::insert_offline(const OfflineTicketUpload &t,
                                                          const std::string &holder) {
  const auto issued_instant = parse_rfc3339(t.issued_at);
  if (!issued_instant)
    return unexpected(
        DeskError{400, "invalid_field", "\"issued_at\" must be an RFC 3339 time"});
  const auto issued = queue::station_time(to_local_time(*issued_instant));
  JournalEntry entry;
  entry.at = queue::station_time(to_local_time(clock_()));
  entry.action = "offline";
  entry.service_id = t.service_id;
  entry.text = t.priority_group.value_or("");
  entry.count = t.sequence;
  entry.extra = issued.second_of_day;
  std::lock_guard lock(mutex_);
  // A re-sent upload whose first copy is still being committed is a replay.
  await_pending_key(t.id);
  auto stored = journal_.find_ticket_by_key(t.id);
  if (!stored)
    return unexpected(storage_failure());
  if (*stored) {
    const TicketRecord &r = **stored;
    if (r.service_id != t.service_id || r.sequence != t.sequence ||
        r.priority_group != t.priority_group || r.day != issued.day)
      return unexpected(DeskError{409, "idempotency_conflict",
                                  "this UUID was used for a different ticket"});
    return stored_ticket(r);
  }
  if (issued.day != entry.at.day)
    return unexpected(DeskError{409, "wrong_day",
                                "the ticket was issued on " + issued.day +
                                    "; the station's queue is on " + entry.at.day});
  // The engine knows leased numbers; only the desk knows which kiosk holds them.
  const bool held = std::any_of(held_.begin(), held_.end(), [&](const HeldBlock &h) {
    return h.holder == holder && h.block.service_id == t.service_id &&
           h.block.day == issued.day && t.sequence >= h.block.first &&
           t.sequence <= h.block.last;
  });
  if (!held)
    return unexpected(DeskError{409, "not_leased",
                                "sequence " + std::to_string(t.sequence) +
                                    " of service " + t.service_id +
                                    " is not in a block this kiosk leased today"});
  auto applied = run(std::move(entry), t.issued_at, t.id);
  if (!applied)
    return unexpected(applied.error());
  return IssueOutcome{to_ticket(*applied->ticket, t.issued_at), false};
}

Result<QueueTicket, DeskError> QueueDesk::act(CounterAction action,
                                              const std::string &counter_id,
                                              const std::string &to_service) {
  JournalEntry entry;
  entry.at = queue::station_time(to_local_time(clock_()));
  entry.action = to_string(action);
  entry.counter_id = counter_id;
  if (action == CounterAction::transfer)
    entry.service_id = to_service;
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  if (!applied)
    return unexpected(applied.error());
  return *applied->ticket;
}

namespace {
JournalEntry counter_entry(const Clock &clock, const char *action,
                           const std::string &counter_id, std::string text = {}) {
  JournalEntry entry;
  entry.at = queue::station_time(to_local_time(clock()));
  entry.action = action;
  entry.counter_id = counter_id;
  entry.text = std::move(text);
  return entry;
}
} // namespace

std::optional<DeskError>
QueueDesk::add_counter(const std::string &counter_id,
                       const std::vector<std::string> &services) {
  auto entry = counter_entry(clock_, "add_counter", counter_id, join(services));
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  return applied ? std::nullopt : std::optional(applied.error());
}

std::optional<DeskError>
QueueDesk::set_counter_services(const std::string &counter_id,
                                const std::vector<std::string> &services) {
  auto entry = counter_entry(clock_, "set_counter_services", counter_id, join(services));
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  return applied ? std::nullopt : std::optional(applied.error());
}

std::optional<DeskError> QueueDesk::open_counter(const std::string &counter_id,
                                                 const std::string &officer) {
  auto entry = counter_entry(clock_, "open_counter", counter_id, officer);
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  return applied ? std::nullopt : std::optional(applied.error());
}

std::optional<DeskError> QueueDesk::set_priority_policy(queue::PriorityPolicy policy) {
  const bool strict = policy.kind == queue::PriorityPolicy::Kind::strict;
  auto entry =
      counter_entry(clock_, "set_priority_policy", "", strict ? "strict" : "one_in_n");
  entry.count = strict ? 0 : policy.n;
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  return applied ? std::nullopt : std::optional(applied.error());
}

std::optional<DeskError> QueueDesk::set_catalog(const Catalog &catalog) {
  auto rules = desk_rules(catalog, always_issuing_);
  const auto now = queue::station_time(to_local_time(clock_()));
  std::lock_guard lock(mutex_);
  if (auto error = engine_.set_rules(rules, now))
    return from_queue(*error);
  rules_ = std::move(rules); // what a rebuild from the journal uses from now on
  if (listener_) {
    // After whatever is being committed, like every event.
    writer_->submit(std::nullopt, [listener = listener_,
                                   events = std::vector{engine_.counts_event(now)}] {
      listener(events);
    });
  }
  return std::nullopt;
}

queue::PriorityPolicy QueueDesk::priority_policy() {
  std::lock_guard lock(mutex_);
  return engine_.config().policy;
}

std::optional<DeskError> QueueDesk::close_counter(const std::string &counter_id) {
  auto entry = counter_entry(clock_, "close_counter", counter_id);
  std::lock_guard lock(mutex_);
  auto applied = run(std::move(entry));
  return applied ? std::nullopt : std::optional(applied.error());
}

Result<QueueDesk::LeaseOutcome, DeskError> QueueDesk::lease(const std::string &service_id,
                                                            int count,
                                                            const std::string &holder,
                                                            const std::string &key) {
  JournalEntry entry;
  entry.at = queue::station_time(to_local_time(clock_()));
  entry.action = "lease";
  entry.service_id = service_id;
  entry.count = count;
  entry.text = holder;
  entry.counter_id = key; // a lease names no counter: the field carries the key
  std::lock_guard lock(mutex_);
  if (!key.empty())
    for (const HeldBlock &h : held_)
      if (h.key == key && h.holder == holder && h.block.service_id == service_id &&
          h.block.day == entry.at.day)
        return LeaseOutcome{h.block, true};
  auto applied = run(std::move(entry));
  if (!applied)
    return unexpected(applied.error());
  return LeaseOutcome{*applied->block, false};
}

DeskSnapshot QueueDesk::snapshot() {
  const auto now = queue::station_time(to_local_time(clock_()));
  std::lock_guard lock(mutex_);
  // A day that ended without any action ends here; replay does the same on the
  // next day's first entry, so this needs no journal entry.
  // Through the writer: after the events of actions still being committed.
  if (auto events = engine_.advance_to(now); events && !events->empty() && listener_)
    writer_->submit(std::nullopt, [listener = listener_, events = std::move(*events)] {
      listener(events);
    });
  DeskSnapshot out;
  out.day = engine_.day().empty() ? now.day : engine_.day();
  out.counters = engine_.counters();
  out.counts = engine_.counts();
  for (auto &t : engine_.tickets())
    if (!queue::is_final(t.state))
      out.open_tickets.push_back(std::move(t));
  return out;
}

std::optional<TicketStatus> QueueDesk::ticket_status(const std::string &day,
                                                     const std::string &number) {
  const auto now = queue::station_time(to_local_time(clock_()));
  // Only today's tickets are in the engine, and only until the day ends.
  if (day != now.day)
    return std::nullopt;
  std::lock_guard lock(mutex_);
  if (engine_.day() != day)
    return std::nullopt;
  // A transfer keeps the number on a new ticket in the other queue: the one
  // issued last is where the citizen stands now.
  std::optional<QueueTicket> found;
  for (const auto &t : engine_.tickets())
    if (t.number == number && (!found || t.id > found->id))
      found = t;
  if (!found)
    return std::nullopt;
  TicketStatus out;
  out.number = found->number;
  out.service_id = found->service_id;
  out.day = day;
  out.state = found->state;
  out.counter_id = found->counter_id;
  if (auto wait = engine_.estimated_wait(found->id)) {
    out.people_ahead = wait->people_ahead;
    out.estimated_wait_minutes = wait->minutes;
  }
  return out;
}

} // namespace motcua::station
