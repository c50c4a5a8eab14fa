#pragma once

#include <string>
#include <vector>

#include "io/story_file.hpp"
#include "model/story.hpp"

// A story built in code for the checks and the cards: sections given as Markdown.
inline rehearse::Story make_story(std::string id, std::vector<std::string> principles,
                                  std::string situation, std::string task, std::string action,
                                  std::string result) {
  rehearse::Story story;
  story.id = std::move(id);
  story.title = "Title of " + story.id;
  story.principles = std::move(principles);
  story.situation = rehearse::story_text(std::move(situation));
  story.task = rehearse::story_text(std::move(task));
  story.action = rehearse::story_text(std::move(action));
  story.result = rehearse::story_text(std::move(result));
  return story;
}

// `n` words of filler ("w w w ..."), in sentences of five words.
inline std::string words(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i) {
    text += "w";
    text += i % 5 == 0 || i == n ? (i == n ? "." : ". ") : " ";
  }
  return text;
}

// One sentence of `n` words ("w w ... w.").
inline std::string sentence(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i)
    text += i == n ? "w." : "w ";
  return text;
}
