#include "layout.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace rehearse::cli {
namespace {

// One user-perceived character: its bytes and the columns it takes.
struct Cluster {
  std::size_t size = 0;
  int width = 0;
};

// The code point at `pos` and its length in bytes; -1 for a byte that is not UTF-8.
std::pair<std::size_t, utf8proc_int32_t> decode(std::string_view text, std::size_t pos) {
  utf8proc_int32_t code_point = -1;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
  const utf8proc_ssize_t length =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
  if (length <= 0) return {1, -1};
  return {static_cast<std::size_t>(length), code_point};
}

int code_point_width(utf8proc_int32_t code_point) {
  if (code_point < 0 || code_point == '\t') return 1;
  return utf8proc_charwidth(code_point);
}

constexpr utf8proc_int32_t kEmojiPresentation = 0xFE0F;

// The grapheme cluster that starts at `pos`. REQUIRES: pos < text.size().
Cluster cluster_at(std::string_view text, std::size_t pos) {
  auto [size, previous] = decode(text, pos);
  Cluster cluster{size, code_point_width(previous)};
  if (previous < 0) return cluster;
  bool emoji = false;
  utf8proc_int32_t state = 0;
  while (pos + cluster.size < text.size()) {
    const auto [next_size, next] = decode(text, pos + cluster.size);
    if (next < 0 || utf8proc_grapheme_break_stateful(previous, next, &state)) break;
    if (next == kEmojiPresentation) emoji = true;
    if (cluster.width == 0) cluster.width = code_point_width(next);
    cluster.size += next_size;
    previous = next;
  }
  if (emoji) cluster.width = std::max(cluster.width, 2);
  return cluster;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The bytes of a bullet at the start of `text` with the spaces after it, or 0 for none.
std::size_t bullet_length(std::string_view text) {
  std::size_t marker = 0;
  static constexpr std::array<std::string_view, 6> kMarks{"- ", "* ", "+ ", "• ", "· ", "– "};
  for (const std::string_view mark : kMarks) {
    if (text.starts_with(mark)) marker = mark.size() - 1;
  }
  if (marker == 0) {
    std::size_t digits = 0;
    while (digits < text.size() && digits < 3 &&
           std::isdigit(static_cast<unsigned char>(text[digits])))
      ++digits;
    const bool letter = digits == 0 && text.size() > 1 &&
                        std::isalpha(static_cast<unsigned char>(text[0])) && text[1] == ')';
    if (letter) marker = 2;
    if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')'))
      marker = digits + 1;
  }
  if (marker == 0 || marker >= text.size() || text[marker] != ' ') return 0;
  while (marker < text.size() && text[marker] == ' ')
    ++marker;
  return marker < text.size() ? marker : 0;
}

std::size_t leading_spaces(std::string_view text) {
  return std::min(text.find_first_not_of(' '), text.size());
}

// The bytes of the longest head of `word` that fits in `columns` (at least one cluster), cut
// after a hyphen when one fits.
std::size_t head_that_fits(std::string_view word, int columns) {
  std::size_t fitted = 0;
  std::size_t after_hyphen = 0;
  int used = 0;
  while (fitted < word.size()) {
    const Cluster cluster = cluster_at(word, fitted);
    if (fitted > 0 && used + cluster.width > columns) break;
    used += cluster.width;
    fitted += cluster.size;
    if (word[fitted - 1] == '-' && fitted < word.size()) after_hyphen = fitted;
  }
  return after_hyphen > 0 && fitted < word.size() ? after_hyphen : fitted;
}

// Greedy filling of one source line's words, each new line starting with `hang` spaces.
class LineFiller {
 public:
  LineFiller(std::vector<std::string>& out, std::string_view prefix, int width, int hang)
      : out_(out), width_(width), hang_(hang), line_(prefix), used_(display_width(prefix)) {}

  void add(std::string_view gap, std::string_view word) {
    const int gap_width = static_cast<int>(gap.size());
    int word_width = display_width(word);
    if (has_word_ && used_ + gap_width + word_width <= width_) {
      line_.append(gap).append(word);
      used_ += gap_width + word_width;
      return;
    }
    if (has_word_) break_line();
    while (used_ + word_width > width_) {
      if (used_ >= width_) break_line();
      const std::size_t head = head_that_fits(word, width_ - used_);
      line_.append(word.substr(0, head));
      has_word_ = true;
      if (head == word.size()) return;
      break_line();
      word.remove_prefix(head);
      word_width = display_width(word);
    }
    line_.append(word);
    used_ += word_width;
    has_word_ = true;
  }

  void finish() {
    if (has_word_ || !line_.empty()) out_.push_back(line_);
  }

 private:
  void break_line() {
    out_.push_back(line_);
    line_.assign(static_cast<std::size_t>(hang_), ' ');
    used_ = hang_;
    has_word_ = false;
  }

  std::vector<std::string>& out_;
  int width_;
  int hang_;
  std::string line_;
  int used_;
  bool has_word_ = false;
};

void wrap_line(std::string_view line, int width, std::vector<std::string>& out) {
  line = line.substr(0, line.find_last_not_of(' ') + 1);
  if (display_width(line) <= width) {
    out.emplace_back(line);
    return;
  }
  const std::size_t indent = leading_spaces(line);
  const std::string_view prefix = line.substr(0, indent + bullet_length(line.substr(indent)));
  int hang = display_width(prefix);
  if (hang > width / 2) hang = 0;
  LineFiller filler(out, prefix, width, hang);
  std::string_view rest = line.substr(prefix.size());
  while (!rest.empty()) {
    const std::size_t word_start = leading_spaces(rest);
    const std::size_t word_end = std::min(rest.find(' ', word_start), rest.size());
    filler.add(rest.substr(0, word_start), rest.substr(word_start, word_end - word_start));
    rest.remove_prefix(word_end);
  }
  filler.finish();
}

}  // namespace

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const Cluster cluster = cluster_at(text, pos);
    width += cluster.width;
    pos += cluster.size;
  }
  return width;
}

std::string truncate_to_width(std::string_view text, int width) {
  if (display_width(text) <= width) return std::string(text);
  std::size_t kept = 0;
  int used = 0;
  while (kept < text.size()) {
    const Cluster cluster = cluster_at(text, kept);
    if (used + cluster.width > width - 1) break;
    used += cluster.width;
    kept += cluster.size;
  }
  return std::string(text.substr(0, kept)) + "…";
}

std::string expand_tabs(std::string_view text) {
  constexpr int kTabStop = 4;
  std::string expanded;
  int column = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (text[pos] == '\t' || text[pos] == '\n') {
      if (text[pos] == '\n') {
        expanded += '\n';
        column = 0;
      } else {
        const int spaces = kTabStop - column % kTabStop;
        expanded.append(static_cast<std::size_t>(spaces), ' ');
        column += spaces;
      }
      ++pos;
      continue;
    }
    const Cluster cluster = cluster_at(text, pos);
    expanded.append(text.substr(pos, cluster.size));
    column += cluster.width;
    pos += cluster.size;
  }
  return expanded;
}

std::vector<std::string> wrap_text(std::string_view text, int width) {
  const std::string expanded = expand_tabs(text);
  std::vector<std::string> lines;
  for (const std::string_view line : split_lines(expanded))
    wrap_line(line, width, lines);
  return lines;
}

int page_count(int line_count, int height) {
  return std::max(1, (line_count + height - 1) / height);
}

}  // namespace rehearse::cli
