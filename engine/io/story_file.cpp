// A story file is read in three steps: its bytes (UTF-8, no control characters), its front
// matter (YAML, through yaml-cpp) and its body (CommonMark, through md4c), which is cut into
// sections at its top-level headings. docs/stories.md specifies the format.
#include "io/story_file.hpp"

#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <optional>

#include "io/file.hpp"
#include "io/markdown.hpp"
#include "model/card.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"

namespace rehearse {
namespace {

constexpr std::string_view kFields = "id, title, principles, tags, answers";
constexpr std::string_view kSections =
    "Situation, Task, Action, Result, Metrics, Follow-ups, In 30 seconds";

// ---- Bytes ------------------------------------------------------------------------------------

int line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

std::size_t column_of(std::string_view text, std::size_t offset) {
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return offset - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
}

// C0 controls other than tab and newline, DEL and the C1 controls: what a terminal obeys.
bool is_control(utf8proc_int32_t code) {
  return (code < 0x20 && code != '\t' && code != '\n') || (code >= 0x7F && code <= 0x9F);
}

// Throws unless `text` is UTF-8 without control characters, a CR allowed before a LF only.
void check_bytes(std::string_view text, std::string_view source) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t code = 0;
    const auto length =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code);
    if (length < 0) {
      throw Error("{}:{}:{}: the file is not valid UTF-8 text", source, line_of(text, i),
                  column_of(text, i));
    }
    if (is_control(code) && !(code == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      throw Error(
          "{}:{}:{}: control character U+{:04X} is not allowed in a story (only tabs and line "
          "breaks)",
          source, line_of(text, i), column_of(text, i), code);
    }
    i += static_cast<std::size_t>(length);
  }
}

// What is wrong with a value decoded from YAML (escapes can give any character), or nullopt.
std::optional<std::string> value_problem(std::string_view value) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(value.data());
  for (std::size_t i = 0; i < value.size();) {
    utf8proc_int32_t code = 0;
    const auto length =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(value.size() - i), &code);
    if (length < 0) return "is not valid UTF-8 once decoded";
    if (code == '\n') return "holds a line break (it must be one line)";
    if (is_control(code)) return fmt::format("holds control character U+{:04X}", code);
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

std::string without_carriage_returns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  }
  return out;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\n") == std::string_view::npos;
}

// ---- Front matter -----------------------------------------------------------------------------

struct Parts {
  std::string_view yaml;  // between the two "---" lines
  int yaml_line = 2;      // the line of its first byte
  std::string_view body;  // after the closing line
  int body_line = 3;
};

bool is_delimiter(std::string_view line, bool closing) {
  const std::size_t end = line.find_last_not_of(" \t");
  const std::string_view text = end == std::string_view::npos ? "" : line.substr(0, end + 1);
  return text == "---" || (closing && text == "...");
}

Parts split(std::string_view text, std::string_view source) {
  const std::size_t first_end = std::min(text.find('\n'), text.size());
  if (!is_delimiter(text.substr(0, first_end), false)) {
    throw Error(
        "{}:1: a story starts with its front matter: a line \"---\", the fields (id, title, "
        "principles...), then \"---\" again",
        source);
  }
  std::size_t at = first_end + 1;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (is_delimiter(text.substr(at, end - at), true)) {
      Parts parts;
      parts.yaml = text.substr(first_end + 1, at - first_end - 1);
      parts.body = end < text.size() ? text.substr(end + 1) : std::string_view{};
      parts.body_line = line_of(text, at) + 1;
      return parts;
    }
    at = end + 1;
  }
  throw Error("{}:1: the front matter that starts here has no closing \"---\" line", source);
}

// Reads the front matter's fields into a story, checking each.
class FrontMatter {
 public:
  FrontMatter(const Parts& parts, std::string_view source) : parts_(parts), source_(source) {}
  void read(Story& story);

