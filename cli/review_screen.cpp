#include "review_screen.hpp"

#include <algorithm>

#include "layout.hpp"

namespace rehearse::cli {

const char* const kGradeLegend =
    "Grades: 5 perfect, 4 hesitated, 3 hard | wrong: 2 almost, 1 familiar, 0 blank";

namespace {

using Style = ScreenLine::Style;

std::string counts_text(const CardView& view) {
  return std::to_string(view.left_new) + " new \u00b7 " + std::to_string(view.left_due) +
         " due \u00b7 " + std::to_string(view.left_reasks) + " re-ask" +
         (view.left_reasks == 1 ? "" : "s");
}

// "deck  tag tag" on the left, the counts on the right, cut to fit.
std::string header_line(const CardView& view, int columns) {
  const std::string right = counts_text(view);
  std::string left = view.deck;
  if (!view.tags.empty()) left += " \u00b7";
  for (const std::string& tag : view.tags)
    left += " " + tag;
  const int room = columns - display_width(right) - 2;
  if (room < 8) return truncate_to_width(left + "  " + right, columns);
  left = truncate_to_width(left, room);
  const int gap = columns - display_width(left) - display_width(right);
  return left + std::string(static_cast<std::size_t>(gap), ' ') + right;
}

std::vector<std::string> prompt_lines(bool revealed, int page, int pages) {
  if (!revealed) return {"Space: show the answer \u00b7 ? keys \u00b7 q quit"};
  std::string keys = "0-5 grade";
  if (page + 1 < pages) {
    keys += " \u00b7 Space: more (" + std::to_string(page + 1) + "/" + std::to_string(pages) + ")";
  }
  if (page > 0) keys += " \u00b7 b: back";
  keys += " \u00b7 ? keys \u00b7 q quit";
  return {kGradeLegend, keys};
}

void add(std::vector<ScreenLine>& screen, const std::vector<std::string>& lines, Style style) {
  for (const std::string& line : lines)
    screen.push_back({line, style});
}

}  // namespace

std::vector<ScreenLine> card_screen(const CardView& view, int columns, int rows,
                                    std::optional<int> answer_page, int* pages) {
  std::vector<ScreenLine> screen{{header_line(view, columns), Style::faint}};
  std::string status = view.reask ? "Asked again: missed earlier today." : "";
  if (view.changed) status += std::string(status.empty() ? "" : " ") + kChangedNote;
  if (!view.last.empty()) status += (status.empty() ? "" : " ") + view.last;
  if (!status.empty()) add(screen, wrap_text(status, columns), Style::faint);
  screen.push_back({});
  add(screen, wrap_text(view.front, columns), Style::bold);

  const std::vector<std::string> answer = wrap_text(view.back, columns);
  constexpr int kMinAnswerRows = 3;
  const int fixed = static_cast<int>(screen.size()) + 1 /* rule */ + 1 /* note */ + 2 /* keys */;
  const int height = std::max(kMinAnswerRows, rows - fixed);
  *pages = page_count(static_cast<int>(answer.size()), height);
  const int page = std::min(answer_page.value_or(0), *pages - 1);
  if (answer_page) {
    screen.push_back({std::string(static_cast<std::size_t>(columns), '-'), Style::faint});
    const auto first = answer.begin() + std::min<std::ptrdiff_t>(page * height, answer.size());
    const auto last = answer.begin() + std::min<std::ptrdiff_t>((page + 1) * height, answer.size());
    add(screen, {first, last}, Style::plain);
  }
  screen.push_back({truncate_to_width(view.note, columns), Style::plain});
  for (const std::string& line : prompt_lines(answer_page.has_value(), page, *pages))
    screen.push_back({truncate_to_width(line, columns), Style::faint});
  return screen;
}

namespace {

std::string minutes(int seconds) {
  const int s = seconds % 60;
  return std::to_string(seconds / 60) + (s < 10 ? ":0" : ":") + std::to_string(s);
}

}  // namespace

std::string telling_line(int seconds) {
  return "Telling it aloud: " + minutes(seconds) + " (aim: under " + minutes(kTellingAimSeconds) +
         "); Space when done";
}

std::string told_line(int seconds) {
  return "Told in " + minutes(seconds) + (seconds > kTellingAimSeconds ? ": over 2 minutes." : ".");
}

std::string long_tellings_line(const std::vector<LongTelling>& tellings) {
  if (tellings.empty()) return {};
  std::string text = "Told in over 2 minutes:";
  for (std::size_t i = 0; i < tellings.size(); ++i) {
    text +=
        (i == 0 ? " " : ", ") + tellings[i].story_id + " (" + minutes(tellings[i].seconds) + ")";
  }
  return text + ". Tighten them: 'rehearse story check ID' shows where the time goes.";
}

std::vector<ScreenLine> help_screen(int columns) {
  const std::vector<std::string> text = {
      "Keys",
      "  Space, Enter   show the answer; on a long answer, its next page",
      "  b, Up, PgUp    the answer's previous page (Down, PgDn: the next)",
      "  0-5            grade the answer once it is shown; saved at once",
      "  u              undo: take back the last answer and ask its card again",
      "  s              suspend this card (until 'rehearse unsuspend CARD')",
      "  e              edit the card in its deck file, then import that file again",
      "  ?              this help (any key goes back)",
      "  q, Q, Esc      end the session; every answer given is already saved",
      "  Ctrl-C         the same; Ctrl-Z stops rehearse until 'fg'",
      "",
      "Grades (SM-2)",
      "  5  perfect: right at once",
      "  4  right, after some hesitation",
      "  3  right, with serious difficulty",
      "  2  wrong, but it seemed easy once seen",
      "  1  wrong, though familiar once seen",
      "  0  a complete blank",
      "A card graded below 4 comes back later in the same session.",
      "",
      "Press any key to go back to the card.",
  };
  std::vector<ScreenLine> screen;
  for (const std::string& line : text)
    add(screen, wrap_text(line, columns), Style::plain);
  return screen;
}

}  // namespace rehearse::cli
