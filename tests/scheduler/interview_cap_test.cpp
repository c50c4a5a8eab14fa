// The interview-date extension (docs/scheduler.md, "The interview date"). Expected days are
// worked by hand: the final window is the 3 days before the interview; a due day on or after
// the interview, from an answer before the window, moves to window start + (day number mod 3).
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "scheduler/sm2.hpp"
#include "support/moments.hpp"

using namespace rehearse;
using rehearse::test::at;
using std::chrono::days;

namespace {

const Day kStart = Day{std::chrono::year{2026} / 11 / 25};  // day number 20782

Day date(int y, unsigned m, unsigned d) {
  return Day{std::chrono::year{y} / m / d};
}

// Answers each grade on the day the card falls due; returns the states after each answer.
std::vector<CardState> answer_on_due_days(const std::vector<int>& grades,
                                          std::optional<Day> interview) {
  std::vector<CardState> states;
  CardState state = sm2::new_card();
  Day today = kStart;
  for (int grade : grades) {
    state = sm2::answer(state, Grade::from_int(grade), today, {}, interview).state;
    states.push_back(state);
    today = *state.due;
  }
  return states;
}

}  // namespace

TEST_CASE("an interview in 20 days moves a 16-day interval's due day into the final window") {
  // Interview 15 Dec; window 12-14 Dec. 5 on 25 Nov: due 26 Nov; 5: due 2 Dec; 5: I 16, due
  // 18 Dec (day 20805, 20805 mod 3 = 0) -> 12 Dec. Answered then, 16 x 2.8 = 44.8 -> 45 days
  // from 12 Dec, uncapped: the answer was in the window.
  const Day interview = kStart + days{20};
  const std::vector<CardState> states = answer_on_due_days({5, 5, 5, 5}, interview);
  CHECK(states[0].due == date(2026, 11, 26));
  CHECK(states[1].due == date(2026, 12, 2));
  CHECK(states[2].interval_days == 16);
  CHECK(states[2].due == date(2026, 12, 12));
  CHECK(states[3].interval_days == 45);
  CHECK(states[3].ease.hundredths() == 290);
  CHECK(states[3].due == date(2026, 12, 12) + days{45});
}

TEST_CASE("an interview in 5 days caps the 6-day interval of a card answered the day before") {
  // Interview 30 Nov; window 27-29 Nov. 5 on 25 Nov: due 26 Nov (before the interview, kept);
  // 5 on 26 Nov: I 6, due 2 Dec (day 20789, mod 3 = 2) -> 29 Nov.
  const Day interview = kStart + days{5};
  const std::vector<CardState> states = answer_on_due_days({5, 5}, interview);
  CHECK(states[0].due == date(2026, 11, 26));
  CHECK(states[1].interval_days == 6);
  CHECK(states[1].due == date(2026, 11, 29));
}

TEST_CASE("an interview in 60 days lets short intervals be and caps the 45-day one") {
  // Interview 24 Jan 2027; window 21-23 Jan. Due 26 Nov, 2 Dec, 18 Dec (all before it); on
  // 18 Dec: I 45, due 1 Feb (day 20850, mod 3 = 0) -> 21 Jan.
  const Day interview = kStart + days{60};
  const std::vector<CardState> states = answer_on_due_days({5, 5, 5, 5}, interview);
  CHECK(states[2].due == date(2026, 12, 18));
  CHECK(states[3].interval_days == 45);
  CHECK(states[3].due == date(2027, 1, 21));
}

TEST_CASE("the cap spreads due days across the window by the day they would have fallen on") {
  const Day interview = date(2026, 12, 15);  // window 12, 13, 14 Dec
  const Day before_window = date(2026, 12, 1);
  std::set<Day> window_days;
  for (int offset = 0; offset < 3; ++offset) {
    const Day would_be = interview + days{10 + offset};
    const Day capped = sm2::capped_due(before_window, would_be, interview);
    CHECK(capped >= date(2026, 12, 12));
    CHECK(capped <= date(2026, 12, 14));
    window_days.insert(capped);
  }
  CHECK(window_days.size() == 3);
  // The interview day itself is past the last review day; the day before it is not.
  CHECK(sm2::capped_due(before_window, interview, interview) < interview);
  CHECK(sm2::capped_due(before_window, interview - days{1}, interview) == interview - days{1});
}

