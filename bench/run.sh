#!/usr/bin/env bash
# Whole-process benchmarks (make bench): builds rehearse and the bench tools in build-bench/,
# generates the default synthetic collection once (100,000 cards, 2,000,000 answers), then
# times the rehearse process with hyperfine and measures peak memory with /usr/bin/time.
# Prints a table of medians against the targets of docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build-bench}
DATA=${BENCH_DATA:-$BUILD/data}
NOW=2026-11-25T09:00
RUNS=${RUNS:-30}

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=""
for p in hyperfine time libbenchmark-dev python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing from Debian:$missing"
  sudo_if_needed apt-get update -q
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -q --no-install-recommends $missing
fi

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREHEARSE_BENCH=ON -DREHEARSE_TESTS=OFF >/dev/null
cmake --build "$BUILD"
R=$PWD/$BUILD/cli/rehearse
mkdir -p "$DATA"
# A collection made by an older generator (before sibling groups and limits) is made anew.
GENERATOR_VERSION=2
if [ "$(cat "$DATA/generator-version" 2>/dev/null)" != "$GENERATOR_VERSION" ]; then
  rm -f "$DATA/base.db" "$DATA/base.db-wal" "$DATA/base.db-shm"
fi
if [ ! -f "$DATA/base.db" ]; then
  echo "Generating the default collection (a few minutes, once)..."
  "$BUILD/bench/rehearse-generate" --db "$DATA/base.db" --deck-file "$DATA/import-100k.json" \
    --answers-file "$DATA/answers-10k.txt" | tee "$DATA/generate.txt"
  echo "$GENERATOR_VERSION" >"$DATA/generator-version"
fi

