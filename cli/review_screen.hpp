#pragma once

// The review screen on a terminal, as lines of text: a pure function of what there is to show
// and the terminal's size, so that it can be tested without one.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace rehearse::cli {

// A word of a typed answer against the card's back (model/word_diff.hpp DiffWord), safe to
// print. Written with markers that read without colour: matched words as they are, missing
// ones [in brackets], extra ones ~between tildes~; punctuation of the back as it is.
struct TypedWord {
  enum class Kind { matched, missing, extra, punctuation };
  Kind kind = Kind::matched;
  std::string text;
};

// What the screen shows of a card. Text is already safe to print (visible()).
struct CardView {
  std::string deck;               // the deck's id
  std::vector<std::string> tags;  // the card's tags
  int left_new = 0;               // what is left today, this card included
  int left_due = 0;
  int left_reasks = 0;
  bool reask = false;    // asked again because it was missed earlier today
  bool changed = false;  // an import edited its front or back since its last answer
  std::string front;     // the question
  std::string back;      // the answer
  std::string last;      // what the previous answer did, or empty
  std::string note;      // a one-line message for the user (a key that does nothing now)
  // With review --type: before the answer is shown, what is typed so far; once it is, the
  // typed words against the back's (none when nothing was typed).
  std::optional<std::string> typing;
  std::vector<TypedWord> typed;
};

// A part of a line drawn in the colour of a typed word's kind: bytes [from, to) of its text.
struct Mark {
  std::size_t from = 0;
  std::size_t to = 0;
  TypedWord::Kind kind = TypedWord::Kind::matched;
};

// One line of the screen and how it is drawn.
struct ScreenLine {
  enum class Style { plain, faint, bold };
  std::string text;
  Style style = Style::plain;
  std::vector<Mark> marks = {};  // colours within the line, in order, apart
};

// `line`'s text with its marks coloured by ANSI escapes: matched words green, missing ones
// yellow and underlined, extra ones red and struck through. Its style is not applied.
std::string marked_text(const ScreenLine& line);

// A typed answer's words as lines of at most `columns`: "You typed N of M words" (and how many
// extra), then the words with their markers, wrapped between words, each line's marks set.
// REQUIRES: columns >= 20.
std::vector<ScreenLine> typed_lines(const std::vector<TypedWord>& words, int columns);

// The one-line grade legend; at most 80 columns.
extern const char* const kGradeLegend;
// What the screen says of a card whose text an import changed since its last answer.
inline constexpr const char* kChangedNote = "Changed since your last review.";

// Lines of the card's screen for a terminal of `columns` x `rows`: the header (counts, deck,
// tags, re-ask), the question, the answer being typed (`typing`, before the answer is shown),
// then, when `answer_page` is set, the typed words against the back and that page of the
// answer, and the key prompt last. The answer is cut into pages that leave the header and question
// on screen; `answer_page` past the last page shows the last. `*pages` receives the page count.
// Every line fits in `columns` (REQUIRES: columns >= 20, rows >= 1).
std::vector<ScreenLine> card_screen(const CardView& view, int columns, int rows,
                                    std::optional<int> answer_page, int* pages);

// How long a story should take told aloud, and the longest before the summary names it.
inline constexpr int kTellingAimSeconds = 120;

// "Telling it aloud: 1:05 (aim: under 2:00)", the line a story card shows while it is told.
std::string telling_line(int seconds);
// "Told in 1:05.", once the answer is shown.
std::string told_line(int seconds);
// A story told for longer than kTellingAimSeconds: the story's id and its longest telling.
struct LongTelling {
  std::string story_id;
  int seconds = 0;
};
// "Told in over 2 minutes: a (2:14), b (3:01). Tighten them: ..." for the session summary;
// empty when `tellings` is.
std::string long_tellings_line(const std::vector<LongTelling>& tellings);

// The help screen: every key, then SM-2's six grades.
std::vector<ScreenLine> help_screen(int columns);

}  // namespace rehearse::cli
