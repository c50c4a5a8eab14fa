#!/bin/sh
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for FUZZ_SECONDS
# (default 60) on a copy of its corpus, so that a run never grows the committed corpus.
# Exits non-zero if any target finds a crash, a hang, a leak, an out-of-memory or a sanitizer
# report; what it found is left in fuzz/out/ (git-ignored). See docs/fuzzing.md.
#
#   fuzz/run.sh                   every target, 60 s each
#   FUZZ_SECONDS=600 fuzz/run.sh  every target, 10 minutes each
#   fuzz/run.sh time csv          only the named targets (ALL_TARGETS below)
#
# Environment: FUZZ_SECONDS, FUZZ_WORK_DIR (where the corpus copies go; default a temporary
# directory removed at the end, set it to keep the grown corpora), CXX (default clang++-14,
# else clang++). On Debian 12, clang and libFuzzer are installed with apt-get when missing
# (as root, else with sudo); the other build dependencies come from `make deps`.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR="$ROOT/build-fuzz"
OUT_DIR="$ROOT/fuzz/out"
SECONDS_EACH=${FUZZ_SECONDS:-60}
ALL_TARGETS="deck_file time csv anki_template markdown_deck anki_package study_plan story_markdown search card_template"
TARGETS=${*:-$ALL_TARGETS}

# The longest input libFuzzer makes for each target. Deck files: 64 KiB, enough for the deep
# nesting that overflowed the stack (docs/fuzzing.md) and for decks of a few dozen cards;
# --now values: the longest valid one has 19 characters; story files: 16 KiB, several times a
# two-minute story.
max_len() {
  case "$1" in
    deck_file) echo 65536 ;;
    time) echo 32 ;;
    csv) echo 4096 ;;
    anki_template) echo 4096 ;;
    markdown_deck) echo 8192 ;;
    anki_package) echo 16384 ;;
    study_plan) echo 16384 ;;
    story_markdown) echo 16384 ;;
    search) echo 256 ;;
    card_template) echo 4096 ;;
    *) echo "fuzz/run.sh: unknown target '$1' (expected one of: $ALL_TARGETS)" >&2; exit 2 ;;
  esac
}
for target in $TARGETS; do max_len "$target" >/dev/null; done

# ---- clang and libFuzzer -----------------------------------------------------------------------
FUZZ_PACKAGES="clang-14 libclang-rt-14-dev llvm-14"  # llvm-14: llvm-symbolizer, for stack traces
missing=""
for p in $FUZZ_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing from Debian:$missing"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

if [ -z "${CXX:-}" ]; then
  if command -v clang++-14 >/dev/null 2>&1; then CXX=clang++-14; else CXX=clang++; fi
fi
CC=${CC:-$(echo "$CXX" | sed 's/clang++/clang/')}
export CC CXX
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi

# ---- Build -------------------------------------------------------------------------------------
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$CXX" -DREHEARSE_FUZZ=ON
cmake --build "$BUILD_DIR" --target $(for t in $TARGETS; do printf '%s_fuzz ' "$t"; done)

# ---- Run ---------------------------------------------------------------------------------------
if [ -n "${FUZZ_WORK_DIR:-}" ]; then
  WORK=$FUZZ_WORK_DIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-fuzz.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$OUT_DIR"

# Sanitizer reports end the run at once, with a stack trace; leaks are reported as they are
# found (libFuzzer checks each input that allocated more than it freed).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=""
for target in $TARGETS; do
  corpus="$WORK/$target"
  log="$OUT_DIR/$target.log"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  cp -R "$ROOT/fuzz/corpus/$target/." "$corpus/"
  dict=""
  [ -f "$ROOT/fuzz/$target.dict" ] && dict="-dict=$ROOT/fuzz/$target.dict"
  echo "==> ${target}_fuzz: ${SECONDS_EACH} s on a copy of fuzz/corpus/$target" \
    "($(ls "$corpus" | wc -l) inputs), log in fuzz/out/$target.log"
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: past 2 GiB is out of memory.
  status=0
  "$BUILD_DIR/fuzz/${target}_fuzz" "$corpus" $dict \
    -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$target")" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT_DIR/$target-" >"$log" 2>&1 || status=$?
  if [ "$status" = 0 ]; then
    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^Done |^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
    echo "==> ${target}_fuzz: nothing found; the corpus copy grew to $(ls "$corpus" | wc -l) inputs"
  else
    tail -n 80 "$log"
    echo "==> ${target}_fuzz FOUND A PROBLEM (exit $status): see fuzz/out/$target.log;" \
      "the input is fuzz/out/$target-*" >&2
    failed="$failed $target"
  fi
done

if [ -n "$failed" ]; then
  # What was found, last, where a log cut to its end still shows it: the lines naming the
  # problem and each input (base64, when under 4 KiB: `base64 -d` gives the file back).
  for target in $failed; do
    echo "==> $target: $(grep -m 3 -E '^==[0-9]+==|^SUMMARY:|ERROR: libFuzzer|^MS: ' \
      "$OUT_DIR/$target.log" | tr '\n' ' ')" >&2
    for input in "$OUT_DIR/$target"-*; do
      [ -f "$input" ] || continue
      size=$(wc -c <"$input")
      if [ "$size" -lt 4096 ]; then
        echo "==> $input ($size bytes, base64): $(base64 -w 0 "$input")" >&2
      else
        echo "==> $input ($size bytes)" >&2
      fi
    done
  done
  echo "fuzz/run.sh: problems found by:$failed" >&2
  exit 1
fi
echo "fuzz/run.sh: every target ran ${SECONDS_EACH} s without a finding"
