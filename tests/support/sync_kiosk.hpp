#pragma once
// The kiosk's sync pieces as motcua-kiosk wires them (kiosk/main.cpp), minus
// the screens and the printer: a station client for tickets with the
// fallback deadline, the journal, the lease keeper, the rating,
// offline-ticket and withdrawal outboxes on a second client. The caller's thread is the
// owner thread that pumps them. Used by the fault tests, the bad day's kiosk
// processes and bench/sync.
#include "net/client/station_client.hpp"
#include "net/journal/journal.hpp"
#include "net/journal/lease_keeper.hpp"
#include "net/journal/rating_outbox.hpp"
#include "net/journal/ticket_outbox.hpp"
#include "net/journal/withdrawal_outbox.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace motcua::testing {

struct SyncKioskOptions {
  std::chrono::milliseconds fallback{800}; // offline_fallback_ms
  std::chrono::milliseconds sync_timeout{2000};
  int lease_block = 6;
  int refill_below = 3;
  net::BackoffPolicy backoff{std::chrono::milliseconds(100),
                             std::chrono::milliseconds(400)}; // test-sized
  std::vector<std::string> services{"A", "B"};
  long station_utc_offset = 7 * 3600; // the test station's zone
};

// What a tap put on paper.
struct PrintedTicket {
  std::string number; // "" when neither the station nor a lease gave one
  bool offline = false;
  std::chrono::microseconds took{}; // tap to number, the journal commit included
  std::string issued_at;
  OfflineTicketUpload upload; // what goes to the station, for offline tickets
};

class SyncKiosk {
public:
  // Throws std::runtime_error when the journal cannot be opened.
  SyncKiosk(const std::string &journal_path, net::StationAddress station,
            SyncKioskOptions options = {});
  ~SyncKiosk();

  void pump();
  // Pumps until `done` holds, for at most `rounds` rounds of at most 10 ms:
  // an answer's wake (as motcua-kiosk's Tick event) ends a round early.
  template <typename Pred> bool pump_until(Pred done, int rounds = 1000) {
    for (int i = 0; i < rounds; ++i) {
      pump();
      if (done())
        return true;
      wait_for_wake(std::chrono::milliseconds(10));
    }
    return false;
  }
  void wait_for_wake(std::chrono::milliseconds at_most);
  // Every service holds at least `numbers` leased numbers.
  bool holds_leases(int numbers) const;

  // One tap: the station's number if it answers within the fallback deadline,
  // else the lease's (journaled first), as motcua-kiosk's reducer decides.
  PrintedTicket tap(const std::string &service);
  // Journals a rating (committed before the thank-you), returns its UUID.
  std::string rate(const std::string &level);

  net::Journal &journal() { return *journal_; }
  net::LeaseKeeper &leases() { return *leases_; }
  std::int64_t unsent() const; // ratings and offline tickets not yet settled
  std::vector<std::string> log;

private:
  std::string uuid();

  // Set from the clients' threads when an answer waits in an inbox; declared
  // before the clients, whose cancelled callbacks still wake while they stop.
  std::mutex wake_mutex_;
  std::condition_variable woken_;
  bool wake_ = false;
  SyncKioskOptions options_;
  net::StationAddress station_;
  std::unique_ptr<net::Journal> journal_;
  std::unique_ptr<net::StationClient> tickets_;
  std::unique_ptr<net::StationClient> sync_;
  std::unique_ptr<net::RatingOutbox> ratings_;
  std::unique_ptr<net::TicketOutbox> outbox_;
  std::unique_ptr<net::WithdrawalOutbox> withdrawals_;
  std::unique_ptr<net::LeaseKeeper> leases_;
  std::mt19937_64 random_{std::random_device{}()};
};

// "2026-12-02T19:45:46.123Z": now, as a kiosk stamps a ticket or a rating.
std::string utc_rfc3339_now();

} // namespace motcua::testing
