#include "model/story.hpp"

namespace rehearse {

std::string_view section_heading(StorySection section) {
  switch (section) {
    case StorySection::situation:
      return "Situation";
    case StorySection::task:
      return "Task";
    case StorySection::action:
      return "Action";
    case StorySection::result:
      return "Result";
    case StorySection::metrics:
      return "Metrics";
    case StorySection::follow_ups:
      return "Follow-ups";
    case StorySection::short_version:
      return "In 30 seconds";
  }
  return "";
}

const StoryText* section_text(const Story& story, StorySection section) {
  switch (section) {
    case StorySection::situation:
      return &story.situation;
    case StorySection::task:
      return &story.task;
    case StorySection::action:
      return &story.action;
    case StorySection::result:
      return &story.result;
    case StorySection::metrics:
      return story.metrics ? &*story.metrics : nullptr;
    case StorySection::short_version:
      return story.short_version ? &*story.short_version : nullptr;
    case StorySection::follow_ups:
      return nullptr;
  }
  return nullptr;
}

std::vector<StorySection> sections_of(const Story& story) {
  std::vector<StorySection> sections{StorySection::situation, StorySection::task,
                                     StorySection::action, StorySection::result};
  if (story.metrics) sections.push_back(StorySection::metrics);
  if (!story.follow_ups.empty()) sections.push_back(StorySection::follow_ups);
  if (story.short_version) sections.push_back(StorySection::short_version);
  return sections;
}

}  // namespace rehearse
