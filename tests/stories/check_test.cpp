#include "stories/check.hpp"

#include <catch2/catch.hpp>

#include "stories/support.hpp"

using namespace rehearse;

namespace {

// 300 words (2 minutes): Situation 40, Task 40, Action 120 told with "I", Result 100 with a
// number. No finding.
Story good_story(std::string id = "good") {
  return make_story(std::move(id), {"ownership"}, words(40), words(40), "I led it. " + words(117),
                    "It saved 40%. " + words(97));
}

std::vector<std::string> messages(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(f.section + ": " + f.message);
  return out;
}

}  // namespace

TEST_CASE("a story told in the first person, with numbers, in two minutes has no finding") {
  const Story story = good_story();
  CHECK(spoken_words(story) == 300);
  CHECK(spoken_seconds(story) == 120);
  CHECK(check_story(story).empty());
}

TEST_CASE("words are runs holding a letter or a digit, and dashes alone are not words") {
  CHECK(word_count("I cut p99 - from 900 ms to 120 ms.") == 9);
  CHECK(word_count("  \n ") == 0);
  CHECK(word_count("na\xC3\xAFve caf\xC3\xA9") == 2);
}

TEST_CASE("a STAR section of a single sentence is a warning saying why it matters") {
  Story story = good_story();
  story.task = story_text(sentence(40));
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{"Task: \"## Task\" is a single sentence; an interviewer needs to "
                                 "hear what you owned, not only what happened."});
  CHECK(check_story(story)[0].severity == Severity::warning);
  CHECK(check_story(story)[0].story_id == "good");
}

TEST_CASE("a blank STAR section is an error") {
  Story story = good_story();
  story.situation = story_text("");
  const std::vector<Finding> findings = check_story(story);
  REQUIRE_FALSE(findings.empty());
  CHECK(findings[0] == Finding{"good", "Situation", Severity::error,
                               "\"## Situation\" is missing; an interviewer needs the context to "
                               "judge the stakes."});
  CHECK(has_errors(findings));
}

TEST_CASE("a Result with no number, percentage, money or time is flagged") {
  Story story = good_story();
  story.result = story_text("It went well. The team was happy. " + words(93));
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{
            "Result: \"## Result\" states no measurable outcome (a number, a percentage, money or "
            "time); interviewers ask \"how much?\", and a number makes the result credible."});
  story.result = story_text("It halved the pages. The team was happy. " + words(92));
  CHECK(check_story(story).empty());
}

TEST_CASE("an Action that says we more often than I is flagged, and I'm and we're count") {
  Story story = good_story();
  story.action = story_text("We planned. We're shipping. We did it. I'm proud. " + words(111));
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{
            "Action: \"## Action\" says \"we\" 3 times and \"I\" 1 times; an interviewer assesses "
            "what you did: tell it in the first person singular."});
  story.action = story_text("We planned it. Then we shipped. " + words(114));
  CHECK(messages(check_story(story))[0] ==
        "Action: \"## Action\" says \"we\" 2 times and \"I\" never; an interviewer assesses what "
        "you did: tell it in the first person singular.");
  story.action = story_text("We planned. I shipped. " + words(116));
  CHECK(check_story(story).empty());  // as often is not more often
}

TEST_CASE("spoken length: under 60 s and over 180 s are warnings, the bounds themselves are not") {
  // {Action words, findings}: the other sections hold 180 words, Situation + Task 80.
  Story story = good_story();
  story.action = story_text("I did. " + words(68));  // 250 words: 100 s
  CHECK(check_story(story).empty());
  story.action = story_text("I did. " + words(268));  // 450 words: 180 s
  CHECK(check_story(story).empty());
  story.action = story_text("I did. " + words(271));  // 453 words: 181 s
  CHECK(
      messages(check_story(story)) ==
      std::vector<std::string>{"story: told at 150 words a minute the story takes about 3 min 1 s "
                               "(453 words); past 3 minutes an interviewer loses the thread and "
                               "cuts in: keep it near 2 minutes."});
  story = make_story("short", {"ownership"}, words(10), words(10), "I did. " + words(58),
                     "It saved 40%. " + words(47));  // 130 words: 52 s
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{"story: told at 150 words a minute the story takes about 52 s "
                                 "(130 words); under a minute it sounds thin: add the detail an "
                                 "interviewer would probe for."});
}

TEST_CASE("Situation and Task taking more than a third of the story is a warning") {
  // 100 + 1 of 300 words is over a third; 100 of 300 is not.
  Story story = make_story("setup", {"ownership"}, words(60), words(41), "I did. " + words(98),
                           "It saved 40%. " + words(97));
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{"story: Situation and Task take 34% of the story; interviewers "
                                 "score the Action and the Result: keep the setup under a third."});
  story.task = story_text(words(40));
  story.action = story_text("I did. " + words(99));
  CHECK(check_story(story).empty());
}

TEST_CASE("principles: none, more than 4 or an unknown slug are errors") {
  Story story = good_story();
  story.principles = {};
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{"principles: 0 principles listed; a story shows 1 to 4, the "
                                 "primary one first, and one that claims everything convinces of "
                                 "nothing."});
  story.principles = {"ownership", "frugality", "dive-deep", "think-big", "ownershp"};
  CHECK(messages(check_story(story)) ==
        std::vector<std::string>{
            "principles: 5 principles listed; a story shows 1 to 4, the primary one first, and one "
            "that claims everything convinces of nothing.",
            "principles: \"ownershp\" is not a principle (did you mean \"ownership\"?)."});
  CHECK(has_errors(check_story(story)));
}

TEST_CASE("two stories with the same principles and the same answers are near-duplicates") {
  Story a = good_story("a");
  Story b = good_story("b");
  Story c = good_story("c");
  a.principles = {"ownership", "dive-deep"};
  b.principles = {"dive-deep", "ownership"};  // the same set, in another order
  c.principles = a.principles;
  a.answers = b.answers = {"q.1", "q.2"};
  c.answers = {"q.1"};
  const std::vector<Story> bank{a, b, c};
  CHECK(messages(check_story(a, bank)) ==
        std::vector<std::string>{"principles: claims the same principles and answers the same "
                                 "questions as \"b\"; an interviewer who hears both learns nothing "
                                 "new: make one of them show something else."});
  CHECK(check_story(c, bank).empty());
  // Two stories for one principle with no answers are what a bank should have: no finding.
  a.answers = b.answers = {};
  CHECK(check_story(a, std::vector<Story>{a, b}).empty());
}