 private:
  int line(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return parts_.yaml_line + (mark.is_null() ? 0 : mark.line);
  }
  template <typename... Args>
  [[noreturn]] void fail(int line, fmt::format_string<Args...> format, Args&&... args) const {
    throw Error("{}:{}: {}", source_, line, fmt::format(format, std::forward<Args>(args)...));
  }
  YAML::Node load() const;
  std::string scalar(const YAML::Node& node, std::string_view field, int at) const;
  std::vector<std::string> list(const YAML::Node& node, std::string_view field,
                                std::string_view example, int at) const;
  void id(const YAML::Node& node, int at, Story& story) const;
  void title(const YAML::Node& node, int at, Story& story) const;
  void principles(const YAML::Node& node, int at, Story& story) const;
  void tags(const YAML::Node& node, int at, Story& story) const;
  void answers(const YAML::Node& node, int at, Story& story) const;

  const Parts& parts_;
  std::string_view source_;
};

YAML::Node FrontMatter::load() const {
  try {
    return YAML::Load(std::string(parts_.yaml));
  } catch (const YAML::Exception& e) {
    const int yaml_lines =
        static_cast<int>(std::count(parts_.yaml.begin(), parts_.yaml.end(), '\n'));
    const int at = e.mark.is_null() ? 0 : std::clamp(e.mark.line, 0, std::max(0, yaml_lines - 1));
    const int column = e.mark.is_null() ? 1 : e.mark.column + 1;
    throw Error("{}:{}:{}: the front matter is not valid YAML: {}", source_, parts_.yaml_line + at,
                column, e.msg);
  }
}

std::string FrontMatter::scalar(const YAML::Node& node, std::string_view field, int at) const {
  if (node.IsNull()) return {};
  if (!node.IsScalar()) fail(at, "\"{}\" must be a single value, not a list or fields", field);
  if (const auto problem = value_problem(node.Scalar())) fail(at, "\"{}\" {}", field, *problem);
  return node.Scalar();
}

std::vector<std::string> FrontMatter::list(const YAML::Node& node, std::string_view field,
                                           std::string_view example, int at) const {
  std::vector<std::string> values;
  if (node.IsNull()) return values;
  if (!node.IsSequence()) fail(at, "\"{}\" must be a list, such as {}", field, example);
  for (const YAML::Node& element : node) {
    if (!element.IsScalar())
      fail(line(element), "\"{}\" must be a list, such as {}", field, example);
    if (const auto problem = value_problem(element.Scalar())) {
      fail(line(element), "a value of \"{}\" {}", field, *problem);
    }
    if (std::find(values.begin(), values.end(), element.Scalar()) != values.end()) {
      fail(line(element), "\"{}\" lists '{}' twice", field, element.Scalar());
    }
    values.push_back(element.Scalar());
  }
  return values;
}

void FrontMatter::id(const YAML::Node& node, int at, Story& story) const {
  story.id = scalar(node, "id", at);
  if (story.id.empty())
    fail(at, "\"id\" is empty (a story needs a stable id, such as payments-cutover)");
  if (const auto problem = id_problem(story.id, kMaxStoryIdLength)) {
    fail(at, "story id \"{}\" {}", story.id, *problem);
  }
}

void FrontMatter::title(const YAML::Node& node, int at, Story& story) const {
  story.title = scalar(node, "title", at);
  if (is_blank(story.title)) fail(at, "\"title\" is empty");
  if (story.title.size() > 200) fail(at, "\"title\" is longer than 200 characters");
}

void FrontMatter::principles(const YAML::Node& node, int at, Story& story) const {
  story.principles = list(node, "principles", "[ownership, deliver-results]", at);
  for (std::size_t i = 0; i < story.principles.size(); ++i) {
    const std::string& slug = story.principles[i];
    if (!find_principle(slug)) {
      fail(node.IsSequence() ? line(node[i]) : at,
           "\"{}\" is not a principle (did you mean \"{}\"? 'rehearse principles' lists all 16)",
           slug, nearest_principle(slug)->slug);
    }
  }
  if (story.principles.empty()) {
    fail(at, "\"principles\" is empty (list 1 to 4, the primary one first)");
  }
  if (story.principles.size() > 4) {
    fail(at, "{} principles listed; a story shows 1 to 4 (the primary one first)",
         story.principles.size());
  }
}

