// Concurrency, end to end: several rehearse processes answering and importing on one collection
// at once. None may see "database is locked" (they wait for each other: busy timeout, then the
// whole transaction is retried), and no answer may be lost or recorded twice.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <latch>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::ChildProcess;
using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

constexpr int kLiveCards = 20;    // the cards everybody answers
constexpr int kBulkCards = 3000;  // the deck the importer rewrites each round
constexpr std::uint32_t kDefaultSeed = 20261126;
constexpr const char* kNow = "2026-11-25T09:00";

std::uint32_t test_seed() {
  const char* text = std::getenv("REHEARSE_TEST_SEED");
  return text && *text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : kDefaultSeed;
}

// A deck file of `cards` cards `prefix.N` whose texts name `round`: each round changes every
// card, so that importing it rewrites them all.
void write_deck(const std::filesystem::path& path, const std::string& deck,
                const std::string& prefix, int cards, int round, std::size_t padding) {
  std::string text = fmt::format(
      R"({{"format": "rehearse-deck/1", "deck": {{"id": "{}", "name": "{}"}}, "cards": [)", deck,
      deck);
  const std::string pad(padding, 'x');
  for (int i = 0; i < cards; ++i) {
    text += fmt::format(
        R"({}{{"id": "{}.{}", "front": "Question {} of round {} {}", "back": "Answer {} {}"}})",
        i ? ",\n" : "", prefix, i, i, round, pad, i, pad);
  }
  std::ofstream(path, std::ios::binary) << text << "]}\n";
}

// The collection with the live deck (round 0) and one answer.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Fixture() {
    write_deck(dir / "live-0.json", "live", "q", kLiveCards, 0, 0);
    REQUIRE(run_rehearse({"--db", db, "import", (dir / "live-0.json").string()}).exit_code == 0);
    REQUIRE(run_rehearse({"--db", db, "--now", kNow, "answer", "q.0", "5", "--duration", "0"})
                .exit_code == 0);
  }

  // Writes round r of the live and bulk decks; returns the import arguments for it.
  std::vector<std::string> import_round(int round) const {
    const auto live = dir / fmt::format("live-{}.json", round);
    const auto bulk = dir / fmt::format("bulk-{}.json", round);
    write_deck(live, "live", "q", kLiveCards, round, 0);
    write_deck(bulk, "bulk", "b", kBulkCards, round, 150);
    return {"--db", db, "--now", kNow, "import", bulk.string(), live.string()};
  }
};

struct Answer {
  int card = 0;
  int grade = 0;
};

// What one answering process did, seen from its driver.
struct AnswererRun {
  std::vector<std::int64_t> tags;  // answers written, in order
  std::vector<std::string> acks;
  int exit_code = -1;
  std::string err;
  std::string problem;           // what the driver saw go wrong, if anything
  int acked_during_imports = 0;  // acknowledged while an import process ran
  int waited = 0;                // acknowledged after 20 ms or more: it waited for a lock
  std::chrono::milliseconds slowest{0};
};

// Tags of the review log in log order, with each answer's card and grade.
struct Log {
  std::vector<std::int64_t> tags;
  std::map<std::int64_t, std::pair<std::string, int>> content;
  std::map<std::int64_t, int> times;
};

Log read_log(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  SQLite::Statement rows(sqlite,
                         "SELECT r.duration_ms, c.slug, r.grade FROM reviews r "
                         "JOIN cards c ON c.id = r.card ORDER BY r.id");
  Log log;
  while (rows.executeStep()) {
    const std::int64_t tag = rows.getColumn(0).getInt64();
    log.tags.push_back(tag);
    log.content[tag] = {rows.getColumn(1).getString(), rows.getColumn(2).getInt()};
    ++log.times[tag];
  }
  return log;
}

std::string join(const std::vector<std::int64_t>& tags) {
  return tags.empty() ? "none" : fmt::format("{}", fmt::join(tags, " "));
}

// Checks the log against what the answerers sent: every sent answer once, with its card and
// grade, and each process's answers in the order it sent them.
void check_log(const Log& log, const std::map<std::int64_t, Answer>& sent,
               const std::vector<std::vector<std::int64_t>>& orders) {
  std::vector<std::int64_t> lost, twice, unknown, wrong;
  for (const auto& [tag, answer] : sent) {
    const auto times = log.times.find(tag);
    if (times == log.times.end()) {
      lost.push_back(tag);
      continue;
    }
    if (times->second > 1) twice.push_back(tag);
    const auto& [card, grade] = log.content.at(tag);
    if (card != fmt::format("q.{}", answer.card) || grade != answer.grade) wrong.push_back(tag);
  }
  for (const std::int64_t tag : log.tags) {
    if (tag != 0 && !sent.contains(tag)) unknown.push_back(tag);
  }
  INFO("answers lost: " << join(lost));
  INFO("answers recorded twice: " << join(twice));
  INFO("answers recorded with another card or grade: " << join(wrong));
  INFO("answers recorded that nobody sent: " << join(unknown));
  CHECK(lost.empty());
  CHECK(twice.empty());
  CHECK(wrong.empty());
  CHECK(unknown.empty());
  for (const std::vector<std::int64_t>& order : orders) {
    const std::set<std::int64_t> mine(order.begin(), order.end());
    std::vector<std::int64_t> logged;
    for (const std::int64_t tag : log.tags) {
      if (mine.contains(tag)) logged.push_back(tag);
    }
    CHECK(logged == order);
  }
}

}  // namespace

