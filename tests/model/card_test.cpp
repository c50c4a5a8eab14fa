#include "model/card.hpp"

#include <catch2/catch.hpp>

#include "model/error.hpp"
#include "model/principle.hpp"

using namespace rehearse;

TEST_CASE("ease prints as an exact decimal without trailing zeros") {
  CHECK(Ease::from_hundredths(250).to_string() == "2.5");
  CHECK(Ease::from_hundredths(130).to_string() == "1.3");
  CHECK(Ease::from_hundredths(236).to_string() == "2.36");
  CHECK(Ease::from_hundredths(300).to_string() == "3");
  CHECK(Ease::from_hundredths(204).to_string() == "2.04");
  // A tampered collection's negative ease is still a number, JSON included.
  CHECK(Ease::from_hundredths(-150).to_string() == "-1.5");
  CHECK(Ease::from_hundredths(-5).to_string() == "-0.05");
  CHECK(Ease::from_hundredths(-200).to_string() == "-2");
}

TEST_CASE("grades are 0 to 5 and anything else is refused with the scale in the message") {
  CHECK(Grade::from_int(0).value() == 0);
  CHECK(Grade::parse(" 5 ").value() == 5);
  CHECK_THROWS_WITH(Grade::from_int(6),
                    "grade 6 is out of range: grades are 0-5 (5 perfect, 3 "
                    "recalled with difficulty, 0 blackout)");
  CHECK_THROWS_WITH(Grade::parse("x"),
                    "grade 'x' is not a number 0-5 (5 perfect, 3 recalled "
                    "with difficulty, 0 blackout)");
  CHECK_THROWS_WITH(Grade::parse("45"),
                    "grade '45' is not a number 0-5 (5 perfect, 3 recalled with difficulty, 0 "
                    "blackout)");
  CHECK_THROWS_WITH(Grade::parse(""),
                    "grade '' is not a number 0-5 (5 perfect, 3 recalled with difficulty, 0 "
                    "blackout)");
  CHECK_THROWS_WITH(Grade::parse("-1"),
                    "grade '-1' is not a number 0-5 (5 perfect, 3 recalled with difficulty, 0 "
                    "blackout)");
}

TEST_CASE("the sixteen principles each have one slug, found by slug") {
  REQUIRE(principles().size() == 16);
  CHECK(principles().front().slug == "customer-obsession");
  CHECK(find_principle("have-backbone")->name == "Have Backbone; Disagree and Commit");
  CHECK(find_principle("backbone") == nullptr);
  CHECK(rounds().size() == 4);
  CHECK(find_round("technical") != nullptr);
}

TEST_CASE("lp: and round: tags must name a principle and a round while other tags are free") {
  CHECK_FALSE(tag_problem("lp:ownership"));
  CHECK_FALSE(tag_problem("round:culture"));
  CHECK_FALSE(tag_problem("anything-goes:here"));
  CHECK(tag_problem("lp:ownershp") ==
        "tag 'lp:ownershp' names no Leadership Principle (see 'rehearse principles')");
  CHECK(tag_problem("round:lunch") ==
        "tag 'round:lunch' names no round (expected round:people, round:technical, "
        "round:strategy or round:culture)");
  CHECK(tag_problem("two words") == "tag 'two words' contains white space");
  CHECK(tag_problem("") == "a tag is empty");
}
