#include "editor.hpp"

#include <fmt/core.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>

#include "io/file.hpp"
#include "model/error.hpp"
#include "terminal.hpp"

namespace rehearse::cli {
namespace {

std::string quoted_for_shell(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A folder of its own under the temporary folder, removed with the value unless kept.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "rehearse-edit-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw Error("cannot make a temporary folder for the editor");
    path_ = pattern;
  }
  ~ScratchFolder() {
    if (keep_) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void keep() { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

// `text` without the error lines a previous save put after its first line.
std::string without_error(std::string text, const std::string& mark) {
  const std::size_t first = text.find('\n');
  if (first == std::string::npos) return text;
  while (text.compare(first + 1, mark.size(), mark) == 0) {
    const std::size_t end = text.find('\n', first + 1);
    text.erase(first + 1, end == std::string::npos ? std::string::npos : end - first);
  }
  return text;
}

// `text` with `message` in comment lines after its first line.
std::string with_error(const std::string& text, const std::string& message,
                       const std::string& mark) {
  const std::string lines = fmt::format(
      "{}{}\n{}fix it and save again, or save an empty file to cancel\n", mark, message, mark);
  const std::size_t first = text.find('\n');
  if (first == std::string::npos) return lines + text;
  return text.substr(0, first + 1) + lines + text.substr(first + 1);
}

// What is wrong with `text` as `check` says it, its line numbers counting the error lines the
// reopened file will hold; empty when nothing is.
std::string problem_in(const EditLoop& loop, const std::filesystem::path& path,
                       const std::string& text) {
  std::string message;
  try {
    loop.check(path, text);
    return {};
  } catch (const Error& first) {
    message = first.what();
  }
  try {
    loop.check(path, with_error(text, message, loop.comment_mark));
  } catch (const Error& again) {
    message = again.what();
  }
  return message;
}

}  // namespace

std::optional<std::string> editor_command() {
  for (const char* name : {"VISUAL", "EDITOR"}) {
    const char* value = std::getenv(name);
    if (value && value[0] != '\0') return std::string(value);
  }
  return std::nullopt;
}

std::optional<std::string> editor_on_terminal() {
  if (!is_terminal(stdin) || !is_terminal(stdout)) return std::nullopt;
  return editor_command();
}

void run_editor(const std::string& editor, const std::filesystem::path& path,
                std::optional<int> line, const std::string& kept) {
  std::fflush(stdout);
  const std::string at = line ? fmt::format("+{} ", *line) : std::string();
  const int status = std::system((editor + " " + at + quoted_for_shell(path.string())).c_str());
  if (status != 0) throw Error("the editor ({}) failed (status {}); {}", editor, status, kept);
}

bool edit_until_accepted(const EditLoop& loop) {
  ScratchFolder scratch;
  const std::filesystem::path path = scratch.path() / loop.file_name;
  write_file_atomically(path, loop.start);
  for (;;) {
    try {
      run_editor(loop.editor, path, std::nullopt,
                 fmt::format("nothing was imported, the text is kept in {}", path.string()));
    } catch (const Error&) {
      scratch.keep();
      throw;
    }
    const std::string saved = without_error(read_file(path), loop.comment_mark);
    if (saved.find_first_not_of(" \t\r\n") == std::string::npos) return false;
    const std::string message = problem_in(loop, path, saved);
    if (message.empty()) {
      loop.save(path, saved);
      return true;
    }
    write_file_atomically(path, with_error(saved, message, loop.comment_mark));
  }
}

}  // namespace rehearse::cli