TEST_CASE("two answering processes and an import at once lose no answer and never say locked") {
  const std::uint32_t seed = test_seed();
  std::cout << "concurrency test: seed " << seed << " (REHEARSE_TEST_SEED replays another)\n";
  INFO("seed " << seed);
  const Fixture f;
  constexpr int kImports = 4;
  std::vector<std::vector<std::string>> imports;
  for (int round = 1; round <= kImports; ++round)
    imports.push_back(f.import_round(round));

  std::atomic<bool> importing{false};
  std::atomic<bool> imports_done{false};
  std::latch start(3);
  // The imports begin once both answerers have had an answer acknowledged (or given up), so a
  // slow start of an answering process on a loaded machine cannot leave the imports alone.
  std::latch answering(2);
  std::vector<CliResult> import_results;
  std::chrono::milliseconds import_time{0};

  // Each answerer answers line by line, as a script would, until the imports are over.
  const auto answerer = [&](int index, AnswererRun& run, std::map<std::int64_t, Answer>& sent) {
    bool counted = false;
    const auto count_answering = [&] {
      if (!counted) answering.count_down();
      counted = true;
    };
    try {
      std::mt19937 random(seed + static_cast<std::uint32_t>(index));
      ChildProcess child =
          ChildProcess::rehearse({"--db", f.db, "--now", kNow, "answer", "--batch"});
      start.arrive_and_wait();
      const std::int64_t first_tag = 1'000'000 * (index + 1);
      while ((!imports_done || run.tags.size() < 50) && run.tags.size() < 50'000) {
        const Answer answer{std::uniform_int_distribution<int>(0, kLiveCards - 1)(random),
                            std::uniform_int_distribution<int>(0, 5)(random)};
        const std::int64_t tag = first_tag + static_cast<std::int64_t>(run.tags.size());
        sent[tag] = answer;
        run.tags.push_back(tag);
        const auto asked = std::chrono::steady_clock::now();
        if (!child.write(fmt::format("q.{} {} {}\n", answer.card, answer.grade, tag))) {
          run.problem = fmt::format("the child stopped reading at answer {}", run.tags.size());
          break;
        }
        const bool during_import = importing;
        const std::optional<std::string> ack = child.read_line(std::chrono::seconds(60));
        if (!ack) {
          run.problem =
              child.output_ended()
                  ? fmt::format("the output ended before answer {} was acknowledged",
                                run.tags.size())
                  : fmt::format("no acknowledgement of answer {} within 60 s", run.tags.size());
          break;
        }
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - asked);
        run.slowest = std::max(run.slowest, took);
        if (took >= std::chrono::milliseconds(20)) ++run.waited;
        if (during_import || importing) ++run.acked_during_imports;
        run.acks.push_back(*ack);
        count_answering();
      }
      count_answering();
      child.close_input();
      for (std::string& line : child.remaining_lines())
        run.acks.push_back(std::move(line));
      run.exit_code = child.wait();
      run.err = child.error_output();
    } catch (const std::exception& e) {
      run.problem = e.what();
    }
    count_answering();
  };

  AnswererRun first, second;
  std::map<std::int64_t, Answer> sent_first, sent_second;
  std::thread a([&] { answerer(0, first, sent_first); });
  std::thread b([&] { answerer(1, second, sent_second); });
  std::thread importer([&] {
    start.arrive_and_wait();
    answering.wait();
    const auto began = std::chrono::steady_clock::now();
    for (const std::vector<std::string>& args : imports) {
      importing = true;
      import_results.push_back(run_rehearse(args));
      importing = false;
    }
    import_time = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - began);
    imports_done = true;
  });
  a.join();
  b.join();
  importer.join();

  std::cout << fmt::format(
      "concurrency test: {} imports in {} ms; the answerers sent {} and {} answers, of which "
      "{} and {} waited 20 ms or more (the slowest {} and {} ms)\n",
      kImports, import_time.count(), first.tags.size(), second.tags.size(), first.waited,
      second.waited, first.slowest.count(), second.slowest.count());

  for (std::size_t i = 0; i < import_results.size(); ++i) {
    const CliResult& result = import_results[i];
    INFO("import " << i + 1 << ": " << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find("bulk (") != std::string::npos);
    CHECK(result.out.find("live (") != std::string::npos);
  }
  REQUIRE(import_results.size() == kImports);
  for (const AnswererRun* run : {&first, &second}) {
    INFO("answerer " << (run == &first ? 1 : 2) << ": " << run->problem);
    INFO("standard error: " << run->err);
    CHECK(run->problem.empty());
    CHECK(run->err.find("locked") == std::string::npos);
    CHECK(run->err.find("busy") == std::string::npos);
    CHECK(run->err.empty());
    CHECK(run->exit_code == 0);
    // Every answer acknowledged, in order, for the card it named.
    REQUIRE(run->acks.size() == run->tags.size());
    const std::map<std::int64_t, Answer>& sent = run == &first ? sent_first : sent_second;
    for (std::size_t i = 0; i < run->acks.size(); ++i) {
      const Answer& answer = sent.at(run->tags[i]);
      INFO("acknowledgement " << i + 1 << ": " << run->acks[i]);
      REQUIRE(run->acks[i].starts_with(
          fmt::format("q.{}: grade {} recorded", answer.card, answer.grade)));
    }
    // The answerer really ran alongside the imports.
    CHECK(run->acked_during_imports > 0);
  }

  std::map<std::int64_t, Answer> sent = sent_first;
  sent.insert(sent_second.begin(), sent_second.end());
  check_log(read_log(f.db), sent, {first.tags, second.tags});

  // The imports' changes are all there too, and every card's state matches its log.
  {
    SQLite::Database sqlite(f.db, SQLite::OPEN_READONLY);
    const std::string last_round = fmt::format("of round {} ", kImports);
    SQLite::Statement fronts(sqlite,
                             "SELECT c.slug, x.front FROM cards c JOIN card_texts x ON x.card = "
                             "c.id");
    int cards = 0, current = 0;
    while (fronts.executeStep()) {
      ++cards;
      if (fronts.getColumn(1).getString().find(last_round) != std::string::npos) ++current;
    }
    CHECK(cards == kLiveCards + kBulkCards);
    CHECK(current == cards);
  }
  const CliResult check = run_rehearse({"--db", f.db, "check"});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("short-lived answer processes during imports lose no answer and never say locked") {
  // Each answer opens and closes the collection: opening, the WAL recovery and the checkpoint
  // on close all meet the other processes.
  const Fixture f;
  constexpr int kAnswersEach = 40;
  std::atomic<int> answering{2};
  std::vector<CliResult> import_results;
  std::vector<CliResult> answer_results[2];
  std::map<std::int64_t, Answer> sent[2];
  std::latch start(3);

  const auto answerer = [&](int index) {
    std::mt19937 random(test_seed() + 10 + static_cast<std::uint32_t>(index));
    start.arrive_and_wait();
    for (int i = 0; i < kAnswersEach; ++i) {
      const Answer answer{std::uniform_int_distribution<int>(0, kLiveCards - 1)(random),
                          std::uniform_int_distribution<int>(0, 5)(random)};
      const std::int64_t tag = 1'000'000 * (index + 1) + i;
      sent[index][tag] = answer;
      answer_results[index].push_back(
          run_rehearse({"--db", f.db, "--now", kNow, "answer", fmt::format("q.{}", answer.card),
                        std::to_string(answer.grade), "--duration", std::to_string(tag)}));
    }
    --answering;
  };
  std::thread a([&] { answerer(0); });
  std::thread b([&] { answerer(1); });
  std::thread importer([&] {
    start.arrive_and_wait();
    for (int round = 1; answering > 0 || round <= 2; ++round)
      import_results.push_back(run_rehearse(f.import_round(round)));
  });
  a.join();
  b.join();
  importer.join();
  std::cout << fmt::format("concurrency test: {} short-lived answers during {} imports\n",
                           2 * kAnswersEach, import_results.size());

  for (const CliResult& result : import_results) {
    INFO("import: " << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
  }
  for (const auto& results : answer_results) {
    for (const CliResult& result : results) {
      INFO("answer: " << result.out << result.err);
      CHECK(result.err.find("locked") == std::string::npos);
      CHECK(result.err.empty());
      CHECK(result.exit_code == 0);
    }
  }
  std::map<std::int64_t, Answer> all = sent[0];
  all.insert(sent[1].begin(), sent[1].end());
  std::vector<std::vector<std::int64_t>> orders(2);
  for (int index = 0; index < 2; ++index) {
    for (const auto& entry : sent[index])
      orders[static_cast<std::size_t>(index)].push_back(entry.first);
  }
  check_log(read_log(f.db), all, orders);
  const CliResult check = run_rehearse({"--db", f.db, "check"});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}
