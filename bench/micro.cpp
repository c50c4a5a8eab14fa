// Google Benchmark micro-benchmarks of the scheduler and the store. The store benchmarks run on
// the collection named by REHEARSE_BENCH_DB (made by rehearse-generate); answering works on a
// copy of it. See docs/performance.md for the targets and bench/run.sh for the whole run.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "answer/answer.hpp"
#include "model/principle.hpp"
#include "scheduler/sm2.hpp"
#include "session/queue.hpp"
#include "stats/coverage.hpp"
#include "stats/statistics.hpp"

namespace rehearse::bench {
namespace {

const Day kToday = parse_local_date_time("2026-11-25").day;

std::string bench_db() {
  const char* path = std::getenv("REHEARSE_BENCH_DB");
  return path ? path : "";
}

// The store benchmarks share one open collection, as one rehearse process would.
Collection& collection() {
  static Collection opened = Collection::open(bench_db());
  return opened;
}

void sm2_answer(benchmark::State& state) {
  std::mt19937 random(1);
  std::vector<Grade> grades;
  for (int i = 0; i < 4096; ++i)
    grades.push_back(Grade::from_int(static_cast<int>(random() % 6)));
  CardState card = sm2::new_card();
  Day today = kToday;
  std::size_t i = 0;
  for (auto _ : state) {
    const sm2::Outcome outcome = sm2::answer(card, grades[i++ & 4095], today);
    card = outcome.state.interval_days > 3650 ? sm2::new_card() : outcome.state;
    today = *card.due;
    benchmark::DoNotOptimize(card);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(sm2_answer);

void next_card_any(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(next_card(collection(), {}, kToday));
}
BENCHMARK(next_card_any)->Unit(benchmark::kMicrosecond);

void next_card_in_deck(benchmark::State& state) {
  const CardFilter filter{.deck = "synthetic-007", .tag = {}, .search = {}};
  for (auto _ : state)
    benchmark::DoNotOptimize(next_card(collection(), filter, kToday));
}
BENCHMARK(next_card_in_deck)->Unit(benchmark::kMicrosecond);

void next_card_by_tag(benchmark::State& state) {
  const CardFilter filter{.deck = {}, .tag = "lp:frugality", .search = {}};
  for (auto _ : state)
    benchmark::DoNotOptimize(next_card(collection(), filter, kToday));
}
BENCHMARK(next_card_by_tag)->Unit(benchmark::kMicrosecond);

// One durable answer: the card update and its log row committed (WAL, synchronous=FULL, as
// `answer` and `review` commit), on a copy of the collection with its limits and siblings.
void answer_durable(benchmark::State& state) {
  const std::filesystem::path copy = bench_db() + ".answer-bench";
  std::filesystem::remove(copy);
  collection().backup_to(copy);
  Collection target = Collection::open(copy);
  std::vector<std::string> ids;
  for (const Card& card : target.cards({.deck = "synthetic-003", .tag = {}, .search = {}}))
    ids.push_back(card.content.id);
  std::size_t i = 0;
  const Moment now{std::chrono::sys_time<std::chrono::milliseconds>(kToday.time_since_epoch()),
                   kToday};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        answer_card(target, ids[i++ % ids.size()], Grade::from_int(4), now, {}));
  }
  std::filesystem::remove(copy);
  std::filesystem::remove(copy.string() + "-wal");
  std::filesystem::remove(copy.string() + "-shm");
}
BENCHMARK(answer_durable)->Unit(benchmark::kMicrosecond)->Iterations(2000)->Repetitions(5);

void stats(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(collection().stats(kToday));
}
BENCHMARK(stats)->Unit(benchmark::kMillisecond);

// `stats`: every card and the answers added up by deck and day, every deck and the collection
// (stats/statistics.hpp).
void statistics_all(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(statistics(collection(), "", kToday));
}
BENCHMARK(statistics_all)->Unit(benchmark::kMillisecond);

void coverage(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(principle_coverage(collection(), kToday));
}
BENCHMARK(coverage)->Unit(benchmark::kMillisecond);

void deck_counts(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(collection().deck_counts(kToday));
}
BENCHMARK(deck_counts)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rehearse::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (rehearse::bench::bench_db().empty()) {
    std::fprintf(stderr, "set REHEARSE_BENCH_DB to a collection made by rehearse-generate\n");
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
