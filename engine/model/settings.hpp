#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"

// The settings a collection keeps (`rehearse config`): each has a key, a default, and a value
// the user may set. The store keeps the values set as text; this module knows the keys, checks
// values and turns them into Settings.
namespace rehearse {

// How new cards of several decks follow one another in a day's queue.
enum class NewOrder {
  interleaved,   // one card of each deck in turn (Anki's "deck order", round robin)
  deck_by_deck,  // every new card of the first deck, then of the next
};

// Limits a deck sets for itself, inside the collection's. nullopt: only the collection's apply.
struct DeckLimits {
  std::optional<int> new_per_day;
  std::optional<int> reviews_per_day;
  bool operator==(const DeckLimits&) const = default;
};

struct Settings {
  // New cards introduced per day over the whole collection. Default: 20.
  int new_per_day = 20;
  // Due reviews per day over the whole collection (same-day re-asks not counted). Default: 200.
  int reviews_per_day = 200;
  // Default: interleaved.
  NewOrder new_order = NewOrder::interleaved;
  // The local hour at which a new day begins: an answer at 02:00 counts for the day before.
  // Default: 4 (as in Anki).
  int day_starts_at = 4;
  // Lapses (a learned card graded below 3) that make a card a leech: tagged `leech` and
  // suspended. Default: 8 (as in Anki).
  int leech_threshold = 8;
  // The interview day (`rehearse plan --interview`): answers before it are due no later than
  // the days just before it (sm2::capped_due). nullopt: none set.
  std::optional<Day> interview_date;
  // By deck id; a deck absent has no limits of its own.
  std::map<std::string, DeckLimits, std::less<>> decks;

  // The deck's own limits (none when it set none).
  DeckLimits deck_limits(std::string_view deck_id) const;
};

// Whether a card that has lapsed `lapses` times is a leech: `lapses` reached the threshold.
constexpr bool is_leech(int lapses, int leech_threshold) {
  return lapses >= leech_threshold;
}
// Whether the lapse that brought a card to `lapses` suspends it as a leech: at the threshold,
// then again every half threshold (at least 1) more, as Anki does, so that a leech the user
// rewrote and unsuspended is stopped again if it keeps failing.
constexpr bool suspends_as_leech(int lapses, int leech_threshold) {
  const int again = leech_threshold / 2 > 0 ? leech_threshold / 2 : 1;
  return lapses >= leech_threshold && (lapses - leech_threshold) % again == 0;
}

// A setting's value as stored: key and text.
struct StoredSetting {
  std::string key;
  std::string value;
};

// The settings the stored values give, defaults for the rest. Throws Error naming the key when
// a stored value is not one check_setting accepts (a collection edited by hand).
Settings settings_from(const std::vector<StoredSetting>& stored);

// Checks a value typed for `key` and returns it as it is to be stored ("15", "deck-by-deck").
// Throws Error with the accepted keys or values. A per-deck key is
// `deck.<deck id>.new-per-day` or `deck.<deck id>.reviews-per-day`; whether the deck exists is
// for the caller to check.
std::string check_setting(std::string_view key, std::string_view value);

// The deck id of a per-deck key, or nullopt for a collection-wide one. REQUIRES: the key passed
// check_setting.
std::optional<std::string> setting_deck(std::string_view key);

// One line of `rehearse config`.
struct SettingLine {
  std::string key;
  std::string value;          // in force
  std::string default_value;  // "none" for a deck's limits: the collection's apply
  bool set = false;           // set in the collection (else the default is in force)
  std::string meaning;
};

// Every collection-wide setting in a fixed order, then the per-deck settings that are set.
std::vector<SettingLine> describe_settings(const std::vector<StoredSetting>& stored);

}  // namespace rehearse
