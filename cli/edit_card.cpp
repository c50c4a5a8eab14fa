// The edit key of review: the card's deck file opened in the user's editor at the card's line,
// imported again once the editor closes.
#include "edit_card.hpp"

#include <fmt/core.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <span>

#include "editor.hpp"
#include "import/import.hpp"
#include "import_policy.hpp"
#include "io/file.hpp"
#include "io/import_formats.hpp"
#include "layout.hpp"
#include "model/error.hpp"
#include "model/reverse_card.hpp"
#include "stories/cards.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

bool is_id_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == ':';
}

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Whether text[at] starts `"id"`, then a colon, give or take white space, before `end`.
bool id_member_before(std::string_view text, std::size_t end) {
  std::size_t at = text.find_last_not_of(" \t\r\n", end == 0 ? 0 : end - 1);
  if (at == std::string_view::npos || text[at] != ':') return false;
  at = text.find_last_not_of(" \t\r\n", at == 0 ? 0 : at - 1);
  return at != std::string_view::npos && at >= 3 && text.substr(at - 3, 4) == "\"id\"";
}

// The editor's terminal: the modes review's raw mode replaced, while alive; raw mode after.
class EditorTerminal {
 public:
  EditorTerminal() {
    fmt::print("\033[H\033[2J");
    std::fflush(stdout);
    if (::tcgetattr(STDIN_FILENO, &raw_) != 0) return;
    saved_ = true;
    termios cooked = raw_;
    cooked.c_lflag |= ICANON | ECHO | ISIG | IEXTEN;
    cooked.c_iflag |= IXON | ICRNL;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &cooked);
  }
  ~EditorTerminal() {
    if (saved_) ::tcsetattr(STDIN_FILENO, TCSANOW, &raw_);
  }
  EditorTerminal(const EditorTerminal&) = delete;
  EditorTerminal& operator=(const EditorTerminal&) = delete;

 private:
  termios raw_{};
  bool saved_ = false;
};

// The line a "PATH:LINE: ..." message names, if it does.
std::optional<int> line_in_message(const std::string& message, const std::filesystem::path& path) {
  const std::string prefix = path.string() + ":";
  if (!message.starts_with(prefix)) return std::nullopt;
  int line = 0;
  const char* begin = message.data() + prefix.size();
  const auto [end, error] = std::from_chars(begin, message.data() + message.size(), line);
  if (error != std::errc() || end == begin || line < 1) return std::nullopt;
  return line;
}

// Shows why the file was refused and asks whether to reopen it: true for y.
bool ask_to_reopen(const std::filesystem::path& path, const std::string& message) {
  const int columns = std::max(terminal_size().value_or(TerminalSize{}).columns, 20);
  std::string screen = "\033[H\033[2J";
  for (const std::string& line :
       wrap_text(fmt::format("{} was not imported: {}", path.string(), message), columns))
    screen += line + "\n";
  screen += "\nReopen it in the editor? (y/n) ";
  for (;;) {
    fmt::print("{}", screen);
    std::fflush(stdout);
    const Key key = read_key();
    if (key.kind == Key::Kind::resized || key.kind == Key::Kind::timeout) continue;
    if (key.kind != Key::Kind::character) return false;
    if (key.character == 'y' || key.character == 'Y') return true;
    if (key.character == 'n' || key.character == 'N' || key.character == 'q') return false;
  }
}

// Why `card` cannot be edited from the review, or nullopt when its file can.
std::optional<std::string> why_not_editable(const Card& card, const std::filesystem::path& source,
                                            const std::optional<std::string>& editor) {
  if (card.deck_id == kStoryDeckId) {
    return "A story's card: edit the story with rehearse story edit.";
  }
  if (source.empty()) {
    return fmt::format(
        "Deck {} has no file to edit: it was not imported from one (rehearse export it, then "
        "import that file).",
        visible_line(card.deck_id));
  }
  if (!editor) return "No editor: set VISUAL or EDITOR to edit cards from the review.";
  return std::nullopt;
}

// What importing the file again did.
struct Reimport {
  ImportReport report;                // the report of the card's deck
  std::optional<std::string> backup;  // backup_notice (import_policy.hpp)
};

