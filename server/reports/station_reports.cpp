#include "server/reports/station_reports.hpp"

#include "net/protocol/rating.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/storage/migrations.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace motcua::station {

namespace json = boost::json;
using sqlite::Statement;

namespace {

std::optional<std::chrono::year_month_day> parse_day(const std::string &day) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (day.size() != 10 ||
      std::sscanf(day.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                  std::chrono::day{d}};
  if (!ymd.ok())
    return std::nullopt;
  return ymd;
}

// A share with four decimals: 0.8333; 0 when there is nothing to share.
double share(int part, int whole) {
  return whole == 0 ? 0.0 : std::round(10000.0 * part / whole) / 10000.0;
}

// Minutes with one decimal.
double minutes(int seconds) { return std::round(seconds / 6.0) / 10.0; }

// Nearest rank: the smallest value with at least p of the values at or
// below it. Exact for a test to check by hand, and a value someone waited.
json::value percentile(std::vector<int> seconds, double p) {
  if (seconds.empty())
    return nullptr;
  std::sort(seconds.begin(), seconds.end());
  auto rank =
      static_cast<std::size_t>(std::ceil(p * static_cast<double>(seconds.size())));
  rank = std::clamp<std::size_t>(rank, 1, seconds.size());
  return minutes(seconds[rank - 1]);
}

// What the rate or share did since the period before, four decimals.
double change(double now, double before) {
  return std::round(10000.0 * (now - before)) / 10000.0;
}

json::object period_json(const ReportPeriod &p) {
  static constexpr const char *kinds[] = {"month", "quarter", "year"};
  return json::object{{"kind", kinds[static_cast<int>(p.kind)]},
                      {"label", p.label},
                      {"from", p.from},
                      {"to", p.to}};
}

json::object durations(const std::vector<int> &seconds) {
  return json::object{{"count", seconds.size()},
                      {"median", percentile(seconds, 0.5)},
                      {"p90", percentile(seconds, 0.9)}};
}

struct Group {
  int total = 0;
  int satisfied = 0;
  std::map<std::string, int> levels;
  void add(const std::string &level) {
    ++total;
    satisfied += is_satisfied_level(level) ? 1 : 0;
    ++levels[level];
  }
};

json::object group_json(const Group &g) {
  json::object levels;
  for (auto level : rating_levels())
    levels[level] =
        g.levels.count(std::string(level)) ? g.levels.at(std::string(level)) : 0;
  return json::object{{"total", g.total},
                      {"satisfied", g.satisfied},
                      {"rate", share(g.satisfied, g.total)},
                      {"levels", std::move(levels)}};
}

json::array groups_json(const std::map<std::string, Group> &groups) {
  json::array out;
  for (const auto &[key, g] : groups) {
    auto o = group_json(g);
    o.emplace("key", key);
    out.push_back(std::move(o));
  }
  return out;
}

struct ServiceFigures {
  int tickets = 0;
  int priority = 0;
  int no_shows = 0;
  int done = 0;
  int expired = 0;
  std::vector<int> waits;         // seconds from issue to first call
  std::vector<int> service_times; // seconds from start (or call) to done
};

int elapsed_seconds(const queue::StationTime &a, const queue::StationTime &b) {
  return b.second_of_day - a.second_of_day; // the same station day
}

} // namespace

struct StationReports::Figures {
  ReportPeriod period;
  // Satisfaction.
  Group overall;
  std::map<std::string, Group> per_counter, per_officer, per_service, per_day, per_month,
      per_quarter;
  std::map<int, Group> per_rated_hour;
  std::map<std::pair<int, int>, Group> heat; // (weekday 0 = Sunday, hour)
  std::map<std::string, int> reasons;
  // Queue.
  ServiceFigures all;
  std::map<std::string, ServiceFigures> per_queue_service;
  std::map<std::string, ServiceFigures> per_issue_day, per_issue_month;
  std::map<int, std::map<std::string, int>> per_hour; // hour → service → tickets
  // The period before, computed without a period before it.
  std::unique_ptr<Figures> previous;
};

Result<std::unique_ptr<StationReports>>
StationReports::open(const std::filesystem::path &data_dir, Catalog catalog,
                     queue::QueueConfig config) {
  auto db = open_station_database(data_dir);
  if (!db)
    return unexpected(db.error().message);
  return std::unique_ptr<StationReports>(
      new StationReports(std::move(db).value(), std::move(catalog), config));
}

