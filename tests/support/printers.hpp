#pragma once
// The printing stack scripts/printers starts for the test run (ctest fixture).
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motcua::testing {

// CUPS_SERVER, MOTCUA_RAW_QUEUE, MOTCUA_LISTENER_DIR, ... from printers.env;
// throws when the fixture did not run.
std::map<std::string, std::string> printers_env();

// The listener writes one job-NNNN.bin per job; tests run in parallel, so a
// test finds its own job by content. Returns the file's path, or "".
std::string wait_for_job_with_bytes(const std::string &listener_dir,
                                    const std::vector<std::uint8_t> &bytes,
                                    std::chrono::milliseconds deadline);

} // namespace motcua::testing
