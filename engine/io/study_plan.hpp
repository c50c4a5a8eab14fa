#pragma once

#include <string>
#include <string_view>
#include <vector>

// A study plan file (`rehearse-plan/1`, docs/decks.md "The study plan as data"): phases of
// weeks, each naming the decks to review. Only what `plan` shows is read.
namespace rehearse {

struct PlanPhase {
  std::string id;
  int first_week = 0;
  int last_week = 0;
  std::string title;
  std::vector<std::string> decks;
};

struct StudyPlan {
  std::string id;
  std::string name;
  std::vector<PlanPhase> phases;  // in file order

  // The phase holding `week`, or nullptr.
  const PlanPhase* phase_of(int week) const;
};

// Parses a plan file's text. Throws Error naming `source` and the field when the text is not
// JSON, the format is not rehearse-plan/1, or a phase lacks an id, its weeks or its decks.
StudyPlan parse_study_plan(std::string_view text, std::string_view source);

// The 8-week plan shipped in decks/plans/amazon-l8-sdm.json, built into the program.
const StudyPlan& shipped_study_plan();

}  // namespace rehearse
