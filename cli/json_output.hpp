#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/coverage.hpp"
#include "stats/statistics.hpp"
#include "store/collection.hpp"
#include "stories/bank.hpp"

// The JSON the scripting interface prints. docs/cli.md specifies every shape; change both
// together, and only by adding fields.
namespace rehearse::cli {

// {"id", "deck", "front", "back", "tags", "suspended", "leech", "lapses", "state": {...}}; a
// leech has lapsed `leech_threshold` times or more.
std::string card_json(const Card& card, int leech_threshold);
// The card after an answer, plus {"answer": {"grade", "counted"[, "suspended_as_leech"]}}.
std::string answered_json(const AnsweredCard& answered, int leech_threshold);
// {"done": true, "next_due": "YYYY-MM-DD" or null}
std::string done_json(std::optional<Day> next_due);
// [{"id", "deck", "front", "tags", "suspended", "leech", "lapses", "state"}, ...]
std::string cards_json(const std::vector<Card>& cards, int leech_threshold);
// [{"id", "name", "description", "new", "due", "reask", "total", "orphans", "source"}, ...]
std::string decks_json(const std::vector<DeckCounts>& decks);
// [{"sequence", "at", "day", "grade", "duration_ms", "before", "after"[, "undone"]}, ...], with
// each of `records` in its place among the answers: {"record", "at_ms", "day",
// "after_sequence", "source", "state", "suspended"}.
std::string log_json(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records);
// {"undone":{"card":...,"sequence":...,"grade":...,"day":...},"card":{card}}: what undo took back
std::string undone_json(const UndoneAnswer& undone, int leech_threshold);
// stats --json: docs/cli.md.
std::string statistics_json(const Statistics& statistics);
// {"principles": [{"slug", "name", "stories", "strength", "cards", "seen", "mature", "due"},
// ... 16], "gaps": [slug, ...], "rounds": {"people": N, ..., "none": N}}
std::string coverage_json(const StoryCoverage& coverage);
// [{"id", "deck", "round", "front", "principles", "fitting"}, ...]
std::string questions_json(const std::vector<UnansweredQuestion>& questions);
// [{"slug", "tag", "name"}, ...]
std::string principles_json();

}  // namespace rehearse::cli
