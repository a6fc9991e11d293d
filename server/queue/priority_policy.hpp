#pragma once
// Which class a counter calls next when both priority and normal tickets wait.
// Inside a class the order is always arrival time ascending (FIFO).
namespace motcua::station::queue {

struct PriorityPolicy {
  enum class Kind {
    strict,  // any waiting priority ticket goes before every normal one
    one_in_n // after n normal calls, the counter's next call is a priority ticket
  };
  Kind kind = Kind::strict;
  int n = 0; // one_in_n only; at least 1

  static PriorityPolicy strict() { return {Kind::strict, 0}; }
  static PriorityPolicy one_in_n(int n) { return {Kind::one_in_n, n}; }
};

// normals_since_priority counts the counter's normal calls since its last
// priority call (or since the day began).
bool call_priority_next(const PriorityPolicy &policy, int normals_since_priority,
                        bool priority_waiting, bool normal_waiting);

// How many waiting tickets of one service are called before a given one:
// same_class_ahead arrived earlier in its own class; other_class_waiting is the
// whole other class. For one_in_n this assumes a fresh cycle (n normal calls,
// then a priority one), which is exact for one counter starting the day.
int people_ahead(const PriorityPolicy &policy, bool is_priority, int same_class_ahead,
                 int other_class_waiting);

} // namespace motcua::station::queue