void FrontMatter::tags(const YAML::Node& node, int at, Story& story) const {
  story.tags = list(node, "tags", "[round:technical, company:acme]", at);
  for (std::size_t i = 0; i < story.tags.size(); ++i) {
    if (const std::optional<std::string> problem = tag_problem(story.tags[i])) {
      fail(line(node[i]), "{}", *problem);
    }
  }
}

void FrontMatter::answers(const YAML::Node& node, int at, Story& story) const {
  story.answers = list(node, "answers", "[behavioral.technical.service-architecture]", at);
  for (std::size_t i = 0; i < story.answers.size(); ++i) {
    if (const auto problem = id_problem(story.answers[i], 200)) {
      fail(line(node[i]), "card id \"{}\" in \"answers\" {}", story.answers[i], *problem);
    }
  }
}

void FrontMatter::read(Story& story) {
  const YAML::Node root = load();
  if (root.IsNull()) fail(parts_.yaml_line, "the front matter is empty (expected {})", kFields);
  if (!root.IsMap()) {
    fail(line(root), "the front matter must be fields, one per line, such as \"id: my-story\"");
  }
  std::array<bool, 5> seen{};
  constexpr std::array<std::string_view, 5> kNames{"id", "title", "principles", "tags", "answers"};
  for (const auto& member : root) {
    const int at = line(member.first);
    if (!member.first.IsScalar()) fail(at, "a field name must be a word (expected {})", kFields);
    const std::string& name = member.first.Scalar();
    const auto known = std::find(kNames.begin(), kNames.end(), name);
    if (known == kNames.end()) fail(at, "unknown field \"{}\" (expected {})", name, kFields);
    const auto index = static_cast<std::size_t>(known - kNames.begin());
    if (seen[index]) fail(at, "\"{}\" is given twice", name);
    seen[index] = true;
    switch (index) {
      case 0:
        id(member.second, at, story);
        break;
      case 1:
        title(member.second, at, story);
        break;
      case 2:
        principles(member.second, at, story);
        break;
      case 3:
        tags(member.second, at, story);
        break;
      default:
        answers(member.second, at, story);
        break;
    }
  }
  for (std::size_t i = 0; i < 3; ++i) {
    if (!seen[i]) fail(parts_.yaml_line - 1, "the front matter has no \"{}\"", kNames[i]);
  }
}

// ---- Body -------------------------------------------------------------------------------------

std::string_view trim_blank_lines(std::string_view text) {
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    if (!is_blank(text.substr(0, end))) break;
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  while (!text.empty()) {
    const std::size_t newline = text.rfind('\n');
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    if (!is_blank(text.substr(start))) break;
    text = text.substr(0, newline == std::string_view::npos ? 0 : newline);
  }
  return text;
}

// An ATX heading's text as written: without the opening #s, the closing sequence and the
// spaces around them (CommonMark 4.2), read as md4c (which renders the heading) reads them:
// only a space marks a closing sequence. Tabs at either end are then trimmed, as they are
// from the heading's plain text: "###\tQ\t#" is the question "Q\t#".
std::string atx_content(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  const auto trim = [](std::string_view s) {
    const std::size_t a = s.find_first_not_of(' ');
    if (a == std::string_view::npos) return std::string_view{};
    return s.substr(a, s.find_last_not_of(' ') - a + 1);
  };
  line = trim(line);
  line.remove_prefix(std::min(line.find_first_not_of('#'), line.size()));
  line = trim(line);
  const std::size_t hashes = line.find_last_not_of('#');
  if (hashes == std::string_view::npos) return {};  // only the closing sequence
  if (hashes + 1 < line.size() && line[hashes] == ' ') line = trim(line.substr(0, hashes));
  const std::size_t a = line.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  return std::string(line.substr(a, line.find_last_not_of(" \t") - a + 1));
}

