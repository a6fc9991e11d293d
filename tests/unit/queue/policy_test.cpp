#include "tests/unit/queue/queue_test_support.hpp"

#include <string>
#include <vector>

using namespace motcua::station::queue;
using namespace motcua::station::queue::test;

namespace {

// Calls and finishes tickets at counter "1" until the line is empty; returns the
// numbers in call order.
std::vector<std::string> drain(QueueEngine &q, int minute = 30) {
  std::vector<std::string> order;
  while (true) {
    auto called = q.call_next("1", at(9, minute));
    if (!called)
      break;
    order.push_back(called->ticket.number);
    ok(q.done("1", at(9, minute)));
  }
  return order;
}

} // namespace

TEST_CASE("call_priority_next follows the policy") {
  const auto strict = PriorityPolicy::strict();
  CHECK(call_priority_next(strict, 0, true, true));
  CHECK_FALSE(call_priority_next(strict, 5, false, true));
  const auto one_in_2 = PriorityPolicy::one_in_n(2);
  CHECK_FALSE(call_priority_next(one_in_2, 0, true, true));
  CHECK_FALSE(call_priority_next(one_in_2, 1, true, true));
  CHECK(call_priority_next(one_in_2, 2, true, true));
  CHECK(call_priority_next(one_in_2, 0, true, false)); // nobody else waits
}

TEST_CASE("strict priority calls every priority ticket first, FIFO inside each class") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 1)));         // A001
  ok(q.issue("A", "", at(8, 2)));         // A002
  ok(q.issue("A", "elderly", at(8, 3)));  // A003
  ok(q.issue("A", "", at(8, 4)));         // A004
  ok(q.issue("A", "disabled", at(8, 5))); // A005
  CHECK(drain(q) == std::vector<std::string>{"A003", "A005", "A001", "A002", "A004"});
}

TEST_CASE("one priority per N normal calls interleaves the classes") {
  QueueConfig config;
  config.policy = PriorityPolicy::one_in_n(2);
  auto q = engine({service("A")}, config);
  open(q, "1", {"A"}, at(8, 0));
  for (int i = 0; i < 5; ++i)
    ok(q.issue("A", "", at(8, i))); // A001..A005
  for (int i = 0; i < 3; ++i)
    ok(q.issue("A", "pregnant", at(8, 10 + i))); // A006..A008
  CHECK(drain(q) == std::vector<std::string>{"A001", "A002", "A006", "A003", "A004",
                                             "A007", "A005", "A008"});
}

TEST_CASE("one_in_n lets a priority ticket straight in when N normals were just called") {
  QueueConfig config;
  config.policy = PriorityPolicy::one_in_n(1);
  auto q = engine({service("A")}, config);
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 1)));
  ok(q.issue("A", "", at(8, 2)));
  CHECK(ok(q.call_next("1", at(8, 3))).number == "A001");
  ok(q.done("1", at(8, 4)));
  ok(q.issue("A", "elderly", at(8, 5)));
  CHECK(ok(q.call_next("1", at(8, 6))).number == "A003");
}

TEST_CASE("a counter calls only from its services, oldest arrival across them") {
  auto q = engine({service("A"), service("B"), service("C")});
  open(q, "1", {"A", "B"}, at(8, 0));
  ok(q.issue("C", "", at(8, 0)));
  ok(q.issue("B", "", at(8, 1)));
  ok(q.issue("A", "", at(8, 2)));
  ok(q.issue("B", "", at(8, 3)));
  CHECK(drain(q) == std::vector<std::string>{"B001", "A001", "B002"});
  CHECK(q.waiting_count("C") == 1);
}

TEST_CASE("tickets issued in the same second keep issue order") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  for (int i = 0; i < 4; ++i)
    ok(q.issue("A", "", at(8, 1)));
  CHECK(drain(q) == std::vector<std::string>{"A001", "A002", "A003", "A004"});
}