Result<StationReports::Figures> StationReports::compute(const ReportPeriod &period,
                                                        bool with_previous) {
  Figures f;
  f.period = period;
  // The journal of the period in one pass over its (day, id) index, each
  // day replayed after the counters and policy set before it (ids grow with time,
  // so that is the journal's order).
  const char *columns = "SELECT id, day, weekday, second_of_day, action, counter_id, "
                        "service_id, text, count, extra FROM queue_journal ";
  auto setup = db_.prepare(std::string(columns) + "WHERE day < ?1 AND action IN " +
                           carried_over_actions_sql() + " ORDER BY id");
  auto journal =
      db_.prepare(std::string(columns) + "WHERE day BETWEEN ?1 AND ?2 ORDER BY day, id");
  if (!setup || !journal || !setup->bind(1, std::string_view(period.from)) ||
      !journal->bind(1, std::string_view(period.from)) ||
      !journal->bind(2, std::string_view(period.to)))
    return unexpected("reports: " + db_.last_error());
  auto read_entry = [](Statement &q) {
    JournalEntry e;
    e.id = q.column_int(0);
    e.at.day = q.column_text(1);
    e.at.weekday = static_cast<int>(q.column_int(2));
    e.at.second_of_day = static_cast<int>(q.column_int(3));
    e.action = q.column_text(4);
    e.counter_id = q.column_text(5);
    e.service_id = q.column_text(6);
    e.text = q.column_text(7);
    e.count = static_cast<int>(q.column_int(8));
    e.extra = static_cast<int>(q.column_int(9));
    return e;
  };
  std::vector<JournalEntry> carried;
  while (setup->step() == Statement::Step::row)
    carried.push_back(read_entry(*setup));
  // Each day's tickets, as the desk left them; the last ticket of a number
  // is where a transferred citizen ended up (who served them).
  std::map<std::string, std::map<std::string, queue::QueueTicket>> last_of_number;
  auto add_day = [&](const std::string &day, std::vector<JournalEntry> entries) {
    for (const auto &t : QueueDesk::replay_tickets(catalog_, config_, entries)) {
      if (t.issued_at.day != day)
        continue;
      last_of_number[day][t.number] = t; // by id: later ones replace
      ServiceFigures &s = f.per_queue_service[t.service_id];
      if (!t.transferred_from) { // a continuation is the same citizen
        ServiceFigures &issued = f.per_queue_service[t.issued_service];
        for (ServiceFigures *x : {&issued, &f.all, &f.per_issue_day[day],
                                  &f.per_issue_month[month_of(day)]}) {
          ++x->tickets;
          x->priority += t.is_priority() ? 1 : 0;
          if (t.called_at)
            x->waits.push_back(elapsed_seconds(t.issued_at, *t.called_at));
        }
        ++f.per_hour[t.issued_at.second_of_day / 3600][t.issued_service];
      }
      for (ServiceFigures *x :
           {&s, &f.all, &f.per_issue_day[day], &f.per_issue_month[month_of(day)]}) {
        if (t.state == queue::TicketState::no_show)
          ++x->no_shows;
        if (t.state == queue::TicketState::done && t.finished_at) {
          ++x->done;
          x->service_times.push_back(elapsed_seconds(
              t.started_at ? *t.started_at : *t.called_at, *t.finished_at));
        }
        // A day that is over left its open tickets open in the journal.
        if (t.state == queue::TicketState::expired || !queue::is_final(t.state))
          ++x->expired;
      }
    }
    for (auto &e : entries)
      if (e.at.day == day && carried_over(e.action))
        carried.push_back(std::move(e));
  };
  std::string day;
  std::vector<JournalEntry> entries;
  while (journal->step() == Statement::Step::row) {
    auto e = read_entry(*journal);
    if (e.at.day != day) {
      if (!day.empty())
        add_day(day, std::move(entries));
      day = e.at.day;
      entries = carried;
    }
    entries.push_back(std::move(e));
  }
  if (!day.empty())
    add_day(day, std::move(entries));

  auto ratings =
      db_.prepare("SELECT level, reasons, ticket_number, linked, rated_at FROM "
                  "ratings WHERE substr(rated_at, 1, 10) BETWEEN ?1 AND ?2");
  if (!ratings || !ratings->bind(1, std::string_view(period.from)) ||
      !ratings->bind(2, std::string_view(period.to)))
    return unexpected("reports: " + db_.last_error());
  while (ratings->step() == Statement::Step::row) {
    const std::string level = ratings->column_text(0);
    const std::string rated_at = ratings->column_text(4);
    const std::string day = rated_at.substr(0, 10);
    f.overall.add(level);
    f.per_day[day].add(level);
    f.per_month[month_of(day)].add(level);
    f.per_quarter[quarter_of(day)].add(level);
    if (auto ymd = parse_day(day); ymd && rated_at.size() >= 13) {
      const int weekday = static_cast<int>(
          std::chrono::weekday{std::chrono::sys_days{*ymd}}.c_encoding());
      const int hour = std::stoi(rated_at.substr(11, 2));
      f.heat[{weekday, hour}].add(level);
      f.per_rated_hour[hour].add(level);
    }
    std::string counter, officer, service;
    if (ratings->column_int(3) == 1) {
      auto &numbers = last_of_number[day];
      if (auto it = numbers.find(ratings->column_text(2)); it != numbers.end()) {
        counter = it->second.counter_id;
        officer = it->second.officer;
        service = it->second.issued_service;
      }
    }
    // "" is the rating nobody linked to a ticket: counted, not attributed.
    f.per_counter[counter].add(level);
    f.per_officer[officer].add(level);
    f.per_service[service].add(level);
    boost::system::error_code ec;
    auto reasons = json::parse(ratings->column_text(1), ec);
    if (!ec && reasons.is_array())
      for (const auto &r : reasons.as_array())
        if (r.is_string())
          ++f.reasons[std::string(r.as_string())];
  }
  ratings->reset();
  if (with_previous) {
    auto previous = compute(previous_period(period), false);
    if (!previous)
      return unexpected(previous.error());
    f.previous = std::make_unique<Figures>(std::move(previous).value());
  }
  return f;
}