bool same_words(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Cuts the body into its sections at the top-level headings.
class Body {
 public:
  Body(const Parts& parts, std::string_view source, int last_line)
      : text_(parts.body), first_line_(parts.body_line), source_(source), last_line_(last_line) {}
  void read(Story& story);

 private:
  int line(std::size_t offset) const { return first_line_ + line_of(text_, offset) - 1; }
  template <typename... Args>
  [[noreturn]] void fail(int line, fmt::format_string<Args...> format, Args&&... args) const {
    throw Error("{}:{}: {}", source_, line, fmt::format(format, std::forward<Args>(args)...));
  }
  StorySection section_named(const MarkdownHeading& heading) const;
  StoryText text_between(std::size_t begin, std::size_t end, std::string_view what, int at) const;
  void close(Story& story, std::size_t end);
  void close_follow_up(Story& story, std::size_t end);

  std::string_view text_;
  int first_line_;
  std::string_view source_;
  int last_line_;
  std::optional<StorySection> section_;       // the section being read
  const MarkdownHeading* heading_ = nullptr;  // its heading, or its current question's
  std::size_t content_ = 0;                   // where its text starts
  std::vector<StorySection> seen_;
};

StorySection Body::section_named(const MarkdownHeading& heading) const {
  for (int i = 0; i <= static_cast<int>(StorySection::short_version); ++i) {
    const auto section = static_cast<StorySection>(i);
    if (same_words(heading.text, section_heading(section))) {
      if (std::find(seen_.begin(), seen_.end(), section) != seen_.end()) {
        fail(line(heading.begin), "\"## {}\" is given twice", section_heading(section));
      }
      return section;
    }
  }
  fail(line(heading.begin), "unknown section \"## {}\" (expected {})", heading.text, kSections);
}

StoryText Body::text_between(std::size_t begin, std::size_t end, std::string_view what,
                             int at) const {
  const std::string_view markdown = trim_blank_lines(text_.substr(begin, end - begin));
  if (markdown.empty()) fail(at, "{} is empty", what);
  if (!ends_before_next_heading(markdown)) {
    fail(at,
         "{}: a code block or HTML block is left open and runs to the end of the file (close "
         "the fence with ```)",
         what);
  }
  return story_text(std::string(markdown));
}

void Body::close_follow_up(Story& story, std::size_t end) {
  const int at = line(heading_->begin);
  const std::string_view line_text = text_.substr(heading_->begin, heading_->end - heading_->begin);
  FollowUp follow_up{atx_content(line_text), heading_->text, {}};
  if (follow_up.question.empty()) fail(at, "a follow-up question is empty");
  follow_up.answer =
      text_between(content_, end, fmt::format("the answer to \"{}\"", heading_->text), at);
  story.follow_ups.push_back(std::move(follow_up));
}

void Body::close(Story& story, std::size_t end) {
  if (!section_) return;
  const StorySection section = *section_;
  if (section == StorySection::follow_ups) {
    if (heading_->level == 2) {
      fail(line(heading_->begin), "\"## Follow-ups\" has no question (write each as \"### ...\")");
    }
    close_follow_up(story, end);
    return;
  }
  StoryText text = text_between(content_, end, fmt::format("\"## {}\"", section_heading(section)),
                                line(heading_->begin));
  switch (section) {
    case StorySection::situation:
      story.situation = std::move(text);
      break;
    case StorySection::task:
      story.task = std::move(text);
      break;
    case StorySection::action:
      story.action = std::move(text);
      break;
    case StorySection::result:
      story.result = std::move(text);
      break;
    case StorySection::metrics:
      story.metrics = std::move(text);
      break;
    default:
      story.short_version = std::move(text);
      break;
  }
}

void Body::read(Story& story) {
  const std::vector<MarkdownHeading> headings = top_level_headings(text_);
  for (const MarkdownHeading& heading : headings) {
    if (heading.level == 1) {
      fail(line(heading.begin),
           "a level-1 heading; sections are \"## \" headings (the title goes in the front matter)");
    }
    const bool question = heading.level == 3 && section_ == StorySection::follow_ups;
    if (heading.level != 2 && !question) continue;  // part of the section's text
    if (!section_) {
      if (!is_blank(text_.substr(0, heading.begin))) {
        const std::size_t text = text_.find_first_not_of(" \t\n");
        fail(line(text), "text before the first section (expected \"## Situation\")");
      }
    } else if (question && heading_->level == 2) {
      if (!is_blank(text_.substr(content_, heading.begin - content_))) {
        fail(line(heading_->begin),
             "\"## Follow-ups\" holds text before its first question (write each question as "
             "\"### ...\" with its answer below it)");
      }
    } else {
      close(story, heading.begin);
    }
    if (!question) {
      section_ = section_named(heading);
      seen_.push_back(*section_);
    }
    heading_ = &heading;
    content_ = heading.end;
  }
  if (!section_ && !is_blank(text_)) {
    fail(line(text_.find_first_not_of(" \t\n")),
         "text before the first section (expected \"## Situation\")");
  }
  close(story, text_.size());
  for (const StorySection required :
       {StorySection::situation, StorySection::task, StorySection::action, StorySection::result}) {
    if (std::find(seen_.begin(), seen_.end(), required) == seen_.end()) {
      fail(last_line_, "no \"## {}\" section (a story has Situation, Task, Action and Result)",
           section_heading(required));
    }
  }
}

// ---- Writing ----------------------------------------------------------------------------------

std::string front_matter(const Story& story) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << story.id;
  out << YAML::Key << "title" << YAML::Value << story.title;
  const auto list = [&](const char* name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    out << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& value : values)
      out << value;
    out << YAML::EndSeq;
  };
  list("principles", story.principles);
  list("tags", story.tags);
  list("answers", story.answers);
  out << YAML::EndMap;
  return out.c_str();
}

