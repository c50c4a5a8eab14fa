#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

// The user's editor ($VISUAL, $EDITOR) for story new/edit, add and review's edit key.
namespace rehearse::cli {

// $VISUAL, else $EDITOR, when set and not empty.
std::optional<std::string> editor_command();

// The editor when there is one and both standard input and output are terminals; nullopt
// otherwise (then a command asks line by line, or refuses).
std::optional<std::string> editor_on_terminal();

// Runs `editor` on `path`, at `line` when given ("+LINE" before the path, which vi, Emacs, nano
// and most others understand), as git does: through the shell, so that the command may carry
// arguments. Throws Error with the editor's status when it fails; `kept` ends the message
// (what became of the text).
void run_editor(const std::string& editor, const std::filesystem::path& path,
                std::optional<int> line, const std::string& kept);

// A new text edited until it is right (edit_until_accepted).
struct EditLoop {
  std::string editor;
  std::string start;
  std::string file_name;
  std::string comment_mark;  // e.g. "# rehearse: "
  std::function<void(const std::filesystem::path& path, const std::string& text)> check;
  std::function<void(const std::filesystem::path& path, const std::string& text)> save;
};

// `loop.start` is written to a scratch file named `loop.file_name` (in a folder of its own under
// the temporary folder) and opened in the editor. Each save, without the error lines a previous
// round added, goes to `check`, which throws Error when something is wrong: the file is then
// reopened with the message in comment lines starting with `comment_mark` right after its first
// line (`check` also sees the text with them, so that the line numbers it gives count them).
// Once `check` accepts the text, `save` receives it. A save with nothing but white space
// cancels: returns false. A failing editor keeps the scratch file and throws.
bool edit_until_accepted(const EditLoop& loop);

}  // namespace rehearse::cli
