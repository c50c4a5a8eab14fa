// The decks in decks/ are what a candidate reviews every day. These tests hold them to the card
// rules of docs/decks.md: every deck loads, uses only known principles and rounds and never
// repeats an id; each card asks one thing and answers it in a few lines; every principle and
// every question of the seed document is covered; no sentence is borrowed from the seed
// document; `make run` imports every deck and the study plan points at them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

bool is_behavioural(const std::string& deck_id) {
  return deck_id.starts_with("behavioral-");
}

bool has_tag_prefix(const CardContent& card, std::string_view prefix) {
  return std::any_of(card.tags.begin(), card.tags.end(),
                     [&](const std::string& tag) { return tag.starts_with(prefix); });
}

// Words as a reader counts them: runs of non-space characters that hold a letter or a digit,
// so that a bullet's "-" or a lone "->" is not a word.
int word_count(const std::string& text) {
  int count = 0;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    if (std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c); }))
      ++count;
  }
  return count;
}

// --- make run ---------------------------------------------------------------------------------

// The file names the Makefile's SHIPPED_DECKS lists, in order.
std::vector<std::string> makefile_shipped_decks() {
  const std::string makefile = read_file(REHEARSE_SOURCE_DIR "/Makefile");
  const std::size_t start = makefile.find("SHIPPED_DECKS = $(addprefix decks/,");
  if (start == std::string::npos) return {};
  const std::size_t end = makefile.find(')', start);
  std::string list = makefile.substr(start, end - start);
  list = list.substr(list.find(',') + 1);
  std::erase(list, '\\');
  std::vector<std::string> files;
  std::istringstream in(list);
  for (std::string file; in >> file;)
    files.push_back(file);
  return files;
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
  CHECK(size("distributed-systems") >= 60);
  CHECK(size("coding") >= 40);
  CHECK(size("glossary") >= 20);
  CHECK(size("interview-loop") >= 10);
}

TEST_CASE("the loop deck has a card for each of the four rounds") {
  const DeckFile file = shipped_decks().at("interview-loop");
  for (const Round& round : rounds()) {
    INFO(round.slug);
    const std::string tag = "round:" + std::string(round.slug);
    CHECK(std::any_of(file.cards.begin(), file.cards.end(), [&](const CardContent& card) {
      return std::find(card.tags.begin(), card.tags.end(), tag) != card.tags.end();
    }));
  }
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
  // The cards split from one question (its follow-ups, its red flags) share a group and count
  // once: five questions, not one question in five cards.
  std::map<std::string, std::set<std::string>> questions_of;
  for (const auto& [deck_id, file] : shipped_decks()) {
    if (!is_behavioural(deck_id)) continue;
    for (const CardContent& card : file.cards) {
      for (const std::string& tag : card.tags) {
        if (tag.starts_with("lp:"))
          questions_of[tag.substr(3)].insert(card.group.empty() ? card.id : card.group);
      }
    }
  }
  for (const Principle& p : principles()) {
    INFO(p.slug);
    CHECK(questions_of[std::string(p.slug)].size() >= 5);
  }
}

TEST_CASE("every shipped card carries a topic, and each behavioural question a round") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      INFO(card.id);
      CHECK(has_tag_prefix(card, "topic:"));
      if (is_behavioural(deck_id) || deck_id == "system-design") {
        CHECK(has_tag_prefix(card, "round:"));
        CHECK(has_tag_prefix(card, "lp:"));
      }
    }
  }
}

TEST_CASE("every tag of the shipped decks names a known principle or round where it claims to") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      for (const std::string& tag : card.tags) {
        INFO(card.id << ": " << tag);
        CHECK(tag_problem(tag).empty());
      }
    }
  }
}

TEST_CASE("no shipped back is a placeholder") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      INFO(card.id);
      CHECK(word_count(card.back) >= 2);
      CHECK(card.back.find("TBD") == std::string::npos);
      CHECK(card.back.find("TODO") == std::string::npos);
    }
  }
}

TEST_CASE("make run imports every shipped deck, the quick facts first") {
  std::set<std::string> in_folder;
  for (const auto& entry : std::filesystem::directory_iterator(REHEARSE_SOURCE_DIR "/decks")) {
    if (entry.path().extension() == ".json") in_folder.insert(entry.path().filename().string());
  }
  const std::vector<std::string> listed = makefile_shipped_decks();
  CHECK(std::set<std::string>(listed.begin(), listed.end()) == in_folder);
  CHECK(listed.size() == in_folder.size());
  REQUIRE_FALSE(listed.empty());
  CHECK(listed.front() == "interview-loop.json");
  CHECK(listed.back() == "coding.json");
}

TEST_CASE("the study plan data covers weeks 1 to 8 and names only shipped decks and valid tags") {
  rapidjson::Document plan;
  plan.Parse(read_file(REHEARSE_SOURCE_DIR "/decks/plans/amazon-l8-sdm.json").c_str());
  REQUIRE_FALSE(plan.HasParseError());
  CHECK(std::string(plan["format"].GetString()) == "rehearse-plan/1");
  const auto decks = shipped_decks();
  std::set<std::string> used;
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
    for (const auto& deck : phase["decks"].GetArray()) {
      CHECK(decks.contains(deck.GetString()));
      used.insert(deck.GetString());
    }
    for (const auto& tag : phase["tags"].GetArray())
      CHECK(tag_problem(tag.GetString()).empty());
  }
  CHECK(next_week == 9);
  CHECK(phase_ids == std::vector<std::string>{"foundations", "system-design", "people-leadership",
                                              "mock-interviews", "final-review"});
  for (const auto& [deck_id, file] : decks) {
    INFO(deck_id << " is used in no week of the plan");
    CHECK(used.contains(deck_id));
  }
}
