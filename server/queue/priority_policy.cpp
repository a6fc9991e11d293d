#include "server/queue/priority_policy.hpp"

#include <algorithm>

namespace motcua::station::queue {

bool call_priority_next(const PriorityPolicy &policy, int normals_since_priority,
                        bool priority_waiting, bool normal_waiting) {
  if (!priority_waiting)
    return false;
  if (!normal_waiting || policy.kind == PriorityPolicy::Kind::strict)
    return true;
  return normals_since_priority >= policy.n;
}

int people_ahead(const PriorityPolicy &policy, bool is_priority, int same_class_ahead,
                 int other_class_waiting) {
  if (policy.kind == PriorityPolicy::Kind::strict)
    return same_class_ahead + (is_priority ? 0 : other_class_waiting);
  const int n = std::max(1, policy.n);
  // The counters' cycle taken as fresh: n normal calls, then one priority call.
  const int others_ahead =
      is_priority ? (same_class_ahead + 1) * n : same_class_ahead / n;
  return same_class_ahead + std::min(other_class_waiting, others_ahead);
}

} // namespace motcua::station::queue
