#pragma once
// The station chief's reports, computed from the station's SQLite file on a
// connection of their own (WAL: reading never blocks the desk's writes):
// satisfaction from the ratings, queue figures from replaying each day's
// journal through the queue engine, so the reports count exactly what the
// desk did. Each report also holds the period before, to compare with. JSON
// for the page (and its printable monthly report), CSV for a spreadsheet.
#include "net/protocol/catalog.hpp"
#include "net/protocol/result.hpp"
#include "server/queue/queue_engine.hpp"
#include "server/reports/report_period.hpp"
#include "server/storage/sqlite.hpp"

#include <filesystem>
#include <mutex>
#include <string>

namespace motcua::station {

// A ticket called within this many minutes of its issue was served "on
// time" unless the chief asks for another target.
inline constexpr int default_target_wait_minutes = 15;

class StationReports {
public:
  // Opens (read-only use) the station database in `data_dir`.
  static Result<std::unique_ptr<StationReports>>
  open(const std::filesystem::path &data_dir, Catalog catalog,
       queue::QueueConfig config = {});

  // The service names and rules from now on (an admin's edit).
  void set_catalog(Catalog catalog);

  // See docs/openapi.yaml (/api/v1/reports/...) for the fields.
  Result<std::string> satisfaction_json(const ReportPeriod &period);
  Result<std::string> queue_json(const ReportPeriod &period,
                                 int target_wait_minutes = default_target_wait_minutes);
  Result<std::string> satisfaction_csv(const ReportPeriod &period);
  Result<std::string> queue_csv(const ReportPeriod &period,
                                int target_wait_minutes = default_target_wait_minutes);

private:
  StationReports(sqlite::Database db, Catalog catalog, queue::QueueConfig config)
      : db_(std::move(db)), catalog_(std::move(catalog)), config_(config) {}
  struct Figures;
  Result<Figures> compute(const ReportPeriod &period, bool with_previous);

  std::mutex mutex_;
  sqlite::Database db_;
  Catalog catalog_;
  queue::QueueConfig config_;
};

} // namespace motcua::station
