// libFuzzer target for the story file parser (engine/io/story_file.hpp): front matter through
// yaml-cpp, body through md4c.
//
// For any input, parse_story_file either returns a Story or throws rehearse::Error; any other
// exception escapes and is reported by libFuzzer as a crash. For input that is refused, the
// message reads "SOURCE:LINE: ..." with LINE a line of the text. For input that parses:
//   - the story keeps the invariants of Story (1 to 4 principles, STAR sections not blank);
//   - the plain renderings are free of control characters other than tab and newline;
//   - the round trip: format_story_file(parsed) parses back to an equal story, and formatting
//     that again gives the same bytes (what `story export` promises).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/story_file.hpp"
#include "model/error.hpp"

namespace {

constexpr std::string_view kSource = "fuzz.md";

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "story_markdown_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void check_message(const rehearse::Error& error, std::string_view text) {
  const std::string_view message = error.what();
  if (!message.starts_with(kSource) || message.size() <= kSource.size() ||
      message[kSource.size()] != ':') {
    fail("error message does not start with the source name", message);
  }
  std::size_t pos = kSource.size() + 1;
  long line = 0;
  while (pos < message.size() && message[pos] >= '0' && message[pos] <= '9' && line < 1000000000) {
    line = line * 10 + (message[pos] - '0');
    ++pos;
  }
  if (pos == kSource.size() + 1 || pos >= message.size() || message[pos] != ':') {
    fail("error message has no line number after the source name", message);
  }
  long lines = 1;
  for (const char c : text)
    lines += c == '\n' ? 1 : 0;
  if (line < 1 || line > lines) fail("error message names a line outside the text", message);
}

void check_plain(std::string_view plain) {
  for (const char c : plain) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F)
      fail("a control character in plain text", plain);
  }
  if (plain.find("\xC2\x80") != std::string_view::npos) {  // cheap look for C1 (U+0080-U+009F)
    for (std::size_t i = 0; i + 1 < plain.size(); ++i) {
      const auto a = static_cast<unsigned char>(plain[i]);
      const auto b = static_cast<unsigned char>(plain[i + 1]);
      if (a == 0xC2 && b >= 0x80 && b <= 0x9F) fail("a C1 control in plain text", plain);
    }
  }
}

void check_story(const rehearse::Story& story) {
  if (story.principles.empty() || story.principles.size() > 4) fail("principles", story.id);
  for (const rehearse::StoryText* text :
       {&story.situation, &story.task, &story.action, &story.result}) {
    if (text->markdown.empty()) fail("an empty STAR section", story.id);
    check_plain(text->plain);
  }
  for (const rehearse::FollowUp& follow_up : story.follow_ups) {
    check_plain(follow_up.question_plain);
    check_plain(follow_up.answer.plain);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::Story parsed;
  try {
    parsed = rehearse::parse_story_file(text, kSource);
  } catch (const rehearse::Error& error) {
    check_message(error, text);
    return 0;
  }
  check_story(parsed);
  const std::string formatted = rehearse::format_story_file(parsed);
  rehearse::Story reparsed;
  try {
    reparsed = rehearse::parse_story_file(formatted, "formatted.md");
  } catch (const rehearse::Error& error) {
    fail("format_story_file wrote a file that parse_story_file rejects", error.what());
  }
  if (!(reparsed == parsed)) fail("parse(format(x)) differs from x", formatted);
  if (rehearse::format_story_file(reparsed) != formatted) {
    fail("formatting twice gives different bytes", formatted);
  }
  return 0;
}
