#include "model/settings.hpp"

#include <catch2/catch.hpp>
#include <tuple>

#include "model/error.hpp"

using namespace rehearse;

namespace {

std::string error_of(std::string_view key, std::string_view value) {
  try {
    check_setting(key, value);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("settings not set have Anki's defaults") {
  const Settings settings = settings_from({});
  CHECK(settings.new_per_day == 20);
  CHECK(settings.reviews_per_day == 200);
  CHECK(settings.new_order == NewOrder::interleaved);
  CHECK(settings.day_starts_at == 4);
  CHECK(settings.leech_threshold == 8);
  CHECK(settings.deck_limits("any") == DeckLimits{});
}

TEST_CASE("stored settings override the defaults, per-deck keys by deck id") {
  const Settings settings = settings_from({{"new-per-day", "15"},
                                           {"new-order", "deck-by-deck"},
                                           {"day-starts-at", "0"},
                                           {"deck.system.design.new-per-day", "5"},
                                           {"deck.system.design.reviews-per-day", "50"},
                                           {"deck.lp.reviews-per-day", "0"}});
  CHECK(settings.new_per_day == 15);
  CHECK(settings.reviews_per_day == 200);
  CHECK(settings.new_order == NewOrder::deck_by_deck);
  CHECK(settings.day_starts_at == 0);
  CHECK(settings.deck_limits("system.design") == DeckLimits{5, 50});
  CHECK(settings.deck_limits("lp") == DeckLimits{std::nullopt, 0});
}

TEST_CASE("a setting's value is checked, with the accepted values in the message") {
  CHECK(check_setting("new-per-day", "15") == "15");
  CHECK(check_setting("new-per-day", "015") == "15");
  CHECK(check_setting("new-order", "deck-by-deck") == "deck-by-deck");
  CHECK(error_of("new-per-day", "-1") ==
        "new-per-day must be a whole number of cards from 0 to 100000, not '-1'");
  CHECK(error_of("reviews-per-day", "lots") ==
        "reviews-per-day must be a whole number of cards from 0 to 100000, not 'lots'");
  CHECK(error_of("day-starts-at", "24") ==
        "day-starts-at must be a whole number of hours from 0 to 23, not '24'");
  CHECK(error_of("leech-threshold", "0") ==
        "leech-threshold must be a whole number of lapses from 1 to 1000, not '0'");
  CHECK(error_of("new-order", "random") ==
        "new-order must be 'interleaved' or 'deck-by-deck', not 'random'");
  CHECK(error_of("deck.d.new-per-day", "x") ==
        "deck.d.new-per-day must be a whole number of cards from 0 to 100000, not 'x'");
  CHECK(error_of("interview-date", "2027-02-30") ==
        "interview-date must be a date written YYYY-MM-DD (e.g. 2027-03-15), not '2027-02-30'");
  CHECK(error_of("interview-date", "2027-3-15") ==
        "interview-date must be a date written YYYY-MM-DD (e.g. 2027-03-15), not '2027-3-15'");
  CHECK(check_setting("interview-date", "2027-03-15") == "2027-03-15");
  CHECK(error_of("deck..new-per-day", "1") ==
        "no setting 'deck..new-per-day' (settings: new-per-day, reviews-per-day, new-order, "
        "day-starts-at, leech-threshold, interview-date, deck.<deck id>.new-per-day, "
        "deck.<deck id>.reviews-per-day)");
}

TEST_CASE("the interview date is a calendar day, none until set") {
  CHECK(settings_from({}).interview_date == std::nullopt);
  const Settings set = settings_from({{"interview-date", "2027-03-15"}});
  REQUIRE(set.interview_date);
  CHECK(format_day(*set.interview_date) == "2027-03-15");
}

TEST_CASE("a stored value a hand edit broke is reported with its key") {
  CHECK_THROWS_WITH(settings_from({{"new-per-day", "many"}}),
                    "new-per-day must be a whole number of cards from 0 to 100000, not 'many'");
}

TEST_CASE("the settings list shows every collection-wide key, then the per-deck keys set") {
  const std::vector<SettingLine> lines =
      describe_settings({{"deck.b.new-per-day", "3"}, {"new-per-day", "15"}});
  REQUIRE(lines.size() == 7);
  CHECK(lines[0].key == "new-per-day");
  CHECK(lines[0].value == "15");
  CHECK(lines[0].default_value == "20");
  CHECK(lines[0].set);
  CHECK(lines[1].key == "reviews-per-day");
  CHECK(lines[1].value == "200");
  CHECK_FALSE(lines[1].set);
  CHECK(lines[3].key == "day-starts-at");
  CHECK(lines[4].key == "leech-threshold");
  CHECK(lines[5].key == "interview-date");
  CHECK(lines[5].value == "none");
  CHECK(lines[6].key == "deck.b.new-per-day");
  CHECK(lines[6].value == "3");
  CHECK(lines[6].default_value == "none");
  CHECK(setting_deck("deck.b.new-per-day") == "b");
  CHECK(setting_deck("new-per-day") == std::nullopt);
}

TEST_CASE("a leech is suspended at the threshold, then every half threshold more") {
  // By hand, Anki's rule: lapses >= T and (lapses - T) % max(T / 2, 1) == 0.
  const std::vector<std::tuple<int, int, bool>> table{
      {8, 7, false}, {8, 8, true}, {8, 9, false}, {8, 11, false}, {8, 12, true},
      {8, 16, true}, {1, 1, true}, {1, 2, true},  {3, 2, false},  {3, 3, true},
      {3, 4, true},  {2, 3, true}, {5, 6, false}, {5, 7, true}};
  for (const auto& [threshold, lapses, suspends] : table) {
    CAPTURE(threshold, lapses);
    CHECK(rehearse::suspends_as_leech(lapses, threshold) == suspends);
    CHECK(rehearse::is_leech(lapses, threshold) == (lapses >= threshold));
  }
}
