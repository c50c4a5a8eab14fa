#pragma once

#include <string>
#include <string_view>

namespace rehearse::cli {

// Text that came from a file (a deck, a collection, a path) as it may reach a terminal. Control
// characters are shown instead of obeyed, so that a shared deck cannot clear the screen, move
// the cursor, set the window title or the clipboard, or hide a line behind a carriage return:
// C0 controls and DEL become their Unicode control pictures (ESC is shown as U+241B), C1
// controls (U+0080-U+009F) and bytes that are not UTF-8 become U+FFFD. Everything else is
// kept as it is.

// For text laid out on several lines (a card's front and back): newlines and tabs are kept.
std::string visible(std::string_view text);

// For text that must stay on one line (ids, names, paths, error messages): newlines and tabs
// are shown as control pictures too.
std::string visible_line(std::string_view text);

}  // namespace rehearse::cli