// Imports the file again under import's policy (import_policy.hpp): a move of a card from
// another deck is refused, as import refuses it, and a large import is backed up first.
Reimport import_again(Context& context, const std::filesystem::path& source, ImportFormat format,
                      const std::string& deck_id) {
  ImportFileOptions options;
  options.deck_id = deck_id;  // a sheet's deck, as it was imported
  const ImportedFile file = read_import_file(source, format, options);
  Collection& collection = context.collection();
  const std::vector<std::string> sources(file.decks.size(), source.string());
  const ImportOutcome outcome =
      import_files(collection, file.decks, import_policy(sources, context.now()));
  const std::vector<ImportReport>& reports = outcome.reports;
  const auto of_deck = std::find_if(reports.begin(), reports.end(),
                                    [&](const ImportReport& r) { return r.deck_id == deck_id; });
  if (of_deck != reports.end()) return {*of_deck, backup_notice(outcome)};
  return {reports.empty() ? ImportReport{} : reports.front(), backup_notice(outcome)};
}

std::string describe(const std::filesystem::path& source, const ImportReport& report,
                     const std::string& card_id) {
  std::string note =
      fmt::format("{} imported: {} added, {} updated.", visible_line(source.filename().string()),
                  report.added, report.updated);
  if (std::find(report.missing.begin(), report.missing.end(), card_id) != report.missing.end()) {
    note += fmt::format(" Card {} is no longer in it: an orphan now (rehearse orphans).",
                        visible_line(card_id));
  }
  return note;
}

}  // namespace

std::optional<int> card_line(std::string_view text, std::string_view id, bool deck_file) {
  if (id.empty()) return std::nullopt;
  for (std::size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1)) {
    const std::size_t end = at + id.size();
    const bool word = (at == 0 || !is_id_character(text[at - 1])) &&
                      (end == text.size() || !is_id_character(text[end]));
    if (!word) continue;
    if (!deck_file) return line_at(text, at);
    if (at > 0 && text[at - 1] == '"' && end < text.size() && text[end] == '"' &&
        id_member_before(text, at - 1)) {
      return line_at(text, at);
    }
  }
  return std::nullopt;
}

CardEdit edit_card_source(Context& context, const Card& card) {
  const std::filesystem::path source = context.collection().deck_source(card.deck_id);
  const std::optional<std::string> editor = editor_command();
  if (auto why = why_not_editable(card, source, editor)) return {std::nullopt, *why};
  ImportFormat format = ImportFormat::deck;
  int line = 1;
  try {
    format = detect_import_format(source);
    if (format == ImportFormat::apkg) {
      return {std::nullopt, fmt::format("{} is an Anki package: edit it in Anki, then import it "
                                        "again.",
                                        visible_line(source.string()))};
    }
    const std::string text = read_file(source);
    const bool deck_file = format == ImportFormat::deck;
    std::optional<int> at = card_line(text, card.content.id, deck_file);
    // A reverse card is written in the file as its card, with "reverse": true.
    const std::optional<std::string_view> forward = card_of_reverse(card.content.id);
    if (!at && forward && deck_file) at = card_line(text, *forward, deck_file);
    line = at.value_or(1);
  } catch (const Error& e) {
    return {std::nullopt, visible_line(e.what())};
  }
  for (;;) {
    {
      const EditorTerminal terminal;
      try {
        run_editor(*editor, source, line, "the file is as the editor left it");
      } catch (const Error& e) {
        return {std::nullopt, visible_line(e.what())};
      }
    }
    try {
      const Reimport done = import_again(context, source, format, card.deck_id);
      std::string note = describe(source, done.report, card.content.id);
      if (done.backup) note += " " + *done.backup;
      return {context.collection().find_card(card.content.id), note};
    } catch (const Error& e) {
      const std::string message = visible_line(e.what());
      if (!ask_to_reopen(source, message)) {
        return {std::nullopt,
                fmt::format("Not imported, the collection is as it was: {}", message)};
      }
      line = line_in_message(e.what(), source).value_or(line);
    }
  }
}

}  // namespace rehearse::cli
