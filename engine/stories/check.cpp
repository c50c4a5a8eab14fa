#include "stories/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "model/principle.hpp"

namespace rehearse {
namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// The words of `plain`, lowercased (ASCII), with the apostrophes kept and other punctuation
// cut away: "We're" -> "we're", "(I)" -> "i". A typographic apostrophe becomes '.
std::vector<std::string> words_of(std::string_view plain) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    while (!word.empty() && word.back() == '\'')
      word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    if (plain.substr(i).starts_with("\xE2\x80\x99")) {  // U+2019
      if (!word.empty()) word += '\'';
      i += 2;
    } else if (c == '\'' && !word.empty()) {
      word += c;
    } else if (is_word_byte(c)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// Sentences, counted loosely: pieces of text ended by . ! or ? before white space, or by a
// line break (a list item is a sentence), that hold a letter or a digit.
std::size_t sentence_count(std::string_view plain) {
  std::size_t sentences = 0;
  bool words = false;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    words = words || is_word_byte(c);
    const bool stop =
        c == '\n' ||
        ((c == '.' || c == '!' || c == '?') &&
         (i + 1 == plain.size() || std::isspace(static_cast<unsigned char>(plain[i + 1]))));
    if (stop && words) {
      ++sentences;
      words = false;
    }
  }
  return sentences + (words ? 1 : 0);
}

// A number, a percentage, money or time: a digit, or a number said in words.
bool is_measurable(std::string_view plain) {
  if (std::any_of(plain.begin(), plain.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  static constexpr std::array<std::string_view, 28> kNumberWords{
      "one",     "two",     "three",    "four",     "five",      "six",     "seven",
      "eight",   "nine",    "ten",      "eleven",   "twelve",    "twenty",  "thirty",
      "fifty",   "hundred", "hundreds", "thousand", "thousands", "million", "millions",
      "billion", "half",    "halved",   "doubled",  "tripled",   "twice",   "percent"};
  for (const std::string& word : words_of(plain)) {
    if (std::find(kNumberWords.begin(), kNumberWords.end(), word) != kNumberWords.end()) {
      return true;
    }
  }
  return false;
}

struct SectionRule {
  StorySection section;
  const char* why;  // why an interviewer needs it told in full
};

constexpr std::array<SectionRule, 4> kStar{{
    {StorySection::situation, "an interviewer needs the context to judge the stakes"},
    {StorySection::task, "an interviewer needs to hear what you owned, not only what happened"},
    {StorySection::action,
     "the Action is what an interviewer scores: walk through what you did, step by step"},
    {StorySection::result, "an interviewer wants the outcome and what it changed"},
}};

Finding finding(const Story& story, std::string section, Severity severity, std::string message) {
  return {story.id, std::move(section), severity, std::move(message)};
}

void check_sections(const Story& story, std::vector<Finding>& out) {
  for (const SectionRule& rule : kStar) {
    const std::string name(section_heading(rule.section));
    const std::string& plain = section_text(story, rule.section)->plain;
    if (word_count(plain) == 0) {
      out.push_back(finding(story, name, Severity::error,
                            fmt::format("\"## {}\" is missing; {}.", name, rule.why)));
    } else if (sentence_count(plain) < 2) {
      out.push_back(finding(story, name, Severity::warning,
                            fmt::format("\"## {}\" is a single sentence; {}.", name, rule.why)));
    }
  }
}

void check_action_voice(const Story& story, std::vector<Finding>& out) {
  std::size_t we = 0, i = 0;
  for (const std::string& word : words_of(story.action.plain)) {
    if (word == "we" || word == "we're" || word == "we've" || word == "we'd" || word == "we'll") {
      ++we;
    }
    if (word == "i" || word == "i'm" || word == "i've" || word == "i'd" || word == "i'll") ++i;
  }
  if (we > i) {
    out.push_back(finding(
        story, "Action", Severity::warning,
        fmt::format("\"## Action\" says \"we\" {} times and \"I\" {}; an interviewer assesses "
                    "what you did: tell it in the first person singular.",
                    we, i == 0 ? "never" : fmt::format("{} times", i))));
  }
}

void check_result(const Story& story, std::vector<Finding>& out) {
  if (word_count(story.result.plain) == 0 || is_measurable(story.result.plain)) return;
  out.push_back(finding(story, "Result", Severity::warning,
                        "\"## Result\" states no measurable outcome (a number, a percentage, "
                        "money or time); interviewers ask \"how much?\", and a number makes the "
                        "result credible."));
}

std::string minutes_and_seconds(int seconds) {
  if (seconds < 60) return fmt::format("{} s", seconds);
  return seconds % 60 == 0 ? fmt::format("{} min", seconds / 60)
                           : fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

void check_length(const Story& story, std::vector<Finding>& out) {
  const std::size_t words = spoken_words(story);
  const int seconds = spoken_seconds(story);
  const std::string told =
      fmt::format("told at {} words a minute the story takes about {} ({} words)", kWordsPerMinute,
                  minutes_and_seconds(seconds), words);
  if (seconds > kLongestSeconds) {
    out.push_back(finding(story, "story", Severity::warning,
                          told + "; past 3 minutes an interviewer loses the thread and cuts in: "
                                 "keep it near 2 minutes."));
  } else if (seconds < kShortestSeconds) {
    out.push_back(finding(story, "story", Severity::warning,
                          told + "; under a minute it sounds thin: add the detail an interviewer "
                                 "would probe for."));
  }
  const std::size_t setup = word_count(story.situation.plain) + word_count(story.task.plain);
  if (words > 0 && 3 * setup > words) {
    out.push_back(finding(
        story, "story", Severity::warning,
        fmt::format("Situation and Task take {}% of the story; interviewers score the Action and "
                    "the Result: keep the setup under a third.",
                    (100 * setup + words / 2) / words)));
  }
}

void check_principles(const Story& story, std::vector<Finding>& out) {
  const std::size_t count = story.principles.size();
  if (count == 0 || count > 4) {
    out.push_back(finding(story, "principles", Severity::error,
                          fmt::format("{} principles listed; a story shows 1 to 4, the primary one "
                                      "first, and one that claims everything convinces of nothing.",
                                      count)));
  }
  for (const std::string& slug : story.principles) {
    if (find_principle(slug)) continue;
    out.push_back(finding(story, "principles", Severity::error,
                          fmt::format("\"{}\" is not a principle (did you mean \"{}\"?).", slug,
                                      nearest_principle(slug)->slug)));
  }
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

std::size_t word_count(std::string_view plain) {
  std::size_t words = 0;
  bool counted = false;  // the current run of non-space bytes is already a word
  for (const char c : plain) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      counted = false;
    } else if (!counted && is_word_byte(c)) {
      ++words;
      counted = true;
    }
  }
  return words;
}

std::size_t spoken_words(const Story& story) {
  return word_count(story.situation.plain) + word_count(story.task.plain) +
         word_count(story.action.plain) + word_count(story.result.plain);
}

int spoken_seconds(const Story& story) {
  return static_cast<int>((spoken_words(story) * 60 + kWordsPerMinute / 2) / kWordsPerMinute);
}

std::vector<Finding> check_story(const Story& story) {
  std::vector<Finding> out;
  check_sections(story, out);
  check_action_voice(story, out);
  check_result(story, out);
  check_length(story, out);
  check_principles(story, out);
  return out;
}

std::vector<Finding> check_story(const Story& story, std::span<const Story> bank) {
  std::vector<Finding> out = check_story(story);
  if (story.answers.empty()) return out;
  const auto principles = sorted(story.principles);
  const auto answers = sorted(story.answers);
  for (const Story& other : bank) {
    if (other.id == story.id || sorted(other.principles) != principles ||
        sorted(other.answers) != answers) {
      continue;
    }
    out.push_back(finding(story, "principles", Severity::warning,
                          fmt::format("claims the same principles and answers the same questions "
                                      "as \"{}\"; an interviewer who hears both learns nothing "
                                      "new: make one of them show something else.",
                                      other.id)));
  }
  return out;
}

bool has_errors(std::span<const Finding> findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::error; });
}

}  // namespace rehearse
