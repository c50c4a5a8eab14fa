#include "io/story_file.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "model/error.hpp"

using namespace rehearse;

namespace {

// Lines 1-5: the front matter; the body starts on line 6.
const std::string kFront =
    "---\n"
    "id: payments-cutover\n"
    "title: Cutting payments over to the new ledger\n"
    "principles: [ownership, deliver-results]\n"
    "---\n";

// The four STAR sections, on lines 6-20 after kFront.
const std::string kStar =
    "## Situation\n"
    "\n"
    "The old ledger could not shard.\n"
    "\n"
    "## Task\n"
    "\n"
    "I owned the move.\n"
    "\n"
    "## Action\n"
    "\n"
    "I *phased* it.\n"
    "\n"
    "## Result\n"
    "\n"
    "p99 fell by 87%.\n";

std::string error_of(const std::string& text) {
  try {
    parse_story_file(text, "s.md");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("a story file gives its fields, and each section as written and as plain text") {
  const Story story = parse_story_file(
      "---\n"
      "id: payments-cutover\n"
      "title: Cutting payments over to the new ledger\n"
      "principles: [ownership, deliver-results]\n"
      "tags: [round:technical, company:acme, year:2023]\n"
      "answers: [behavioral.technical.service-architecture]\n"
      "---\n" +
          kStar +
          "\n## Metrics\n- p99 latency 900 ms -> 120 ms\n"
          "## Follow-ups\n### What would you do *differently*?\nStart sooner.\n\n#### Detail\n"
          "More.\n### Who disagreed?\nThe DBA.\n"
          "## In 30 seconds\nShort.\n",
      "s.md");
  CHECK(story.id == "payments-cutover");
  CHECK(story.title == "Cutting payments over to the new ledger");
  CHECK(story.principles == std::vector<std::string>{"ownership", "deliver-results"});
  CHECK(story.tags == std::vector<std::string>{"round:technical", "company:acme", "year:2023"});
  CHECK(story.answers == std::vector<std::string>{"behavioral.technical.service-architecture"});
  CHECK(story.situation ==
        StoryText{"The old ledger could not shard.", "The old ledger could not shard."});
  CHECK(story.action == StoryText{"I *phased* it.", "I phased it."});
  CHECK(story.result.markdown == "p99 fell by 87%.");
  REQUIRE(story.metrics);
  CHECK(*story.metrics ==
        StoryText{"- p99 latency 900 ms -> 120 ms", "- p99 latency 900 ms -> 120 ms"});
  REQUIRE(story.follow_ups.size() == 2);
  CHECK(story.follow_ups[0].question == "What would you do *differently*?");
  CHECK(story.follow_ups[0].question_plain == "What would you do differently?");
  CHECK(story.follow_ups[0].answer ==
        StoryText{"Start sooner.\n\n#### Detail\nMore.", "Start sooner.\n\nDetail\n\nMore."});
  CHECK(story.follow_ups[1] ==
        FollowUp{"Who disagreed?", "Who disagreed?", {"The DBA.", "The DBA."}});
  REQUIRE(story.short_version);
  CHECK(story.short_version->markdown == "Short.");
}

TEST_CASE("an exported story reads back the same and exports to the same bytes") {
  const std::string text = kFront + kStar +
                           "\n## Follow-ups\n\n### C#?\n\nYes.\n\n### Why # #\n\nNo.\n\n"
                           "## In 30 seconds\n\nShort.\n";
  const Story story = parse_story_file(text, "s.md");
  CHECK(format_story_file(story) == text);
  CHECK(parse_story_file(format_story_file(story), "again.md") == story);
}

TEST_CASE("a closing sequence of #s counts only after a space, as the rendered heading shows") {
  const auto question = [](const std::string& heading) {
    const Story story =
        parse_story_file(kFront + kStar + "## Follow-ups\n" + heading + "\nA.\n", "s.md");
    REQUIRE(story.follow_ups.size() == 1);
    CHECK(parse_story_file(format_story_file(story), "again.md") == story);
    CHECK(story.follow_ups[0].question_plain == story.follow_ups[0].question);
    return story.follow_ups[0].question;
  };
  CHECK(question("### Q #") == "Q");
  CHECK(question("### Q\t#") == "Q\t#");
  CHECK(question("### Q # \t") == "Q #");
  CHECK(question("###\tQ\t") == "Q");
}

TEST_CASE("export writes the sections in their fixed order, whatever the file's order") {
  const Story story = parse_story_file(
      kFront + "## Result\nR.\n## Action\nA.\n\nSituation\n---------\nS.\n\nTask\n---\nT.\n",
      "s.md");
  CHECK(format_story_file(story) == kFront +
                                        "## Situation\n\nS.\n\n## Task\n\nT.\n\n## Action\n\nA."
                                        "\n\n## Result\n\nR.\n");
}

TEST_CASE("a title that YAML would misread is quoted on export") {
  Story story = parse_story_file(kFront + kStar, "s.md");
  story.title = "Ledger: the cutover # 2";
  story.tags = {"round:technical"};
  const std::string text = format_story_file(story);
  CHECK(
      text.starts_with("---\nid: payments-cutover\ntitle: \"Ledger: the cutover # 2\"\n"
                       "principles: [ownership, deliver-results]\ntags: [round:technical]\n---\n"));
  CHECK(parse_story_file(text, "s.md") == story);
}

TEST_CASE("a heading inside a code block, a quote or a list is part of the section") {
  const Story story = parse_story_file(
      kFront + "## Situation\n\n```\n## Result\n```\n\n> ## Task\n\n- ## Action\n\n" +
          kStar.substr(kStar.find("## Task")),
      "s.md");
  CHECK(story.situation.markdown == "```\n## Result\n```\n\n> ## Task\n\n- ## Action");
  CHECK(story.result.markdown == "p99 fell by 87%.");
}

TEST_CASE("CRLF line ends read as LF, and a byte order mark is skipped") {
  std::string crlf;
  for (const char c : kFront + kStar) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  CHECK(parse_story_file("\xEF\xBB\xBF" + crlf, "s.md") ==
        parse_story_file(kFront + kStar, "s.md"));
}

TEST_CASE("a wrong story file is refused with its line and what was expected") {
  const std::string body = kStar;
  const auto with_front = [&](const std::string& fields) {
    return "---\n" + fields + "---\n" + body;
  };
  // {file, message}
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "s.md:1: the file is empty"},
      {"id: x\n",
       "s.md:1: a story starts with its front matter: a line \"---\", the fields (id, "
       "title, principles...), then \"---\" again"},
      {"---\nid: x\n", "s.md:1: the front matter that starts here has no closing \"---\" line"},
      {with_front("id: x\ntitle: [T\nprinciples: [ownership]\n"),
       "s.md:4:11: the front matter is not valid YAML: end of sequence flow not found"},
      {with_front("- a\n"),
       "s.md:2: the front matter must be fields, one per line, such as \"id: my-story\""},
      {with_front(""),
       "s.md:2: the front matter is empty (expected id, title, principles, tags, answers)"},
      {with_front("id: x\ntitle: T\nprinciples: [ownershp]\n"),
       "s.md:4: \"ownershp\" is not a principle (did you mean \"ownership\"? 'rehearse "
       "principles' lists all 16)"},
      {with_front("id: x\ntitle: T\nprinciples: [bias]\n"),
       "s.md:4: \"bias\" is not a principle (did you mean \"bias-for-action\"? 'rehearse "
       "principles' lists all 16)"},
      {with_front("id: x\ntitle: T\nprinciples: [ownership, dive-deep, frugality, think-big, "
                  "bias-for-action]\n"),
       "s.md:4: 5 principles listed; a story shows 1 to 4 (the primary one first)"},
      {with_front("id: x\ntitle: T\nprinciples: []\n"),
       "s.md:4: \"principles\" is empty (list 1 to 4, the primary one first)"},
      {with_front("id: x\ntitle: T\nprinciples: ownership\n"),
       "s.md:4: \"principles\" must be a list, such as [ownership, deliver-results]"},
      {with_front("id: x\ntitle: T\nprinciples: [ownership, ownership]\n"),
       "s.md:4: \"principles\" lists 'ownership' twice"},
      {with_front("id: x\ntitle: T\n"), "s.md:1: the front matter has no \"principles\""},
      {with_front("title: T\nprinciples: [ownership]\n"), "s.md:1: the front matter has no \"id\""},
      {with_front("id: a b\ntitle: T\nprinciples: [ownership]\n"),
       "s.md:2: story id \"a b\" may only contain letters, digits and . _ - :"},
      {with_front("id: x\nid: y\ntitle: T\nprinciples: [ownership]\n"),
       "s.md:3: \"id\" is given twice"},
      {with_front("id: x\ntitle: T\nprinciples: [ownership]\nauthor: me\n"),
       "s.md:5: unknown field \"author\" (expected id, title, principles, tags, answers)"},
      {with_front("id: x\ntitle: \"\\e[2J\"\nprinciples: [ownership]\n"),
       "s.md:3: \"title\" holds control character U+001B"},
      {with_front("id: x\ntitle: \"a\\nb\"\nprinciples: [ownership]\n"),
       "s.md:3: \"title\" holds a line break (it must be one line)"},
      {with_front("id: x\ntitle: T\nprinciples: [ownership]\ntags: [lp:nope]\n"),
       "s.md:5: tag 'lp:nope' names no Leadership Principle (see 'rehearse principles')"},
      {with_front("id: x\ntitle: T\nprinciples: [ownership]\nanswers: [\"a b\"]\n"),
       "s.md:5: card id \"a b\" in \"answers\" may only contain letters, digits and . _ - :"},
      {kFront + "Intro.\n\n" + kStar,
       "s.md:6: text before the first section (expected \"## Situation\")"},
      {kFront + "# Title\n" + kStar,
       "s.md:6: a level-1 heading; sections are \"## \" headings (the title goes in the front "
       "matter)"},
      {kFront + kStar + "## Summary\nx\n",
       "s.md:21: unknown section \"## Summary\" (expected Situation, Task, Action, Result, "
       "Metrics, "
       "Follow-ups, In 30 seconds)"},
      {kFront + kStar + "## situation\nx\n", "s.md:21: \"## Situation\" is given twice"},
      {kFront + "## Situation\n\n## Task\nT.\n", "s.md:6: \"## Situation\" is empty"},
      {kFront + kStar.substr(0, kStar.find("## Result")),
       "s.md:17: no \"## Result\" section (a story has Situation, Task, Action and Result)"},
      {kFront + "## Situation\n\n```\nopen fence\n" + kStar.substr(kStar.find("## Task")),
       "s.md:6: \"## Situation\": a code block or HTML block is left open and runs to the end of "
       "the file (close the fence with ```)"},
      {kFront + kStar + "## Follow-ups\nIntro.\n### Q?\nA.\n",
       "s.md:21: \"## Follow-ups\" holds text before its first question (write each question as "
       "\"### ...\" with its answer below it)"},
      {kFront + kStar + "## Follow-ups\nIntro.\n",
       "s.md:21: \"## Follow-ups\" has no question (write each as \"### ...\")"},
      {kFront + kStar + "## Follow-ups\n### Q?\n", "s.md:22: the answer to \"Q?\" is empty"},
      {kFront + kStar + "\xFF", "s.md:21:1: the file is not valid UTF-8 text"},
      {kFront + "## Situation\n\nab\xED\xA0\x80\n", "s.md:8:3: the file is not valid UTF-8 text"},
      {kFront + "## Situation\n\n\x1B[2J\n",
       "s.md:8:1: control character U+001B is not allowed in "
       "a story (only tabs and line breaks)"},
      {kFront + "## Situation\n\nx\xC2\x9B"
                "2J\n",
       "s.md:8:2: control character U+009B is not "
       "allowed in a story (only tabs and line breaks)"},
      {kFront + "## Situation\n\nx\ry\n",
       "s.md:8:2: control character U+000D is not allowed in "
       "a story (only tabs and line breaks)"},
      {std::string("---\nid: x\0\n", 11),
       "s.md:2:6: control character U+0000 is not allowed in a "
       "story (only tabs and line breaks)"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    CHECK(error_of(text) == message);
  }
}

TEST_CASE("a story file larger than 1 MiB is refused before it is read") {
  CHECK(error_of(kFront + kStar + std::string(kMaxStoryFileBytes, 'x')) ==
        "s.md:1: the file is larger than 1 MiB; a story file holds one story");
}
