// libFuzzer target for the study plan reader (engine/io/study_plan.hpp).
//
// For any input, parse_study_plan either returns a plan or throws rehearse::Error; any other
// exception escapes and is reported by libFuzzer as a crash. For an accepted plan it checks
// that every phase's weeks are within 1-52 and in order, and that phase_of finds a phase for
// each of its own weeks.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "io/study_plan.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::StudyPlan plan;
  try {
    plan = rehearse::parse_study_plan(text, "fuzz.json");
  } catch (const rehearse::Error&) {
    return 0;
  }
  for (const rehearse::PlanPhase& phase : plan.phases) {
    if (phase.first_week < 1 || phase.last_week > 52 || phase.last_week < phase.first_week) {
      std::fprintf(stderr, "study_plan_fuzz: phase weeks out of range\n");
      std::abort();
    }
    for (int week = phase.first_week; week <= phase.last_week; ++week) {
      if (plan.phase_of(week) == nullptr) std::abort();
    }
  }
  return 0;
}