// "### " and the question. A question ending in #s after a space ("Q #"), or made of #s
// only, gets a closing sequence, which keeps them as text.
std::string question_heading(const std::string& question) {
  const std::size_t last = question.find_last_not_of('#');
  const bool closing_like =
      question.ends_with('#') &&
      (last == std::string::npos || question[last] == ' ' || question[last] == '\t');
  return "### " + question + (closing_like ? " #" : "");
}

}  // namespace

StoryText story_text(std::string markdown) {
  std::string plain = render_plain(markdown);
  return {std::move(markdown), std::move(plain)};
}

Story parse_story_file(std::string_view text, std::string_view source) {
  if (text.size() > kMaxStoryFileBytes) {
    throw Error("{}:1: the file is larger than 1 MiB; a story file holds one story", source);
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  check_bytes(text, source);
  const std::string normal = without_carriage_returns(text);
  if (is_blank(normal)) throw Error("{}:1: the file is empty", source);
  const Parts parts = split(normal, source);
  Story story;
  FrontMatter(parts, source).read(story);
  const int last_line = line_of(normal, normal.size() - (normal.ends_with('\n') ? 1 : 0));
  Body(parts, source, last_line).read(story);
  return story;
}

Story read_story_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxStoryFileBytes) {
    throw Error("{}:1: the file is larger than 1 MiB; a story file holds one story", path.string());
  }
  return parse_story_file(read_file(path), path.string());
}

std::string format_story_file(const Story& story) {
  std::vector<std::string> blocks;
  for (const StorySection section : sections_of(story)) {
    blocks.push_back(fmt::format("## {}", section_heading(section)));
    if (section != StorySection::follow_ups) {
      blocks.push_back(section_text(story, section)->markdown);
      continue;
    }
    for (const FollowUp& follow_up : story.follow_ups) {
      blocks.push_back(question_heading(follow_up.question));
      blocks.push_back(follow_up.answer.markdown);
    }
  }
  std::string out = "---\n" + front_matter(story) + "\n---\n";
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    out += blocks[i];
    out += i + 1 < blocks.size() ? "\n\n" : "\n";
  }
  return out;
}

void write_story_file(const Story& story, const std::filesystem::path& path) {
  write_file_atomically(path, format_story_file(story));
}

}  // namespace rehearse
