#include "server/storage/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

namespace motcua::station::sqlite {

Statement::Statement(Statement &&other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement &Statement::operator=(Statement &&other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

bool Statement::bind(int index, std::string_view text) {
  return sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                           SQLITE_TRANSIENT) == SQLITE_OK;
}

bool Statement::bind(int index, std::int64_t value) {
  return sqlite3_bind_int64(stmt_, index, value) == SQLITE_OK;
}

bool Statement::bind(int index, const std::optional<std::string> &text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::bind_null(int index) {
  return sqlite3_bind_null(stmt_, index) == SQLITE_OK;
}

Statement::Step Statement::step() {
  switch (sqlite3_step(stmt_)) {
  case SQLITE_ROW:
    return Step::row;
  case SQLITE_DONE:
    return Step::done;
  default:
    return Step::error;
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
  const auto *text = sqlite3_column_text(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  return text ? std::string(reinterpret_cast<const char *>(text), size) : std::string();
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (sqlite3_column_type(stmt_, index) == SQLITE_NULL)
    return std::nullopt;
  return column_text(index);
}

Result<Database> Database::open(const std::string &path) {
  sqlite3 *db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return unexpected(message);
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Database::Database(Database &&other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database &Database::operator=(Database &&other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

// Every Statement must be finalized before this runs; the store declares its
// statements after its Database so they are destroyed first.
Database::~Database() { sqlite3_close(db_); }

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt *stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK)
    return unexpected(std::string(sqlite3_errmsg(db_)));
  return Statement(stmt);
}

bool Database::run(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt)
    return false;
  while (true) {
    auto step = stmt->step();
    if (step == Statement::Step::done)
      return true;
    if (step == Statement::Step::error)
      return false;
  }
}

std::optional<std::string> Database::query_text(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt || stmt->step() != Statement::Step::row)
    return std::nullopt;
  return stmt->column_text(0);
}

void Database::set_busy_timeout(int milliseconds) {
  sqlite3_busy_timeout(db_, milliseconds);
}

std::string Database::last_error() const {
  return db_ ? sqlite3_errmsg(db_) : "no database";
}

Transaction::~Transaction() {
  if (open_)
    db_.run("ROLLBACK"); // failure here means SQLite already rolled back
}

bool Transaction::begin() { return open_ = db_.run("BEGIN IMMEDIATE"); }

bool Transaction::commit() {
  if (!db_.run("COMMIT"))
    return false;
  open_ = false;
  return true;
}

} // namespace motcua::station::sqlite
