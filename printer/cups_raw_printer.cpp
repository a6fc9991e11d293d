#include "printer/cups_raw_printer.hpp"

#include "net/protocol/result.hpp"
#include "printer/cups_server_address.hpp"

#include <cups/cups.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace motcua::printer {
namespace {

struct HttpClose {
  void operator()(http_t *http) const { httpClose(http); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;

// Any wait longer than the configured limit means the server is not going to
// answer: give up instead of letting libcups retry for minutes.
int give_up(http_t *, void *) { return 0; }

std::string describe(const CupsServerAddress &a) {
  return a.host.front() == '/' ? a.host : a.host + ":" + std::to_string(a.port);
}

struct Connection {
  HttpPtr http;
  std::string where;
  std::string error;
};

Connection connect(const CupsQueue &queue) {
  const std::string server = queue.server.empty() ? cupsServer() : queue.server;
  const auto address = parse_cups_server(server, ippPort());
  Connection c;
  c.where = address.host.empty() ? "(no server)" : describe(address);
  if (address.host.empty()) {
    c.error = "no CUPS server configured";
    return c;
  }
  c.http.reset(httpConnect2(address.host.c_str(), address.port, nullptr, AF_UNSPEC,
                            HTTP_ENCRYPTION_IF_REQUESTED, 1, queue.timeout_ms, nullptr));
  if (!c.http) {
    // errno is not reliable here: libcups closes sockets on the way out.
    c.error = "cannot connect to CUPS at " + c.where + " (refused, or no answer within " +
              std::to_string(queue.timeout_ms) + " ms)";
    return c;
  }
  httpSetTimeout(c.http.get(), queue.timeout_ms / 1000.0, give_up, nullptr);
  return c;
}

// A half-sent document leaves a held job that would block the queue; the
// cancel uses a fresh connection because the old one may be mid-request.
void cancel_job(const CupsQueue &queue, int job_id) {
  auto c = connect(queue);
  if (c.http)
    cupsCancelJob2(c.http.get(), queue.name.c_str(), job_id, 0);
}

// Create-Job by hand: cupsCreateJob looks the queue up through libcups' default
// connection (CUPS_HTTP_DEFAULT), which has no timeout of ours and may point
// at another server.
Result<int> create_job(http_t *http, const std::string &queue, const std::string &title) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost",
                   ippPort(), "/printers/%s", queue.c_str());
  ipp_t *request = ippNewRequest(IPP_OP_CREATE_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
               title.c_str());
  const std::string resource = "/printers/" + queue;
  ipp_t *response = cupsDoRequest(http, request, resource.c_str()); // frees request
  const ipp_status_t status = cupsLastError();
  const std::string reason = cupsLastErrorString();
  ipp_attribute_t *id = response == nullptr
                            ? nullptr
                            : ippFindAttribute(response, "job-id", IPP_TAG_INTEGER);
  const int job_id = id == nullptr ? 0 : ippGetInteger(id, 0);
  const bool answered = response != nullptr;
  ippDelete(response);
  if (!answered)
    return unexpected(
        std::string("no answer from CUPS to Create-Job")); // reason is stale
  if (status > IPP_STATUS_OK_CONFLICTING || job_id <= 0)
    return unexpected("CUPS did not create the job: " + reason);
  return job_id;
}

PrintOutcome send_job(const CupsQueue &queue, const PrintJob &job) {
  PrintOutcome outcome;
  auto c = connect(queue);
  if (!c.http) {
    outcome.error = c.error;
    return outcome;
  }
  http_t *http = c.http.get();
  const std::string on = " (queue " + queue.name + " at " + c.where + ")";
  const auto created = create_job(http, queue.name, job.title);
  if (!created) {
    outcome.error = created.error() + on;
    return outcome;
  }
  const int job_id = created.value();
  outcome.job_id = job_id;
  const auto fail = [&](std::string what) {
    c.http.reset();
    cancel_job(queue, job_id);
    outcome.error = std::move(what) + on;
    return outcome;
  };
  if (cupsStartDocument(http, queue.name.c_str(), job_id, job.title.c_str(),
                        CUPS_FORMAT_RAW, 1) != HTTP_STATUS_CONTINUE)
    return fail("CUPS did not accept the document of job " + std::to_string(job_id));
  if (!job.data.empty() &&
      cupsWriteRequestData(http, reinterpret_cast<const char *>(job.data.data()),
                           job.data.size()) != HTTP_STATUS_CONTINUE)
    return fail("sending " + std::to_string(job.data.size()) + " bytes of job " +
                std::to_string(job_id) + " failed");
  const ipp_status_t status = cupsFinishDocument(http, queue.name.c_str());
  if (status > IPP_STATUS_OK_CONFLICTING)
    return fail("CUPS rejected job " + std::to_string(job_id) + ": " +
                ippErrorString(status));
  outcome.ok = true;
  return outcome;
}

} // namespace

struct CupsRawPrinter::Worker {
  struct Pending {
    PrintJob job;
    std::function<void(PrintOutcome)> done;
  };

  CupsQueue queue;
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Pending> pending;
  bool stopping = false;
  std::thread thread;

  void run() {
    for (;;) {
      std::unique_lock lock(mutex);
      wake.wait(lock, [this] { return stopping || !pending.empty(); });
      if (stopping) {
        // Jobs not started yet are failed rather than sent, so shutting down
        // never waits for one timeout per queued job.
        auto left = std::move(pending);
        lock.unlock();
        for (auto &p : left)
          if (p.done)
            p.done(PrintOutcome{false, 0, "printer shut down before the job was sent"});
        return;
      }
      Pending p = std::move(pending.front());
      pending.pop_front();
      lock.unlock();
      PrintOutcome outcome = send_job(queue, p.job);
      if (p.done)
        p.done(std::move(outcome));
    }
  }
};

CupsRawPrinter::CupsRawPrinter(CupsQueue queue) : worker_(std::make_unique<Worker>()) {
  worker_->queue = std::move(queue);
  worker_->thread = std::thread([w = worker_.get()] { w->run(); });
}

CupsRawPrinter::~CupsRawPrinter() {
  {
    std::lock_guard lock(worker_->mutex);
    worker_->stopping = true;
  }
  worker_->wake.notify_all();
  worker_->thread.join();
}

void CupsRawPrinter::submit(PrintJob job, std::function<void(PrintOutcome)> done) {
  {
    std::lock_guard lock(worker_->mutex);
    if (!worker_->stopping) {
      worker_->pending.push_back({std::move(job), std::move(done)});
      worker_->wake.notify_one();
      return;
    }
  }
  if (done)
    done(PrintOutcome{false, 0, "printer is shutting down"});
}

} // namespace motcua::printer