TEST_CASE("answers on the interview day, after it, or in the window are not capped") {
  const Day interview = date(2026, 12, 15);
  CardState state = sm2::new_card();
  state = sm2::answer(state, Grade::from_int(5), date(2026, 12, 1), {}, interview).state;
  state = sm2::answer(state, Grade::from_int(5), date(2026, 12, 2), {}, interview).state;
  REQUIRE(state.due == date(2026, 12, 8));  // 2 Dec + 6, before the window
  for (const Day day : {interview - days{3}, interview - days{1}, interview, interview + days{4}}) {
    const CardState after = sm2::answer(state, Grade::from_int(5), day, {}, interview).state;
    CHECK(after.interval_days == 16);  // 6 x 2.7 = 16.2
    CHECK(after.due == day + days{16});
  }
}

TEST_CASE("the cap never touches n, EF or I: capped and uncapped runs agree on all three") {
  std::mt19937 random(20261201);
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<int> grades;
    for (int i = 0; i < 12; ++i)
      grades.push_back(static_cast<int>(random() % 6));
    const Day interview = kStart + days{static_cast<int>(5 + random() % 80)};
    const std::vector<CardState> capped = answer_on_due_days(grades, interview);
    const std::vector<CardState> plain = answer_on_due_days(grades, std::nullopt);
    for (std::size_t i = 0; i < grades.size(); ++i) {
      REQUIRE(capped[i].repetitions == plain[i].repetitions);
      REQUIRE(capped[i].ease == plain[i].ease);
      REQUIRE(capped[i].interval_days == plain[i].interval_days);
    }
  }
}

TEST_CASE("a month of daily reviews sees every learned card at least once in the final window") {
  // 60 cards, 4 new a day from day 0, every due card answered each day with a random grade;
  // the interview is on day 30. A card first answered before the window must be answered
  // again on one of days 27-29.
  const Day interview = kStart + days{30};
  const Day window = sm2::final_window_start(interview);
  std::mt19937 random(7);
  std::vector<CardState> cards(60, sm2::new_card());
  std::vector<bool> seen_in_window(cards.size(), false);
  std::vector<bool> learned_before_window(cards.size(), false);
  std::size_t introduced = 0;
  for (Day today = kStart; today < interview; today += days{1}) {
    for (std::size_t i = 0; i < introduced; ++i) {
      if (*cards[i].due > today) continue;
      cards[i] = sm2::answer(cards[i], Grade::from_int(static_cast<int>(random() % 6)), today, {},
                             interview)
                     .state;
      if (today >= window) seen_in_window[i] = true;
    }
    for (int n = 0; n < 4 && introduced < cards.size() && today < window; ++n, ++introduced) {
      cards[introduced] =
          sm2::answer(cards[introduced], Grade::from_int(4), today, {}, interview).state;
      learned_before_window[introduced] = true;
    }
  }
  REQUIRE(introduced == cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    INFO("card " << i);
    if (learned_before_window[i]) CHECK(seen_in_window[i]);
  }
}

TEST_CASE("check replays each answer with the interview day in force, moved or cleared") {
  Collection collection = Collection::open(":memory:");
  DeckFile file{{"deck", "Deck", ""}, {{"a", "a?", "a!", {}}, {"b", "b?", "b!", {}}}};
  import_decks(collection, std::span<const DeckFile>(&file, 1));
  const Day first = date(2026, 12, 15);
  const Day moved = date(2026, 12, 28);
  auto answer = [&](const char* id, Day day, std::optional<Day> interview) {
    return answer_card(collection, id, Grade::from_int(5), at(day), {}, {}, interview).card;
  };
  answer("a", date(2026, 12, 1), first);
  answer("a", date(2026, 12, 2), first);
  const Card capped = answer("a", date(2026, 12, 8), first);  // I 16: 24 Dec -> window
  CHECK(capped.state.due == date(2026, 12, 12));              // day 20811, mod 3 = 0
  CHECK(collection.review_log("a").back().interview == first);
  CHECK(check_collection(collection).ok());

  // Moved: the answers before keep the day they were given under.
  answer("b", date(2026, 12, 1), moved);
  const Card b = answer("b", date(2026, 12, 2), moved);
  CHECK(b.state.due == date(2026, 12, 8));
  const Card a_again = answer("a", date(2026, 12, 12), moved);  // before the new window
  CHECK(a_again.state.interval_days == 45);
  CHECK(a_again.state.due == date(2026, 12, 25));  // 26 Jan is day 20844, mod 3 = 0
  CHECK(check_collection(collection).ok());

  // Cleared: plain SM-2 from now on; the log still replays.
  const Card b_after = answer("b", date(2026, 12, 8), std::nullopt);
  CHECK(b_after.state.due == date(2026, 12, 24));
  CHECK(collection.review_log("b").back().interview == std::nullopt);
  CHECK(check_collection(collection).ok());
  CHECK(replay_card(collection, "a") == collection.find_card("a")->state);
}