# median SECONDS of a hyperfine JSON export, in milliseconds
median_ms() { sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$1" | head -1 | awk '{ printf "%.1f", $1 * 1000 }'; }

time_command() {  # name, hyperfine arguments...
  local name=$1; shift
  hyperfine --style none --export-json "$DATA/$name.json" "$@" >/dev/null
  median_ms "$DATA/$name.json"
}

echo "Timing the rehearse process ($RUNS runs each)..."
next_ms=$(time_command next -N --warmup 5 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW next --json")
next_tag_ms=$(time_command next-tag -N --warmup 5 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW next --tag lp:frugality --json")
stats_ms=$(time_command stats -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW stats")
coverage_ms=$(time_command coverage -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW coverage")
decks_ms=$(time_command decks -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW decks")
# The statistics and study tools (issue 21's targets): each reads the sums of answer_days, not
# the whole log.
forecast_ms=$(time_command forecast -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW forecast")
heatmap_ms=$(time_command heatmap -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW heatmap")
report_ms=$(time_command report -N --warmup 3 --runs "$RUNS" "$R --db $DATA/base.db --now $NOW report $DATA/report.html")
search_ms=$(time_command search -N --warmup 3 --runs "$RUNS" \
  "$R --db $DATA/base.db --now $NOW cards --tag lp:frugality --search is:due")
# Each run starts from a fresh copy, flushed to disk first: the import's own syncs must not
# also wait for the copy's 277 MB of dirty pages.
fresh_copy() { echo "rm -f $DATA/$1-wal $DATA/$1-shm && cp $DATA/base.db $DATA/$1 && sync"; }
import_ms=$(time_command import --runs 5 --prepare "$(fresh_copy import.db)" \
  "$R --db $DATA/import.db import $DATA/import-100k.json")
# The same rows written by SQLite alone (bench/import_floor.cpp): a floor for the import.
floor_ms=$(for _ in 1 2 3 4 5; do
  sh -c "$(fresh_copy floor.db)"
  "$BUILD/bench/rehearse-import-floor" "$DATA/floor.db" "$DATA/import-100k.json" |
    sed -n 's/.*total \([0-9.]*\) s/\1/p'
done | sort -n | sed -n 3p | awk '{ printf "%.1f", $1 * 1000 }')
# A bank of 500 stories (bench/make_stories.py) imported into a fresh copy each run; then
# coverage over the collection and its 500 stories.
python3 bench/make_stories.py 500 "$DATA/stories-500"
story_import_ms=$(time_command story-import --runs 5 --prepare "$(fresh_copy stories.db)" \
  "$R --db $DATA/stories.db story import $DATA/stories-500")
coverage_stories_ms=$(time_command coverage-stories -N --warmup 3 --runs "$RUNS" \
  "$R --db $DATA/stories.db --now $NOW coverage")
batch_ms=$(time_command batch --runs 3 --prepare "$(fresh_copy batch.db)" \
  "$R --db $DATA/batch.db --now $NOW answer --batch < $DATA/answers-10k.txt")
rm -f "$DATA/report.html" "$DATA"/import.db* "$DATA"/batch.db* "$DATA"/stories.db* "$DATA"/floor.db* "$DATA"/base.db-wal "$DATA"/base.db-shm
rm -rf "$DATA/backups"

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null </dev/null | tail -1; }
next_kb=$(peak_kb "$R" --db "$DATA/base.db" --now $NOW next --json)
cp "$DATA/base.db" "$DATA/review.db"
review_kb=$( (for _ in $(seq 50); do printf '\n4\n'; done) |
  /usr/bin/time -f %M "$R" --db "$DATA/review.db" --now $NOW review 2>&1 >/dev/null | tail -1)
rm -f "$DATA"/review.db*

echo "Micro-benchmarks..."
REHEARSE_BENCH_DB=$DATA/base.db "$BUILD/bench/rehearse-micro" --benchmark_repetitions=1 \
  --benchmark_out="$DATA/micro.json" --benchmark_out_format=json | tee "$DATA/micro.txt"

# The median of answer_durable's repetitions, in milliseconds.
answer_ms=$(python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
median = [b for b in runs if b["name"] == "answer_durable/iterations:2000/repeats:5_median"]
print("%.2f" % (median[0]["real_time"] / 1000))' "$DATA/micro.json")

import_ratio=$(awk -v i="$import_ms" -v f="$floor_ms" 'BEGIN { printf "%.2f", i / f }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "MISSED" }'; }
cat <<TABLE

| measure | median | target | |
|---|---|---|---|
| \`next --json\`, whole process | ${next_ms} ms | <= 10 ms | $(verdict "$next_ms" 10) |
| \`next --tag lp:frugality --json\` | ${next_tag_ms} ms | <= 10 ms | $(verdict "$next_tag_ms" 10) |
| one durable answer, in-process (\`answer_durable\`) | ${answer_ms} ms | <= 1 ms | $(verdict "$answer_ms" 1) |
| \`stats\` | ${stats_ms} ms | <= 300 ms | $(verdict "$stats_ms" 300) |
| \`coverage\` | ${coverage_ms} ms | <= 300 ms | $(verdict "$coverage_ms" 300) |
| \`decks\` | ${decks_ms} ms | | |
| \`forecast\` | ${forecast_ms} ms | <= 300 ms | $(verdict "$forecast_ms" 300) |
| \`heatmap\` | ${heatmap_ms} ms | <= 300 ms | $(verdict "$heatmap_ms" 300) |
| \`report FILE.html\` | ${report_ms} ms | <= 300 ms | $(verdict "$report_ms" 300) |
| \`cards --tag lp:frugality --search is:due\` | ${search_ms} ms | <= 50 ms | $(verdict "$search_ms" 50) |
| \`story import\` of 500 stories | ${story_import_ms} ms | <= 500 ms | $(verdict "$story_import_ms" 500) |
| \`coverage\` with those 500 stories | ${coverage_stories_ms} ms | <= 300 ms | $(verdict "$coverage_stories_ms" 300) |
| import of a 100,000-card deck | ${import_ms} ms | | |
| the same rows written by SQLite alone (floor) | ${floor_ms} ms | | |
| the import against the floor | ${import_ratio}x | <= 1.3x | $(verdict "$import_ratio" 1.3) |
| 10,000 answers, \`answer --batch\` | ${batch_ms} ms | <= 10000 ms | $(verdict "$batch_ms" 10000) |
| peak memory, \`next --json\` | $((next_kb / 1024)) MB | <= 50 MB | $(verdict "$next_kb" 51200) |
| peak memory, \`review\` (50 answers) | $((review_kb / 1024)) MB | <= 50 MB | $(verdict "$review_kb" 51200) |
TABLE
grep -h "size:" "$DATA/generate.txt" || true