void StationReports::set_catalog(Catalog catalog) {
  std::lock_guard lock(mutex_);
  catalog_ = std::move(catalog);
}

Result<std::string> StationReports::satisfaction_json(const ReportPeriod &period) {
  std::lock_guard lock(mutex_);
  auto f = compute(period, true);
  if (!f)
    return unexpected(f.error());
  json::object out = group_json(f->overall);
  out["period"] = period_json(period);
  out["per_counter"] = groups_json(f->per_counter);
  out["per_officer"] = groups_json(f->per_officer);
  out["per_service"] = groups_json(f->per_service);
  out["per_day"] = groups_json(f->per_day);
  out["per_month"] = groups_json(f->per_month);
  out["per_quarter"] = groups_json(f->per_quarter);
  json::array hours;
  for (const auto &[hour, g] : f->per_rated_hour) {
    auto o = group_json(g);
    o.emplace("hour", hour);
    hours.push_back(std::move(o));
  }
  out["per_hour"] = std::move(hours);
  json::array heat;
  for (const auto &[cell, g] : f->heat) {
    auto o = group_json(g);
    o.erase("levels");
    o.emplace("weekday", cell.first);
    o.emplace("hour", cell.second);
    heat.push_back(std::move(o));
  }
  out["heatmap"] = std::move(heat);
  std::vector<std::pair<std::string, int>> ranked(f->reasons.begin(), f->reasons.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  json::array reasons;
  for (const auto &[reason, count] : ranked)
    reasons.push_back(json::object{{"reason", reason}, {"count", count}});
  out["reasons"] = std::move(reasons);
  const Group &before = f->previous->overall;
  json::object previous = group_json(before);
  previous["period"] = period_json(f->previous->period);
  out["previous"] = std::move(previous);
  out["rate_change"] =
      before.total == 0 || f->overall.total == 0
          ? json::value(nullptr)
          : json::value(change(share(f->overall.satisfied, f->overall.total),
                               share(before.satisfied, before.total)));
  return json::serialize(out);
}

namespace {
// Tickets called within the target, as a share of all tickets issued: one
// that was never called was not served on time either.
json::object within_target_json(const ServiceFigures &s, int target_minutes) {
  const auto within = std::count_if(s.waits.begin(), s.waits.end(), [&](int seconds) {
    return seconds <= 60 * target_minutes;
  });
  return json::object{{"minutes", target_minutes},
                      {"count", within},
                      {"share", share(static_cast<int>(within), s.tickets)}};
}

json::object service_json(const ServiceFigures &s, int target_minutes) {
  return json::object{{"tickets", s.tickets},
                      {"priority", s.priority},
                      {"priority_share", share(s.priority, s.tickets)},
                      {"no_shows", s.no_shows},
                      {"done", s.done},
                      {"expired", s.expired},
                      {"wait_minutes", durations(s.waits)},
                      {"service_minutes", durations(s.service_times)},
                      {"within_target", within_target_json(s, target_minutes)}};
}

json::array keyed_services_json(const std::map<std::string, ServiceFigures> &groups,
                                int target_minutes) {
  json::array out;
  for (const auto &[key, s] : groups) {
    auto o = service_json(s, target_minutes);
    o.emplace("key", key);
    out.push_back(std::move(o));
  }
  return out;
}
} // namespace

Result<std::string> StationReports::queue_json(const ReportPeriod &period,
                                               int target_minutes) {
  std::lock_guard lock(mutex_);
  auto f = compute(period, true);
  if (!f)
    return unexpected(f.error());
  json::object out = service_json(f->all, target_minutes);
  out["period"] = period_json(period);
  json::array services;
  for (const auto &s : catalog_.services)
    if (auto it = f->per_queue_service.find(s.id); it != f->per_queue_service.end()) {
      auto o = service_json(it->second, target_minutes);
      o.emplace("service_id", s.id);
      services.push_back(std::move(o));
    }
  out["per_service"] = std::move(services);
  out["per_day"] = keyed_services_json(f->per_issue_day, target_minutes);
  out["per_month"] = keyed_services_json(f->per_issue_month, target_minutes);
  auto previous = service_json(f->previous->all, target_minutes);
  previous["period"] = period_json(f->previous->period);
  out["previous"] = std::move(previous);
  json::array hours;
  for (const auto &[hour, counts] : f->per_hour) {
    json::object per;
    int total = 0;
    for (const auto &[service, n] : counts) {
      per[service] = n;
      total += n;
    }
    hours.push_back(
        json::object{{"hour", hour}, {"tickets", total}, {"per_service", per}});
  }
  out["per_hour"] = std::move(hours);
  return json::serialize(out);
}

namespace {
// A CSV field: quoted when it holds a separator, a quote or a line break.
std::string csv(const std::string &text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos)
    return text;
  std::string out = "\"";
  for (char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(const json::value &v) {
  if (v.is_null())
    return "";
  std::ostringstream s;
  if (v.is_double())
    s << v.as_double();
  else
    s << json::serialize(v);
  return s.str();
}
} // namespace

Result<std::string> StationReports::satisfaction_csv(const ReportPeriod &period) {
  auto text = satisfaction_json(period);
  if (!text)
    return text;
  const auto report = json::parse(*text).as_object();
  std::string out = "section,key,total,satisfied,rate\r\n";
  auto row = [&](const std::string &section, const std::string &key,
                 const json::object &g) {
    out += csv(section) + "," + csv(key) + "," + number(g.at("total")) + "," +
           number(g.at("satisfied")) + "," + number(g.at("rate")) + "\r\n";
  };
  row("all", period.from + ".." + period.to, report);
  for (const auto &[level, n] : report.at("levels").as_object())
    out += "level," + csv(std::string(level)) + "," + number(n) + ",,\r\n";
  for (const char *section : {"per_counter", "per_officer", "per_service", "per_day",
                              "per_month", "per_quarter"})
    for (const auto &g : report.at(section).as_array())
      row(section, std::string(g.at("key").as_string()), g.as_object());
  for (const auto &g : report.at("per_hour").as_array())
    row("per_hour", number(g.at("hour")), g.as_object());
  for (const auto &r : report.at("reasons").as_array())
    out += "reason," + csv(std::string(r.at("reason").as_string())) + "," +
           number(r.at("count")) + ",,\r\n";
  row("previous", std::string(report.at("previous").at("period").at("label").as_string()),
      report.at("previous").as_object());
  return out;
}

Result<std::string> StationReports::queue_csv(const ReportPeriod &period,
                                              int target_minutes) {
  auto text = queue_json(period, target_minutes);
  if (!text)
    return text;
  const auto report = json::parse(*text).as_object();
  std::string out = "service_id,tickets,priority,no_shows,done,expired,wait_median_min,"
                    "wait_p90_min,service_median_min,service_p90_min,within_" +
                    std::to_string(target_minutes) + "_min,within_share\r\n";
  auto row = [&](const std::string &key, const json::object &s) {
    out += csv(key) + "," + number(s.at("tickets")) + "," + number(s.at("priority")) +
           "," + number(s.at("no_shows")) + "," + number(s.at("done")) + "," +
           number(s.at("expired")) + "," + number(s.at("wait_minutes").at("median")) +
           "," + number(s.at("wait_minutes").at("p90")) + "," +
           number(s.at("service_minutes").at("median")) + "," +
           number(s.at("service_minutes").at("p90")) + "," +
           number(s.at("within_target").at("count")) + "," +
           number(s.at("within_target").at("share")) + "\r\n";
  };
  row("all", report);
  for (const auto &s : report.at("per_service").as_array())
    row(std::string(s.at("service_id").as_string()), s.as_object());
  row("previous " +
          std::string(report.at("previous").at("period").at("label").as_string()),
      report.at("previous").as_object());
  out += "\r\nday,tickets,priority,no_shows,done,expired,wait_median_min,wait_p90_min,"
         "service_median_min,service_p90_min,within_" +
         std::to_string(target_minutes) + "_min,within_share\r\n";
  for (const auto &s : report.at("per_day").as_array())
    row(std::string(s.at("key").as_string()), s.as_object());
  out += "\r\nhour,tickets\r\n";
  for (const auto &h : report.at("per_hour").as_array())
    out += number(h.at("hour")) + "," + number(h.at("tickets")) + "\r\n";
  return out;
}

} // namespace motcua::station
