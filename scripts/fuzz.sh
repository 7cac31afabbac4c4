#!/usr/bin/env bash
# The fuzz smoke run (.ci/run): builds fuzz/parse_fuzzer with clang, libFuzzer, ASan and UBSan in
# build-fuzz, replays the seeds and the hostile corpus through it at full size, then fuzzes for a
# fixed number of inputs (about two minutes on two cores). Exits non-zero on any crash, sanitizer
# report, leak, timeout or memory blow-up; libFuzzer then leaves the input as
# fuzz/corpus-work/crash-* (or timeout-*, leak-*, oom-*). Installs nothing (scripts/install-deps.sh).
#
# Environment: FUZZ_RUNS (default 100000 inputs), FUZZ_MAX_SECONDS (guard, default 300),
# FUZZ_SEED (default 1: the same inputs each run, given the same corpus), FUZZ_BUILD_DIR.
# New corpus entries accumulate in fuzz/corpus-work/ (ignored by git); delete it to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
runs=${FUZZ_RUNS:-100000}
max_seconds=${FUZZ_MAX_SECONDS:-300}
seed=${FUZZ_SEED:-1}
work=fuzz/corpus-work

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWEFT_SANITIZE=ON -DWEFT_FUZZ=ON -DBUILD_TESTING=OFF -DWEFT_BENCH=OFF >/dev/null
cmake --build "$build_dir" --target parse_fuzzer
fuzzer="$build_dir/fuzz/parse_fuzzer"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$work" # logs go to $build_dir: libFuzzer reads every file in a corpus folder
common=(-timeout=10 -rss_limit_mb=4096 -artifact_prefix="$work/")

# 1. Every seed and hostile file once, unabridged (the fuzzing below cuts inputs to -max_len).
echo "fuzz: replaying $(ls fuzz/seeds/*.weft tests/hostile/*.weft | wc -l) files"
"$fuzzer" "${common[@]}" fuzz/seeds/*.weft tests/hostile/*.weft >"$build_dir/fuzz-replay.log" 2>&1 || {
  tail -n 60 "$build_dir/fuzz-replay.log"
  echo "fuzz: a seed or hostile file crashed the front end (log: $build_dir/fuzz-replay.log)" >&2
  exit 1
}

# 2. Fuzz. New inputs go to the first corpus folder only; the others are read.
echo "fuzz: $runs inputs (seed $seed, at most $max_seconds s)"
start=$SECONDS
status=0
"$fuzzer" "${common[@]}" -runs="$runs" -max_total_time="$max_seconds" -seed="$seed" \
  -max_len=8192 -dict=fuzz/weft.dict -print_final_stats=1 \
  "$work" fuzz/seeds tests/hostile >"$build_dir/fuzz.log" 2>&1 || status=$?
grep -E '^(Done|stat::)' "$build_dir/fuzz.log" || true
if [ "$status" -ne 0 ]; then
  tail -n 80 "$build_dir/fuzz.log"
  echo "fuzz: libFuzzer found a problem (exit $status); the input is in $work/" >&2
  exit "$status"
fi
echo "fuzz: no problem found in $((SECONDS - start)) s"
