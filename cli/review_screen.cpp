#include "review_screen.hpp"

#include <algorithm>
#include <string_view>

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

std::vector<std::string> prompt_lines(bool revealed, bool typing, int page, int pages) {
  if (!revealed && typing) return {"Type the answer \u00b7 Enter: show it \u00b7 Esc quit"};
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

// The end of `text` that fits in `width` columns: what was typed last stays in sight.
std::string tail_to_width(std::string_view text, int width) {
  while (!text.empty() && display_width(text) > width) {
    std::size_t first = 1;  // the first character's bytes
    while (first < text.size() && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80)
      ++first;
    text.remove_prefix(first);
  }
  return std::string(text);
}

// The answer being typed, the cursor after it.
std::string typing_line(const std::string& typing, int columns) {
  constexpr std::string_view kLabel = "Your answer: ";
  const int room = columns - static_cast<int>(kLabel.size()) - 1;
  return std::string(kLabel) + tail_to_width(typing, room) + "_";
}

std::string word_text(const TypedWord& word) {
  switch (word.kind) {
    case TypedWord::Kind::missing:
      return "[" + word.text + "]";
    case TypedWord::Kind::extra:
      return "~" + word.text + "~";
    case TypedWord::Kind::matched:
    case TypedWord::Kind::punctuation:
      break;
  }
  return word.text;
}

std::string typed_heading(const std::vector<TypedWord>& words) {
  int matched = 0, expected = 0, extra = 0;
  for (const TypedWord& word : words) {
    matched += word.kind == TypedWord::Kind::matched ? 1 : 0;
    expected += word.kind == TypedWord::Kind::matched || word.kind == TypedWord::Kind::missing;
    extra += word.kind == TypedWord::Kind::extra ? 1 : 0;
  }
  std::string heading = "You typed " + std::to_string(matched) + " of " + std::to_string(expected) +
                        " word" + (expected == 1 ? "" : "s");
  if (extra > 0) heading += ", and " + std::to_string(extra) + " not in the answer";
  return heading + ":";
}

const char* colour(TypedWord::Kind kind) {
  switch (kind) {
    case TypedWord::Kind::matched:
      return "\033[32m";
    case TypedWord::Kind::missing:
      return "\033[33;4m";
    case TypedWord::Kind::extra:
      return "\033[31;9m";
    case TypedWord::Kind::punctuation:
      break;
  }
  return "";
}

}  // namespace

std::string marked_text(const ScreenLine& line) {
  std::string out;
  std::size_t at = 0;
  for (const Mark& mark : line.marks) {
    out += line.text.substr(at, mark.from - at);
    out += colour(mark.kind);
    out += line.text.substr(mark.from, mark.to - mark.from);
    out += "\033[0m";
    at = mark.to;
  }
  out += line.text.substr(at);
  return out;
}

std::vector<ScreenLine> typed_lines(const std::vector<TypedWord>& words, int columns) {
  std::vector<ScreenLine> lines{{truncate_to_width(typed_heading(words), columns), Style::faint}};
  ScreenLine line;
  int width = 0;
  for (const TypedWord& word : words) {
    std::string text = word_text(word);
    if (display_width(text) > columns) text = truncate_to_width(text, columns);
    const int text_width = display_width(text);
    if (width > 0 && width + 1 + text_width > columns) {
      lines.push_back(std::move(line));
      line = {};
      width = 0;
    }
    if (width > 0) {
      line.text += ' ';
      ++width;
    }
    const std::size_t from = line.text.size();
    line.text += text;
    width += text_width;
    if (word.kind != TypedWord::Kind::punctuation)
      line.marks.push_back({from, line.text.size(), word.kind});
  }
  if (!line.text.empty()) lines.push_back(std::move(line));
  return lines;
}

std::vector<ScreenLine> card_screen(const CardView& view, int columns, int rows,
                                    std::optional<int> answer_page, int* pages) {
  std::vector<ScreenLine> screen{{header_line(view, columns), Style::faint}};
  std::string status = view.reask ? "Asked again: missed earlier today." : "";
  if (view.changed) status += std::string(status.empty() ? "" : " ") + kChangedNote;
  if (!view.last.empty()) status += (status.empty() ? "" : " ") + view.last;
  if (!status.empty()) add(screen, wrap_text(status, columns), Style::faint);
  screen.push_back({});
  add(screen, wrap_text(view.front, columns), Style::bold);
  if (view.typing && !answer_page) {
    screen.push_back({});
    screen.push_back({typing_line(*view.typing, columns), Style::plain});
  }

  const std::vector<std::string> answer = wrap_text(view.back, columns);
  const std::vector<ScreenLine> typed = answer_page && !view.typed.empty()
                                            ? typed_lines(view.typed, columns)
                                            : std::vector<ScreenLine>{};
  constexpr int kMinAnswerRows = 3;
  const int fixed =
      static_cast<int>(screen.size() + typed.size()) + 1 /* rule */ + 1 /* note */ + 2 /* keys */;
  const int height = std::max(kMinAnswerRows, rows - fixed);
  *pages = page_count(static_cast<int>(answer.size()), height);
  const int page = std::min(answer_page.value_or(0), *pages - 1);
  if (answer_page) {
    screen.push_back({std::string(static_cast<std::size_t>(columns), '-'), Style::faint});
    screen.insert(screen.end(), typed.begin(), typed.end());
    const auto first = answer.begin() + std::min<std::ptrdiff_t>(page * height, answer.size());
    const auto last = answer.begin() + std::min<std::ptrdiff_t>((page + 1) * height, answer.size());
    add(screen, {first, last}, Style::plain);
  }
  screen.push_back({truncate_to_width(view.note, columns), Style::plain});
  for (const std::string& line :
       prompt_lines(answer_page.has_value(), view.typing.has_value(), page, *pages))
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
