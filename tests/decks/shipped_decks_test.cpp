// The decks in decks/ are what a candidate reviews every day. These tests hold them to the card
// rules of docs/decks.md: every deck loads, uses only known principles and rounds and never
// repeats an id; each card asks one thing and answers it in a few lines; every principle and
// every question of the seed document is covered; no sentence is borrowed from the seed
// document; `make run` imports every deck and the study plan points at them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "answer/answer.hpp"
#include "import/import.hpp"
#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/rapidjson.hpp"
#include "model/principle.hpp"
#include "session/queue.hpp"

using namespace rehearse;

namespace {

// The card rules of docs/decks.md.
constexpr double kMedianBackWordsBelow = 45;
constexpr int kMostBackWords = 120;
constexpr std::size_t kBorrowedRunWords = 8;

// Catch2 2 has no SKIP: a test that cannot run says why with this prefix, and ctest's
// SKIP_REGULAR_EXPRESSION (tests/CMakeLists.txt) reports it as skipped, not passed.
#define SKIP_TEST(reason)        \
  do {                           \
    WARN("SKIPPED: " << reason); \
    return;                      \
  } while (false)

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

// REQUIRES: `values` is not empty.
double median(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// --- Borrowed wording -------------------------------------------------------------------------

using Sentence = std::vector<std::string>;

// The opening so many behavioural questions share: it is not borrowed wording.
const Sentence kStockOpening = {"tell", "me", "about", "a", "time", "you", "had", "to"};

bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Splits `sentence` where the stock opening appears, dropping the opening itself.
void add_without_stock_opening(const Sentence& sentence, std::vector<Sentence>& out) {
  Sentence part;
  for (std::size_t i = 0; i < sentence.size();) {
    const bool opening =
        i + kStockOpening.size() <= sentence.size() &&
        std::equal(kStockOpening.begin(), kStockOpening.end(), sentence.begin() + i);
    if (opening) {
      if (!part.empty()) out.push_back(std::move(part));
      part.clear();
      i += kStockOpening.size();
    } else {
      part.push_back(sentence[i++]);
    }
  }
  if (!part.empty()) out.push_back(std::move(part));
}

// The sentences of `text` as lists of normalised words: lower case; apostrophes dropped
// ("team's" reads "teams", the typographic one too); a hyphen between two letters dropped
// ("real-time" reads "realtime"); any other character that is not an ASCII letter or digit
// separates words. A sentence ends at . ? ! ; or a line break.
std::vector<Sentence> normalised_sentences(std::string_view text) {
  std::vector<Sentence> sentences;
  Sentence sentence;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty()) sentence.push_back(std::move(word));
    word.clear();
  };
  const auto end_sentence = [&] {
    end_word();
    add_without_stock_opening(sentence, sentences);
    sentence.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '\'') {
    } else if (text.substr(i).starts_with("\u2019")) {
      i += std::string_view("\u2019").size() - 1;
    } else if (c == '-' && i > 0 && i + 1 < text.size() && is_letter(text[i - 1]) &&
               is_letter(text[i + 1])) {
    } else if (std::string_view(".?!;\n").find(c) != std::string_view::npos) {
      end_sentence();
    } else {
      end_word();
    }
  }
  end_sentence();
  return sentences;
}

// Every run of `length` consecutive words within one sentence of `text`, words joined by a
// space.
std::set<std::string> word_runs(std::string_view text, std::size_t length) {
  std::set<std::string> runs;
  for (const Sentence& sentence : normalised_sentences(text)) {
    for (std::size_t start = 0; start + length <= sentence.size(); ++start) {
      std::string run = sentence[start];
      for (std::size_t i = start + 1; i < start + length; ++i)
        run += " " + sentence[i];
      runs.insert(std::move(run));
    }
  }
  return runs;
}

// The first run of `runs` that also appears in `text`, or "".
std::string first_shared_run(const std::set<std::string>& runs, std::string_view text) {
  for (const std::string& run : word_runs(text, kBorrowedRunWords)) {
    if (runs.contains(run)) return run;
  }
  return "";
}

