#include "support/run_cli.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "support/temp_dir.hpp"

extern char** environ;

namespace rehearse::test {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

CliResult run_rehearse(const std::vector<std::string>& args, const std::string& input,
                       const std::vector<std::string>& env) {
  const TempDir io;
  std::ofstream(io / "in", std::ios::binary) << input;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, (io / "in").c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (io / "out").c_str(), O_WRONLY | O_CREAT, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (io / "err").c_str(), O_WRONLY | O_CREAT, 0600);

  std::vector<std::string> owned{REHEARSE_BINARY};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : owned)
    argv.push_back(arg.data());
  argv.push_back(nullptr);

  // Each test says what it means: no REHEARSE_* comes from the environment running the tests.
  std::vector<std::string> owned_env = env;
  std::vector<char*> child_env;
  for (char** var = environ; *var; ++var) {
    if (std::string_view(*var).rfind("REHEARSE_", 0) != 0) child_env.push_back(*var);
  }
  for (std::string& var : owned_env)
    child_env.push_back(var.data());
  child_env.push_back(nullptr);

  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, REHEARSE_BINARY, &actions, nullptr, argv.data(), child_env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " REHEARSE_BINARY);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(io / "out");
  result.err = slurp(io / "err");
  return result;
}

}  // namespace rehearse::test
