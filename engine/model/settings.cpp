#include "model/settings.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "model/error.hpp"

namespace rehearse {
namespace {

// A whole number in [low, high], written in decimal digits only.
std::optional<int> whole_number(std::string_view text, int low, int high) {
  int value = 0;
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::from_chars(text.data(), text.data() + text.size(), value);
  if (value < low || value > high) return std::nullopt;
  return value;
}

std::string checked_number(std::string_view key, std::string_view value, int low, int high,
                           std::string_view unit) {
  const std::optional<int> number = whole_number(value, low, high);
  if (!number) {
    throw Error("{} must be a whole number of {} from {} to {}, not '{}'", key, unit, low, high,
                value);
  }
  return std::to_string(*number);
}

std::string checked_order(std::string_view value) {
  if (value != "interleaved" && value != "deck-by-deck") {
    throw Error("new-order must be 'interleaved' or 'deck-by-deck', not '{}'", value);
  }
  return std::string(value);
}

// YYYY-MM-DD, a real calendar day.
std::optional<Day> calendar_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  try {
    const LocalDateTime parsed = parse_local_date_time(text);
    if (format_day(parsed.day) != text) return std::nullopt;
    return parsed.day;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string checked_day(std::string_view key, std::string_view value) {
  if (!calendar_day(value)) {
    throw Error("{} must be a date written YYYY-MM-DD (e.g. 2027-03-15), not '{}'", key, value);
  }
  return std::string(value);
}

// The collection-wide settings, in the order `config` lists them.
struct Known {
  std::string_view key;
  std::string_view default_value;
  std::string_view meaning;
};

constexpr std::array<Known, 6> kKnown{{
    {"new-per-day", "20", "new cards a day, all decks together"},
    {"reviews-per-day", "200", "due reviews a day, all decks together (re-asks not counted)"},
    {"new-order", "interleaved", "new cards of several decks: interleaved or deck-by-deck"},
    {"day-starts-at", "4", "the hour (0-23, local time) at which a new day begins"},
    {"leech-threshold", "8", "lapses that make a card a leech: tagged leech and suspended"},
    {"interview-date", "none", "the interview day, YYYY-MM-DD (rehearse plan)"},
}};

constexpr std::string_view kDeckPrefix = "deck.";
constexpr std::array<std::string_view, 2> kDeckSettings{"new-per-day", "reviews-per-day"};

// A per-deck key split into its deck id and setting name, or nullopt when it is not one.
std::optional<std::pair<std::string_view, std::string_view>> split_deck_key(std::string_view key) {
  if (!key.starts_with(kDeckPrefix)) return std::nullopt;
  const std::string_view rest = key.substr(kDeckPrefix.size());
  for (std::string_view name : kDeckSettings) {
    if (rest.size() > name.size() + 1 && rest.ends_with(name) &&
        rest[rest.size() - name.size() - 1] == '.') {
      return std::pair{rest.substr(0, rest.size() - name.size() - 1), name};
    }
  }
  return std::nullopt;
}

std::string known_keys() {
  std::string keys;
  for (const Known& known : kKnown)
    (keys += known.key) += ", ";
  return keys + "deck.<deck id>.new-per-day, deck.<deck id>.reviews-per-day";
}

int stored_number(const std::vector<StoredSetting>& stored, std::string_view key, int fallback) {
  for (const StoredSetting& s : stored) {
    if (s.key == key) return std::stoi(check_setting(key, s.value));
  }
  return fallback;
}

}  // namespace

DeckLimits Settings::deck_limits(std::string_view deck_id) const {
  const auto found = decks.find(deck_id);
  return found == decks.end() ? DeckLimits{} : found->second;
}

std::string check_setting(std::string_view key, std::string_view value) {
  if (key == "new-per-day" || key == "reviews-per-day") {
    return checked_number(key, value, 0, 100000, "cards");
  }
  if (key == "new-order") return checked_order(value);
  if (key == "day-starts-at") return checked_number(key, value, 0, 23, "hours");
  if (key == "leech-threshold") return checked_number(key, value, 1, 1000, "lapses");
  if (key == "interview-date") return checked_day(key, value);
  if (split_deck_key(key)) return checked_number(key, value, 0, 100000, "cards");
  throw Error("no setting '{}' (settings: {})", key, known_keys());
}

std::optional<std::string> setting_deck(std::string_view key) {
  const auto split = split_deck_key(key);
  if (!split) return std::nullopt;
  return std::string(split->first);
}

Settings settings_from(const std::vector<StoredSetting>& stored) {
  Settings settings;
  settings.new_per_day = stored_number(stored, "new-per-day", settings.new_per_day);
  settings.reviews_per_day = stored_number(stored, "reviews-per-day", settings.reviews_per_day);
  settings.day_starts_at = stored_number(stored, "day-starts-at", settings.day_starts_at);
  settings.leech_threshold = stored_number(stored, "leech-threshold", settings.leech_threshold);
  for (const StoredSetting& s : stored) {
    if (s.key == "new-order") {
      settings.new_order =
          checked_order(s.value) == "interleaved" ? NewOrder::interleaved : NewOrder::deck_by_deck;
    } else if (s.key == "interview-date") {
      settings.interview_date = calendar_day(checked_day(s.key, s.value));
    } else if (const auto split = split_deck_key(s.key)) {
      const int limit = std::stoi(check_setting(s.key, s.value));
      DeckLimits& limits = settings.decks[std::string(split->first)];
      (split->second == "new-per-day" ? limits.new_per_day : limits.reviews_per_day) = limit;
    }
  }
  return settings;
}

std::vector<SettingLine> describe_settings(const std::vector<StoredSetting>& stored) {
  const auto stored_value = [&](std::string_view key) -> const StoredSetting* {
    const auto found =
        std::find_if(stored.begin(), stored.end(), [&](const auto& s) { return s.key == key; });
    return found == stored.end() ? nullptr : &*found;
  };
  std::vector<SettingLine> lines;
  for (const Known& known : kKnown) {
    const StoredSetting* set = stored_value(known.key);
    lines.push_back({std::string(known.key), set ? set->value : std::string(known.default_value),
                     std::string(known.default_value), set != nullptr, std::string(known.meaning)});
  }
  std::vector<StoredSetting> per_deck;
  for (const StoredSetting& s : stored) {
    if (split_deck_key(s.key)) per_deck.push_back(s);
  }
  std::sort(per_deck.begin(), per_deck.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  for (const StoredSetting& s : per_deck) {
    const bool is_new = s.key.ends_with(".new-per-day");
    lines.push_back({s.key, s.value, "none", true,
                     is_new ? "new cards a day from this deck, inside new-per-day"
                            : "due reviews a day from this deck, inside reviews-per-day"});
  }
  return lines;
}

}  // namespace rehearse