// The seed document the decks grew from lives beside the checkout, in ../shared/seed/ (text
// files). REHEARSE_SEED_DIR names another folder, for a checkout kept elsewhere.
std::filesystem::path seed_dir() {
  if (const char* dir = std::getenv("REHEARSE_SEED_DIR")) return dir;
  return std::filesystem::path(REHEARSE_SOURCE_DIR).parent_path() / "shared" / "seed";
}

// The text of every .txt file in the seed folder, or nothing when there is none.
std::vector<std::string> seed_texts() {
  std::vector<std::string> texts;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(seed_dir(), error)) {
    if (entry.path().extension() == ".txt") texts.push_back(read_file(entry.path()));
  }
  return texts;
}

// --- The seed's questions ---------------------------------------------------------------------

// A question the seed document lists, recognised by words of its line (never its sentence),
// and the card written for it.
struct SeedQuestion {
  std::vector<std::string> words;  // normalised, as normalised_sentences gives them
  std::string card_id;
};

const std::vector<SeedQuestion>& seed_questions() {
  static const std::vector<SeedQuestion> table = {
      // Location-based differences: the default ("global") loop.
      {{"difficult", "stakeholder"}, "behavioral.location.global.difficult-stakeholder"},
      {{"innovation", "within"}, "behavioral.location.global.fostering-innovation"},
      {{"technical", "debt", "feature"}, "behavioral.location.global.tech-debt-versus-features"},
      {{"scale", "processes"}, "behavioral.location.global.scaling-team-and-process"},
      {{"retaining", "talent"}, "behavioral.location.global.developing-and-retaining-talent"},
      // Location-based differences: Seattle and AWS.
      {{"aws", "roadmaps"}, "behavioral.location.aws.aligning-with-service-roadmaps"},
      {{"technical", "change", "aws"}, "behavioral.location.aws.cross-service-technical-change"},
      {{"internal", "ecosystem"}, "behavioral.location.aws.internal-customers-versus-ecosystem"},
      {{"two", "senior", "engineers"}, "behavioral.location.aws.senior-engineer-conflict"},
      {{"measure", "success"}, "behavioral.location.aws.measuring-team-success"},
      // People and strategy round.
      {{"difficult", "decision"}, "behavioral.people.difficult-decision"},
      {{"psychological", "safety"}, "behavioral.people.innovation-and-safety"},
      {{"conflict", "within"}, "behavioral.people.team-conflict"},
      {{"technical", "direction"}, "behavioral.people.technical-direction"},
      // Technical architecture and design round.
      {{"realtime", "analytics"}, "design.realtime-analytics"},
      {{"distributed", "caching"}, "design.distributed-cache"},
      {{"architecture", "service"}, "behavioral.technical.service-architecture"},
      {{"reliability", "availability"}, "behavioral.technical.reliability-availability"},
      // Strategic and business alignment round.
      {{"business", "goals", "roadmap"}, "behavioral.strategy.business-goals-to-roadmap"},
      {{"influence", "senior", "leadership"}, "behavioral.strategy.influence-senior-leadership"},
      {{"new", "technology", "maintaining"}, "behavioral.strategy.new-tech-vs-existing-systems"},
      {{"budget"}, "behavioral.strategy.budget-and-headcount"},
      // Cultural alignment and motivation round.
      {{"why", "amazon"}, "behavioral.culture.why-amazon"},
      {{"most", "challenging"}, "behavioral.culture.hardest-principle"},
      {{"career", "goals"}, "behavioral.culture.career-goals"},
      {{"ambiguity"}, "behavioral.culture.handling-ambiguity"},
  };
  return table;
}

// The lines of the seed document that ask a question: they end with "?" or open with
// "Design", "Describe" or "Tell me".
std::vector<std::string> seed_question_lines(const std::vector<std::string>& texts) {
  static const std::regex question(R"(^\s*(Design|Describe|Tell me)\b.*|.*\?\s*$)");
  std::vector<std::string> lines;
  for (const std::string& text : texts) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (std::regex_match(line, question)) lines.push_back(line);
    }
  }
  return lines;
}

bool line_has_words(const std::string& line, const std::vector<std::string>& words) {
  std::set<std::string> in_line;
  for (const Sentence& sentence : normalised_sentences(line))
    in_line.insert(sentence.begin(), sentence.end());
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& word) { return in_line.contains(word); });
}

// The parts of `text` between occurrences of `separator`.
std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  for (std::size_t at; (at = text.find(separator)) != std::string_view::npos;) {
    parts.emplace_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  parts.emplace_back(text);
  return parts;
}

