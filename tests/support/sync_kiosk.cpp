#include "tests/support/sync_kiosk.hpp"

#include "net/client/send_result.hpp"

#include <cstdio>
#include <future>
#include <stdexcept>

namespace motcua::testing {

using namespace std::chrono_literals;

namespace {

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

std::string utc_rfc3339_now() {
  const auto now = std::chrono::system_clock::now();
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{
      std::chrono::duration_cast<std::chrono::milliseconds>(now - day)};
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()),
                int(time.subseconds().count()));
  return out;
}

SyncKiosk::SyncKiosk(const std::string &journal_path, net::StationAddress station,
                     SyncKioskOptions options)
    : options_(std::move(options)), station_(std::move(station)) {
  auto j = net::Journal::open(journal_path);
  if (!j)
    throw std::runtime_error(j.error().message);
  journal_ = std::move(j).value();
  tickets_ = std::make_unique<net::StationClient>(station_, options_.fallback);
  sync_ = std::make_unique<net::StationClient>(station_, options_.sync_timeout);
  auto jitter = [this] { return std::uniform_real_distribution<double>(0, 1)(random_); };
  auto to_log = [this](const std::string &line) { log.push_back(line); };
  auto wake = [this] {
    std::lock_guard lock(wake_mutex_);
    wake_ = true;
    woken_.notify_one();
  };
  net::OutboxOptions outbox;
  outbox.backoff = options_.backoff;
  ratings_ = std::make_unique<net::RatingOutbox>(
      *journal_,
      [this](const Rating &rating, net::SendDone done) {
        sync_->submit_rating(rating, [done = std::move(done)](auto r) {
          done(r ? net::SendResult{true, true, 201, "stored"}
                 : net::send_failure(r.error()));
        });
      },
      wake, jitter, to_log, outbox);
  outbox_ = std::make_unique<net::TicketOutbox>(
      *journal_,
      [this](const net::OfflineTicketRecord &t, net::SendDone done) {
        sync_->upload_offline_tickets({t.upload}, [done = std::move(done)](auto r) {
          if (r && r->size() == 1)
            return done(net::to_send_result(r->front()));
          done(r ? net::SendResult{false, false, 0, "no result"}
                 : net::send_failure(r.error()));
        });
      },
      wake, jitter, to_log, outbox);
  withdrawals_ = std::make_unique<net::WithdrawalOutbox>(
      *journal_,
      [this](const std::string &key, net::SendDone done) {
        sync_->withdraw_ticket(key, [done = std::move(done)](auto r) {
          done(net::withdrawal_send_result(r));
        });
      },
      wake, jitter, to_log, outbox);
  net::LeasePolicy policy;
  policy.block_size = options_.lease_block;
  policy.refill_below = options_.refill_below;
  policy.backoff = options_.backoff;
  leases_ = std::make_unique<net::LeaseKeeper>(
      *journal_,
      [this](const std::string &service, int count, const std::string &key,
             net::LeaseDone done) {
        sync_->lease_block(
            service, count,
            [done = std::move(done)](auto r) {
              if (r)
                return done(net::LeaseBlock{r->service_id, r->day, r->first, r->last});
              done(unexpected(net::send_failure(r.error())));
            },
            key);
      },
      wake, jitter, to_log, policy);
  leases_->set_services(options_.services);
}

SyncKiosk::~SyncKiosk() = default;

void SyncKiosk::wait_for_wake(std::chrono::milliseconds at_most) {
  std::unique_lock lock(wake_mutex_);
  woken_.wait_for(lock, at_most, [this] { return wake_; });
  wake_ = false;
}

void SyncKiosk::pump() {
  const auto now = net::OutboxClock::now();
  const auto wall = wall_ms();
  ratings_->pump(now, wall);
  outbox_->pump(now, wall);
  withdrawals_->pump(now, wall);
  leases_->pump(
      now, wall,
      day_at_offset(std::chrono::system_clock::now(), options_.station_utc_offset));
}

bool SyncKiosk::holds_leases(int numbers) const {
  const auto &left = leases_->remaining();
  for (const auto &service : options_.services)
    if (!left.count(service) || left.at(service) < numbers)
      return false;
  return true;
}

std::int64_t SyncKiosk::unsent() const {
  auto counts = journal_->counts();
  return counts ? counts->unsent_ratings + counts->unsent_tickets : -1;
}

std::string SyncKiosk::uuid() {
  std::uniform_int_distribution<unsigned> hex(0, 15);
  std::string out = "xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx";
  for (char &c : out)
    if (c == 'x')
      c = "0123456789abcdef"[hex(random_)];
  return out;
}

PrintedTicket SyncKiosk::tap(const std::string &service) {
  PrintedTicket printed;
  const auto t0 = std::chrono::steady_clock::now();
  auto answer = std::make_shared<std::promise<Result<Ticket, net::StationError>>>();
  auto future = answer->get_future();
  const std::string key = uuid();
  tickets_->issue_ticket(TicketRequest{service, std::nullopt, key},
                         [answer](auto r) { answer->set_value(std::move(r)); });
  printed.offline = true;
  // A refusal stands (no offline ticket for a closed service); no answer in
  // time, or a failure without one, takes the lease.
  if (future.wait_for(options_.fallback) == std::future_status::ready) {
    auto r = future.get();
    if (r) {
      printed.offline = false;
      printed.number = r->number;
      printed.issued_at = r->issued_at;
    } else if (r.error().http_status > 0 && r.error().http_status < 500) {
      printed.offline = false;
    }
  }
  if (printed.offline) {
    printed.issued_at = utc_rfc3339_now();
    auto issued = journal_->issue_from_lease(
        leases_->day(), service,
        OfflineTicketUpload{uuid(), service, 0, std::nullopt, printed.issued_at},
        wall_ms());
    if (!issued)
      throw std::runtime_error("offline ticket not journaled: " + issued.error().message);
    if (*issued) {
      printed.number = (*issued)->number;
      printed.upload = (*issued)->upload;
      outbox_->notify_added();
      leases_->notify_taken();
    }
  }
  printed.took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - t0);
  if (printed.offline) {
    // As motcua-kiosk does once the tap's request has ended (kiosk/main.cpp,
    // LateAnswers): the station may hold a ticket for this tap that nobody
    // has. The request's timeout is the fallback, so the wait is short.
    if (future.valid())
      future.wait();
    if (auto error = journal_->add_withdrawal(key, wall_ms()))
      throw std::runtime_error("withdrawal not journaled: " + error->message);
    withdrawals_->notify_added();
  }
  return printed;
}

std::string SyncKiosk::rate(const std::string &level) {
  Rating rating;
  rating.id = uuid();
  rating.level = level;
  rating.rated_at = utc_rfc3339_now();
  if (auto error = journal_->add_rating(rating, wall_ms()))
    throw std::runtime_error("rating not journaled: " + error->message);
  ratings_->notify_added();
  return rating.id;
}

} // namespace motcua::testing
