#pragma once
// Thin RAII over the SQLite C API: a connection and prepared statements.
// Not thread-safe; the owner serializes access.
#include "net/protocol/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::station::sqlite {

class Statement {
public:
  Statement() = default;
  Statement(Statement &&other) noexcept;
  Statement &operator=(Statement &&other) noexcept;
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  ~Statement();

  // Bind by 1-based index. Return false on failure (message in the connection).
  bool bind(int index, std::string_view text);
  bool bind(int index, std::int64_t value);
  bool bind(int index, const std::optional<std::string> &text); // null when empty
  bool bind_null(int index);

  enum class Step { row, done, error };
  Step step();
  void reset(); // also clears bindings, so a cached statement starts fresh

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  std::optional<std::string> column_optional_text(int index) const;

private:
  friend class Database;
  explicit Statement(sqlite3_stmt *stmt) : stmt_(stmt) {}
  sqlite3_stmt *stmt_ = nullptr;
};

class Database {
public:
  // Opens read-write, creating the file when missing.
  static Result<Database> open(const std::string &path);

  Database(Database &&other) noexcept;
  Database &operator=(Database &&other) noexcept;
  Database(const Database &) = delete;
  Database &operator=(const Database &) = delete;
  ~Database();

  // Prepared once and kept: the statement outlives many calls.
  Result<Statement> prepare(std::string_view sql);
  // Prepares, runs to completion and finalizes one statement without parameters.
  bool run(std::string_view sql);
  // The first column of the first row of a statement without parameters.
  std::optional<std::string> query_text(std::string_view sql);

  void set_busy_timeout(int milliseconds);
  std::string last_error() const;

private:
  explicit Database(sqlite3 *db) : db_(db) {}
  sqlite3 *db_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless committed, so every early
// return leaves no transaction open.
class Transaction {
public:
  explicit Transaction(Database &db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction &) = delete;
  Transaction &operator=(const Transaction &) = delete;
  bool begin();
  bool commit();

private:
  Database &db_;
  bool open_ = false;
};

// Resets a cached statement when leaving scope, whatever the path.
struct Using {
  Statement &stmt;
  ~Using() { stmt.reset(); }
};

} // namespace motcua::station::sqlite
