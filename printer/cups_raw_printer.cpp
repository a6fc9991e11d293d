#include "printer/cups_raw_printer.hpp"

#include "net/protocol/result.hpp"
#include "printer/cups_status.hpp"
#include "printer/escpos.hpp"
#include "printer/pwg_raster.hpp"

#include "printer/print_worker.hpp"

#include <chrono>

namespace motcua::printer {
namespace {

using Clock = std::chrono::steady_clock;

// Create-Job by hand: cupsCreateJob looks the queue up through libcups' default
// connection (CUPS_HTTP_DEFAULT), which has no timeout of ours and may point
// at another server.
Result<int> create_job(http_t *http, const std::string &queue, const std::string &title) {
  ipp_t *request = ippNewRequest(IPP_OP_CREATE_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               queue_uri(queue).c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
               title.c_str());
  IppPtr response(cupsDoRequest(http, request, ("/printers/" + queue).c_str()));
  if (!response)
    return unexpected(
        std::string("no answer from CUPS to Create-Job")); // error string stale
  const ipp_status_t status = ippGetStatusCode(response.get());
  const int job_id = ipp_int(response.get(), "job-id", 0);
  if (status > IPP_STATUS_OK_CONFLICTING || job_id <= 0)
    return unexpected(
        std::string("CUPS did not create the job: ") + ippErrorString(status) +
        (status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? " (queue not accepting jobs)"
                                                       : ""));
  return job_id;
}

struct JobState {
  int state = 0; // IPP job-state: 3 pending .. 9 completed
  std::vector<std::string> reasons;
};

Result<JobState> get_job_state(http_t *http, const std::string &queue, int job_id) {
  static const char *const wanted[] = {"job-state", "job-state-reasons"};
  ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               queue_uri(queue).c_str());
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2,
                nullptr, wanted);
  IppPtr response(cupsDoRequest(http, request, "/jobs"));
  if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_CONFLICTING)
    return unexpected("no answer from CUPS about job " + std::to_string(job_id));
  return JobState{ipp_int(response.get(), "job-state", 0),
                  ipp_strings(response.get(), "job-state-reasons")};
}

std::string joined(const std::vector<std::string> &words) {
  std::string out;
  for (const auto &w : words)
    out += (out.empty() ? "" : ",") + w;
  return out;
}

bool has_reason(const JobState &s, std::string_view reason) {
  for (const auto &r : s.reasons)
    if (r == reason)
      return true;
  return false;
}

struct Document {
  std::vector<std::uint8_t> bytes;
  std::string mime;
};

} // namespace

struct CupsRawPrinter::Worker {
  explicit Worker(CupsQueue q) : queue(std::move(q)) {}

  CupsQueue queue;
  // Last: destroyed first, so send_job never outlives the queue settings.
  PrintWorker thread{[this](const PrintJob &job) { return send_job(job); }};

  // A half-sent or stuck job would block the queue; the cancel uses a fresh
  // connection because the old one may be mid-request.
  bool cancel(int job_id) {
    auto c = connect_cups(queue);
    return c.http &&
           cupsCancelJob2(c.http.get(), queue.name.c_str(), job_id, 0) == IPP_STATUS_OK;
  }

  Result<Document> document_for(http_t *http, const PrintJob &job) {
    if (job.image.height == 0 && queue.format != DocumentFormat::pwg_raster)
      return Document{job.data, kMimeRaw};
    QueueFacts facts;
    if (queue.format != DocumentFormat::escpos) {
      auto read = read_queue_facts(http, queue.name);
      if (!read)
        return unexpected(read.error());
      facts = std::move(read.value());
    }
    auto choice = choose_format(queue.format, facts);
    if (!choice)
      return unexpected(choice.error());
    if (choice->format == DocumentFormat::pwg_raster) {
      if (job.image.height == 0)
        return unexpected(
            std::string("the queue wants PWG raster, the job has no image"));
      return Document{encode_pwg_raster(job.image, {choice->dpi}), choice->mime};
    }
    return Document{encode_escpos(job.image), choice->mime};
  }

  // CUPS 2.4 leaves job-state-reasons at "none" for a job waiting on a
  // stopped queue: ask the queue.
  bool queue_stopped(http_t *http) {
    auto facts = read_queue_facts(http, queue.name);
    return facts && facts->status.has(PrinterCondition::stopped);
  }

