#pragma once
// Reads a station's or a kiosk's SQLite books while (or after) its program
// runs: how often each value of a one-column query occurs. Tests compare them
// to what was printed and journaled: nothing lost, nothing doubled.
#include <map>
#include <string>

namespace motcua::testing {

// value of the query's first column → rows holding it. Throws
// std::runtime_error when the file or the query is wrong.
std::map<std::string, int> column_counts(const std::string &database,
                                         const std::string &query);

// How many rows the query counts (its first column, an integer).
long long count_rows(const std::string &database, const std::string &query);

} // namespace motcua::testing
