#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "io/anki_package.hpp"
#include "model/card.hpp"

namespace rehearse {

// Anki's scheduling mapped onto SM-2, for `import --keep-scheduling` (docs/interop.md has the
// table).

// A card's SM-2 state and whether it is suspended, from its Anki columns. `created` is the
// collection's creation (col.crt, seconds since the epoch); `last_review` the day of the card's
// last review-log row, if any.
// - new (type 0): a new card;
// - otherwise: repetitions = reps, ease = factor / 1000 (never below 1.3; 2.5 when 0),
//   interval = ivl days (at least 1; a negative ivl counts seconds and gives 1), due: for a
//   review or relearning card (queue 2, 3 or a buried or suspended review card) the day
//   `created` falls on plus `due` days, for a card learning within a day (queue 1) the day of
//   `due` seconds since the epoch;
// - lapses = lapses;
// - queue -1 suspended; buried cards (queues -2, -3) come in unburied, as Anki itself unburies
//   them the next day.
struct AnkiProgress {
  CardState state;
  bool suspended = false;

  bool operator==(const AnkiProgress&) const = default;
};
AnkiProgress sm2_progress(const AnkiSchedule& schedule, std::int64_t created,
                          std::optional<Day> last_review);

// Every card's progress in `package` by card id: sm2_progress with the UTC day of the card's
// last answer in the review log (a manual reschedule is no answer).
std::unordered_map<std::string, AnkiProgress> anki_progress(const AnkiPackage& package);

// What `import --keep-scheduling` keeps of `package`, by card id: each card's anki_progress and
// its answers from the review log, oldest first, each at its moment (revlog.id) on that
// moment's UTC day, graded by grade_of_button, with its duration (a manual reschedule is no
// answer and is left out). Cards with nothing to keep (new, not suspended, never answered)
// are left out.
ProgressByCard kept_progress(const AnkiPackage& package);

// The SM-2 grade for an Anki answer button: 1 (Again) 1, 2 (Hard) 3, 3 (Good) 4, 4 (Easy) 5;
// nullopt for 0, a manual reschedule that answered nothing, or any other value.
std::optional<Grade> grade_of_button(int button);

// The UTC day of an instant in seconds since the epoch.
Day utc_day(std::int64_t seconds);

}  // namespace rehearse
