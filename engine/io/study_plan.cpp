#include "io/study_plan.hpp"

#include <rapidjson/document.h>

#if defined(__clang__)
#pragma clang diagnostic ignored "-Wambiguous-reversed-operator"
#endif

#include "io/rapidjson.hpp"
#include "model/error.hpp"

namespace rehearse {

extern const char* const kShippedStudyPlan;  // generated from decks/plans/ by CMake

namespace {

const rapidjson::Value& member(const rapidjson::Value& object, const char* name,
                               std::string_view where, std::string_view source) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) throw Error("{}: {} has no \"{}\"", source, where, name);
  return it->value;
}

std::string text_of(const rapidjson::Value& object, const char* name, std::string_view where,
                    std::string_view source) {
  const rapidjson::Value& value = member(object, name, where, source);
  if (!value.IsString()) throw Error("{}: {}: \"{}\" must be a string", source, where, name);
  return value.GetString();
}

int week_of(const rapidjson::Value& object, const char* name, std::string_view where,
            std::string_view source) {
  const rapidjson::Value& value = member(object, name, where, source);
  if (!value.IsInt() || value.GetInt() < 1 || value.GetInt() > 52) {
    throw Error("{}: {}: \"{}\" must be a week from 1 to 52", source, where, name);
  }
  return value.GetInt();
}

PlanPhase read_phase(const rapidjson::Value& json, std::size_t index, std::string_view source) {
  const std::string where = fmt::format("phase {}", index + 1);
  if (!json.IsObject()) throw Error("{}: {} must be an object", source, where);
  PlanPhase phase;
  phase.id = text_of(json, "id", where, source);
  phase.title = text_of(json, "title", where, source);
  phase.first_week = week_of(json, "first_week", where, source);
  phase.last_week = week_of(json, "last_week", where, source);
  if (phase.last_week < phase.first_week) {
    throw Error("{}: {}: last_week is before first_week", source, where);
  }
  const rapidjson::Value& decks = member(json, "decks", where, source);
  if (!decks.IsArray()) throw Error("{}: {}: \"decks\" must be a list of deck ids", source, where);
  for (const rapidjson::Value& deck : decks.GetArray()) {
    if (!deck.IsString()) throw Error("{}: {}: \"decks\" must hold strings", source, where);
    phase.decks.emplace_back(deck.GetString());
  }
  return phase;
}

}  // namespace

const PlanPhase* StudyPlan::phase_of(int week) const {
  for (const PlanPhase& phase : phases) {
    if (phase.first_week <= week && week <= phase.last_week) return &phase;
  }
  return nullptr;
}

StudyPlan parse_study_plan(std::string_view text, std::string_view source) {
  std::string buffer(text);
  buffer.reserve(buffer.size() + 16);  // rapidjson's SSE2 scan may read 15 bytes past the end
  rapidjson::Document json;
  json.Parse(buffer.c_str(), buffer.size());
  if (json.HasParseError()) {
    throw Error("{}: not JSON (at byte {}: {})", source, json.GetErrorOffset(),
                rapidjson::GetParseError_En(json.GetParseError()));
  }
  if (!json.IsObject()) {
    throw Error(
        "{}: not a study plan (expected a JSON object with \"format\": "
        "\"rehearse-plan/1\")",
        source);
  }
  if (text_of(json, "format", "the file", source) != "rehearse-plan/1") {
    throw Error("{}: \"format\" must be \"rehearse-plan/1\"", source);
  }
  const rapidjson::Value& plan = member(json, "plan", "the file", source);
  if (!plan.IsObject()) throw Error("{}: \"plan\" must be an object", source);
  StudyPlan result;
  result.id = text_of(plan, "id", "the plan", source);
  result.name = text_of(plan, "name", "the plan", source);
  const rapidjson::Value& phases = member(plan, "phases", "the plan", source);
  if (!phases.IsArray()) throw Error("{}: \"phases\" must be a list", source);
  for (rapidjson::SizeType i = 0; i < phases.Size(); ++i)
    result.phases.push_back(read_phase(phases[i], i, source));
  return result;
}

const StudyPlan& shipped_study_plan() {
  static const StudyPlan plan =
      parse_study_plan(kShippedStudyPlan, "decks/plans/amazon-l8-sdm.json");
  return plan;
}

}  // namespace rehearse
