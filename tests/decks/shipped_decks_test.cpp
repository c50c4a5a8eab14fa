// The decks in decks/ are what a candidate reviews every day: they must load, use only known
// principles and rounds, never repeat an id, and cover every principle.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/rapidjson.hpp"
#include "model/principle.hpp"

using namespace rehearse;

namespace {

std::map<std::string, DeckFile> shipped_decks() {
  std::map<std::string, DeckFile> decks;
  for (const auto& entry : std::filesystem::directory_iterator(REHEARSE_SOURCE_DIR "/decks")) {
    if (entry.path().extension() != ".json") continue;
    DeckFile file = read_deck_file(entry.path());
    decks.emplace(file.deck.id, std::move(file));
  }
  return decks;
}

int count_lines(const std::string& text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("every shipped deck loads, and no card id is used twice across decks") {
  const auto decks = shipped_decks();
  std::map<std::string, std::string> deck_of;
  for (const auto& [deck_id, file] : decks) {
    for (const CardContent& card : file.cards) {
      INFO(card.id << " in " << deck_id);
      const auto [it, added] = deck_of.emplace(card.id, deck_id);
      CHECK(added);
    }
  }
  CHECK(deck_of.size() >= 250);
}

TEST_CASE("the shipped decks hold the promised number of cards") {
  const auto decks = shipped_decks();
  const auto size = [&](const std::string& id) {
    const auto it = decks.find(id);
    return it == decks.end() ? std::size_t{0} : it->second.cards.size();
  };
  CHECK(size("leadership-principles") >= 48);
  CHECK(size("behavioral-people") + size("behavioral-technical") + size("behavioral-strategy") +
            size("behavioral-culture") + size("behavioral-location") >=
        80);
  CHECK(size("system-design") >= 20);
  CHECK(size("people-management") >= 40);
  CHECK(size("questions-to-ask") >= 10);
  CHECK(size("study-plan") >= 5);
}

TEST_CASE("the principles deck asks every principle both ways and what interviewers probe") {
  const DeckFile file = shipped_decks().at("leadership-principles");
  std::set<std::string> ids;
  for (const CardContent& card : file.cards)
    ids.insert(card.id);
  for (const Principle& p : principles()) {
    INFO(p.slug);
    CHECK(ids.contains("lp." + std::string(p.slug) + ".meaning"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".name"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".probes"));
  }
}

TEST_CASE("each principle is probed by at least five behavioural question cards") {
  std::map<std::string, int> probed;
  for (const auto& [deck_id, file] : shipped_decks()) {
    if (!deck_id.starts_with("behavioral-")) continue;
    for (const CardContent& card : file.cards) {
      for (const std::string& tag : card.tags) {
        if (tag.starts_with("lp:")) ++probed[tag.substr(3)];
      }
    }
  }
  for (const Principle& p : principles()) {
    INFO(p.slug);
    CHECK(probed[std::string(p.slug)] >= 5);
  }
}

TEST_CASE("every shipped card carries a topic, and each behavioural question a round") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      INFO(card.id);
      const auto has_prefix = [&](const char* prefix) {
        return std::any_of(card.tags.begin(), card.tags.end(),
                           [&](const std::string& tag) { return tag.starts_with(prefix); });
      };
      CHECK(has_prefix("topic:"));
      if (deck_id.starts_with("behavioral-") || deck_id == "system-design") {
        CHECK(has_prefix("round:"));
        CHECK(has_prefix("lp:"));
      }
    }
  }
}

TEST_CASE("question backs are substantive: several lines of guidance, not a placeholder") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    const bool question_deck = deck_id.starts_with("behavioral-") || deck_id == "system-design" ||
                               deck_id == "people-management";
    for (const CardContent& card : file.cards) {
      INFO(card.id);
      CHECK(count_lines(card.back) >= (question_deck ? 8 : 2));
      CHECK(card.back.find("TBD") == std::string::npos);
      CHECK(card.back.find("TODO") == std::string::npos);
    }
  }
}

TEST_CASE("the study plan data covers weeks 1 to 8 and names only shipped decks and valid tags") {
  rapidjson::Document plan;
  plan.Parse(read_file(REHEARSE_SOURCE_DIR "/decks/plans/amazon-l8-sdm.json").c_str());
  REQUIRE_FALSE(plan.HasParseError());
  CHECK(std::string(plan["format"].GetString()) == "rehearse-plan/1");
  const auto decks = shipped_decks();
  int next_week = 1;
  std::vector<std::string> phase_ids;
  for (const auto& phase : plan["plan"]["phases"].GetArray()) {
    phase_ids.emplace_back(phase["id"].GetString());
    INFO(phase_ids.back());
    CHECK(phase["first_week"].GetInt() == next_week);
    CHECK(phase["last_week"].GetInt() >= phase["first_week"].GetInt());
    next_week = phase["last_week"].GetInt() + 1;
    CHECK(phase["goals"].Size() >= 3);
    CHECK(phase["tasks"].Size() >= 5);
    for (const auto& deck : phase["decks"].GetArray())
      CHECK(decks.contains(deck.GetString()));
    for (const auto& tag : phase["tags"].GetArray())
      CHECK(tag_problem(tag.GetString()).empty());
  }
  CHECK(next_week == 9);
  CHECK(phase_ids == std::vector<std::string>{"foundations", "system-design", "people-leadership",
                                              "mock-interviews", "final-review"});
}
