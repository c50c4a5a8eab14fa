#pragma once

#include <string>
#include <vector>

namespace rehearse::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the real rehearse binary with `args`, feeding `input` on its standard input, and waits
// for it. No shell is involved. The child gets this process's environment without any
// REHEARSE_* variable, plus `env` ("NAME=value" entries).
CliResult run_rehearse(const std::vector<std::string>& args, const std::string& input = "",
                       const std::vector<std::string>& env = {});

}  // namespace rehearse::test