// --- make run ---------------------------------------------------------------------------------

// The file names the Makefile's SHIPPED_DECKS lists, in order.
// The decks `make run` and `import --shipped` import, in order: decks/shipped.txt, which the
// Makefile reads.
std::vector<std::string> listed_shipped_decks() {
  std::vector<std::string> files;
  std::istringstream in(read_file(REHEARSE_SOURCE_DIR "/decks/shipped.txt"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') files.push_back(line);
  }
  if (read_file(REHEARSE_SOURCE_DIR "/Makefile").find("decks/shipped.txt") == std::string::npos)
    return {};
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

TEST_CASE(
    "the principles deck asks every principle both ways, what interviewers probe, its red flags "
    "and strong signals") {
  const DeckFile file = shipped_decks().at("leadership-principles");
  std::set<std::string> ids;
  for (const CardContent& card : file.cards)
    ids.insert(card.id);
  for (const Principle& p : principles()) {
    INFO(p.slug);
    CHECK(ids.contains("lp." + std::string(p.slug) + ".meaning"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".name"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".probes"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".red-flags"));
    CHECK(ids.contains("lp." + std::string(p.slug) + ".strong-signals"));
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

TEST_CASE("principles are spelt one way and listed with a separator that no name contains") {
  // "Are Right, A Lot" holds a comma, so a "Principles:" line separates names with " · ".
  std::set<std::string, std::less<>> names;
  for (const Principle& p : principles())
    names.emplace(p.name);
  const std::string_view backbone = find_principle("have-backbone")->name;
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      for (const std::string* side : {&card.front, &card.back}) {
        INFO(card.id << ": " << *side);
        for (std::size_t at = side->find("Have Backbone"); at != std::string::npos;
             at = side->find("Have Backbone", at + 1))
          CHECK(std::string_view(*side).substr(at).starts_with(backbone));
        std::istringstream lines(*side);
        for (std::string line; std::getline(lines, line);) {
          if (!line.starts_with("Principles: ") && !line.starts_with("Principle: ")) continue;
          for (const std::string& name : split(line.substr(line.find(':') + 2), " · "))
            CHECK(names.contains(name));
        }
      }
    }
  }
}

TEST_CASE("every tag of the shipped decks names a known principle or round where it claims to") {
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      for (const std::string& tag : card.tags) {
        INFO(card.id << ": " << tag);
        CHECK_FALSE(tag_problem(tag));
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
  const std::vector<std::string> listed = listed_shipped_decks();
  CHECK(std::set<std::string>(listed.begin(), listed.end()) == in_folder);
  CHECK(listed.size() == in_folder.size());
  REQUIRE_FALSE(listed.empty());
  CHECK(listed.front() == "interview-loop.json");
  CHECK(listed.back() == "coding.json");
}

TEST_CASE("a new user's first session starts with five quick facts, one from each fact deck") {
  // The decks as `make run` imports them, in shipped.txt's order, into a new collection; the
  // first cards its first session asks, each answered 5 as a user who knows it would.
  std::vector<DeckFile> files;
  for (const std::string& name : listed_shipped_decks())
    files.push_back(read_deck_file(std::filesystem::path(REHEARSE_SOURCE_DIR "/decks") / name));
  REQUIRE_FALSE(files.empty());
  Collection collection = Collection::open(":memory:");
  import_decks(collection, files);
  const Day today = Day{std::chrono::year{2026} / 11 / 25};
  const Moment now{std::chrono::sys_time<std::chrono::milliseconds>(today.time_since_epoch()),
                   today};
  std::vector<std::string> decks;
  for (int i = 0; i < 5; ++i) {
    const std::optional<Card> card = next_card(collection, {}, today);
    REQUIRE(card.has_value());
    INFO(card->content.id << ": " << card->content.front);
    // A fact, graded in seconds: a short back, no story asked for.
    CHECK(word_count(card->content.back) <= 50);
    CHECK_FALSE(is_behavioural(card->deck_id));
    decks.push_back(card->deck_id);
    answer_card(collection, card->content.id, Grade::from_int(5), now, {});
  }
  CHECK(decks == std::vector<std::string>{"interview-loop", "glossary", "leadership-principles",
                                          "distributed-systems", "study-plan"});
}

TEST_CASE("the study plan data covers weeks 1 to 8 and names only shipped decks and valid tags") {
  rapidjson::Document plan;
  plan.Parse(read_file(REHEARSE_SOURCE_DIR "/decks/plans/amazon-l8-sdm.json", 16).c_str());
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
      CHECK_FALSE(tag_problem(tag.GetString()));
  }
  CHECK(next_week == 9);
  CHECK(phase_ids == std::vector<std::string>{"foundations", "system-design", "people-leadership",
                                              "mock-interviews", "final-review"});
  for (const auto& [deck_id, file] : decks) {
    INFO(deck_id << " is used in no week of the plan");
    CHECK(used.contains(deck_id));
  }
}

TEST_CASE("every back is short: median under 45 words and none over 120, per deck and overall") {
  std::vector<int> all;
  for (const auto& [deck_id, file] : shipped_decks()) {
    std::vector<int> counts;
    for (const CardContent& card : file.cards) {
      INFO(card.id);
      counts.push_back(word_count(card.back));
      CHECK(counts.back() <= kMostBackWords);
    }
    if (counts.empty()) continue;
    INFO(deck_id);
    CHECK(median(counts) < kMedianBackWordsBelow);
    all.insert(all.end(), counts.begin(), counts.end());
  }
  REQUIRE_FALSE(all.empty());
  CHECK(median(all) < kMedianBackWordsBelow);
}

TEST_CASE("the borrowed-wording check normalises case, punctuation and hyphens") {
  const std::set<std::string> seed =
      word_runs("Describe the real-time design of your team's largest service, end to end.", 8);
  // The same words, differently written, are found; a shorter shared run is not.
  CHECK(first_shared_run(seed, "DESCRIBE the realtime design of your teams largest service!") ==
        "describe the realtime design of your teams largest");
  CHECK(first_shared_run(seed, "Describe the real time design of your team's service.").empty());
  // A run must lie within one sentence on both sides.
  CHECK(first_shared_run(seed, "Describe the real-time design. Of your team's largest service")
            .empty());
  // The stock opening of behavioural questions is set aside.
  const std::set<std::string> question =
      word_runs("Tell me about a time you had to lead a migration.", 8);
  CHECK(question.empty());
  CHECK(first_shared_run(question, "Tell me about a time you had to lead a team.").empty());
  CHECK(word_count("- one, two\n-> three") == 3);
}

TEST_CASE("no shipped card shares a run of 8 words with the seed document") {
  const std::vector<std::string> texts = seed_texts();
  if (texts.empty())
    SKIP_TEST("no seed document in " << seed_dir() << ", so no card was compared with it");
  std::set<std::string> seed_runs;
  for (const std::string& text : texts)
    seed_runs.merge(word_runs(text, kBorrowedRunWords));
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards) {
      INFO(card.id << " front: " << card.front);
      CHECK(first_shared_run(seed_runs, card.front) == "");
      INFO(card.id << " back: " << card.back);
      CHECK(first_shared_run(seed_runs, card.back) == "");
    }
  }
}

TEST_CASE("each question the seed document lists has a card written for it") {
  std::set<std::string> ids;
  for (const auto& [deck_id, file] : shipped_decks()) {
    for (const CardContent& card : file.cards)
      ids.insert(card.id);
  }
  for (const SeedQuestion& question : seed_questions()) {
    INFO(question.card_id);
    CHECK(ids.contains(question.card_id));
  }
}

TEST_CASE("the table of the seed's questions names each question of the seed document once") {
  const std::vector<std::string> texts = seed_texts();
  if (texts.empty())
    SKIP_TEST("no seed document in " << seed_dir() << ", so the table was not checked against it");
  const std::vector<std::string> lines = seed_question_lines(texts);
  CHECK(lines.size() == seed_questions().size());
  for (const std::string& line : lines) {
    INFO("seed question: " << line);
    CHECK(std::count_if(seed_questions().begin(), seed_questions().end(),
                        [&](const SeedQuestion& q) { return line_has_words(line, q.words); }) == 1);
  }
  for (const SeedQuestion& question : seed_questions()) {
    INFO(question.card_id);
    CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
            return line_has_words(line, question.words);
          }) == 1);
  }
}