  // Follows the job until CUPS reports a final state or the deadline passes.
  void follow(CupsConnection &c, int job_id, PrintOutcome &outcome) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(queue.job_deadline_ms);
    const auto start = Clock::now();
    std::string last_reasons;
    for (;;) {
      if (!c.http)
        c = connect_cups(queue);
      auto state = c.http ? get_job_state(c.http.get(), queue.name, job_id)
                          : Result<JobState>(unexpected(c.error));
      if (state) {
        last_reasons = joined(state->reasons);
        switch (state->state) {
        case IPP_JSTATE_COMPLETED:
          outcome.ok = true;
          outcome.end = JobEnd::completed;
          return;
        case IPP_JSTATE_ABORTED:
          outcome.end = JobEnd::aborted;
          outcome.error =
              "job " + std::to_string(job_id) + " aborted (" + last_reasons + ")";
          return;
        case IPP_JSTATE_CANCELED:
          outcome.end = JobEnd::canceled;
          outcome.error =
              "job " + std::to_string(job_id) + " canceled (" + last_reasons + ")";
          return;
        default:
          break;
        }
        // Held, or waiting on a stopped queue: nothing will move without a
        // person, so the ticket is given up now rather than at the deadline.
        const bool held = state->state == IPP_JSTATE_HELD;
        const bool blocked =
            state->state == IPP_JSTATE_PENDING &&
            (has_reason(*state, "printer-stopped") || queue_stopped(c.http.get()));
        if (held || blocked) {
          cancel(job_id);
          outcome.end = JobEnd::stuck_canceled;
          outcome.error = "job " + std::to_string(job_id) +
                          (held ? " was held" : " waits on a stopped queue") +
                          ", canceled (" + last_reasons + ")";
          return;
        }
      } else {
        c.http.reset(); // reconnect next round
      }
      if (Clock::now() >= deadline) {
        const bool canceled = cancel(job_id);
        outcome.end = state ? JobEnd::stuck_canceled : JobEnd::lost;
        outcome.error = "job " + std::to_string(job_id) + " not finished after " +
                        std::to_string(queue.job_deadline_ms) + " ms (" +
                        (state ? last_reasons : state.error()) + ")" +
                        (canceled ? ", canceled" : ", and could not be canceled");
        return;
      }
      // Raw queues finish in ~0.1 s: look often at first, then calm down.
      const auto waited = Clock::now() - start;
      if (!thread.pause(waited < std::chrono::seconds(1)
                            ? std::chrono::milliseconds(40)
                            : std::chrono::milliseconds(250))) {
        outcome.end = JobEnd::lost;
        outcome.error = "printer shut down while following job " + std::to_string(job_id);
        return;
      }
    }
  }

  PrintOutcome send_job(const PrintJob &job) {
    PrintOutcome outcome;
    auto c = connect_cups(queue);
    if (!c.http) {
      outcome.error = c.error;
      outcome.printer_status = PrinterStatus::of({PrinterCondition::offline}, c.error);
      return outcome;
    }
    const std::string on = " (queue " + queue.name + " at " + c.where + ")";
    auto document = document_for(c.http.get(), job);
    if (!document) {
      outcome.error = document.error() + on;
      outcome.printer_status = read_printer_status(c.http.get(), queue);
      return outcome;
    }
    const auto created = create_job(c.http.get(), queue.name, job.title);
    if (!created) {
      outcome.error = created.error() + on;
      outcome.printer_status = read_printer_status(c.http.get(), queue);
      return outcome;
    }
    const int job_id = created.value();
    outcome.job_id = job_id;
    const auto fail = [&](std::string what) {
      c.http.reset();
      cancel(job_id);
      outcome.error = std::move(what) + on;
      outcome.printer_status = read_printer_status(queue);
      return outcome;
    };
    http_t *http = c.http.get();
    if (cupsStartDocument(http, queue.name.c_str(), job_id,
                          cups_document_name(job.title).c_str(), document->mime.c_str(),
                          1) != HTTP_STATUS_CONTINUE)
      return fail("CUPS did not accept the document of job " + std::to_string(job_id));
    const auto &bytes = document->bytes;
    if (!bytes.empty() &&
        cupsWriteRequestData(http, reinterpret_cast<const char *>(bytes.data()),
                             bytes.size()) != HTTP_STATUS_CONTINUE)
      return fail("sending " + std::to_string(bytes.size()) + " bytes of job " +
                  std::to_string(job_id) + " failed");
    const ipp_status_t status = cupsFinishDocument(http, queue.name.c_str());
    if (status > IPP_STATUS_OK_CONFLICTING)
      return fail("CUPS rejected job " + std::to_string(job_id) + ": " +
                  ippErrorString(status));
    if (queue.job_deadline_ms <= 0) {
      outcome.ok = true;
      outcome.end = JobEnd::delivered;
    } else {
      follow(c, job_id, outcome);
      if (!outcome.ok)
        outcome.error += on;
    }
    outcome.printer_status =
        c.http ? read_printer_status(c.http.get(), queue) : read_printer_status(queue);
    return outcome;
  }
};

CupsRawPrinter::CupsRawPrinter(CupsQueue queue)
    : worker_(std::make_unique<Worker>(std::move(queue))) {}

CupsRawPrinter::~CupsRawPrinter() = default;

void CupsRawPrinter::submit(PrintJob job, std::function<void(PrintOutcome)> done) {
  worker_->thread.submit(std::move(job), std::move(done));
}

} // namespace motcua::printer
