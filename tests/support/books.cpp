#include "tests/support/books.hpp"

#include <sqlite3.h>

#include <functional>
#include <stdexcept>

namespace motcua::testing {

namespace {

// Read-only; a writer in another process (WAL) is not disturbed.
void each_row(const std::string &database, const std::string &query,
              const std::function<void(sqlite3_stmt *)> &row) {
  sqlite3 *db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + database);
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(database + ": " + query + ": " + why);
  }
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
    row(stmt);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (step != SQLITE_DONE)
    throw std::runtime_error(database + ": " + query + " failed");
}

} // namespace

std::map<std::string, int> column_counts(const std::string &database,
                                         const std::string &query) {
  std::map<std::string, int> out;
  each_row(database, query, [&](sqlite3_stmt *stmt) {
    const auto *text = sqlite3_column_text(stmt, 0);
    ++out[text ? reinterpret_cast<const char *>(text) : ""];
  });
  return out;
}

long long count_rows(const std::string &database, const std::string &query) {
  long long n = 0;
  each_row(database, query,
           [&](sqlite3_stmt *stmt) { n = sqlite3_column_int64(stmt, 0); });
  return n;
}

} // namespace motcua::testing
