#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Tests/Fuzz, with --sanitize=fuzzer and address) and runs each for
# SECONDS seconds from its seed corpus (Tests/Fuzz/corpus/NAME; new inputs go to Tests/Fuzz/out/NAME).
# Any crash, sanitizer report, leak, out-of-memory or input slower than TIMEOUT seconds fails the run;
# the input is kept under Tests/Fuzz/out/ as crash-*, oom-*, timeout-* or leak-*.
# Usage: Tests/Fuzz/run.sh [SECONDS] [HARNESS ...]
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=($(ls corpus))
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

mkdir -p out
# A harness that does not build fails the run (never a stale binary from an earlier build).
if ! swift build -c release --sanitize=fuzzer --sanitize=address >out/build.log 2>&1; then
  echo "fuzz: the harnesses do not build (Tests/Fuzz/out/build.log):"
  grep -E "error:" out/build.log | head -n 8
  exit 1
fi
grep -vE "asan_extra_spill_area" out/build.log | tail -n 1
bin=$(swift build -c release --sanitize=fuzzer --sanitize=address --show-bin-path)
status=0
for name in "${harnesses[@]}"; do
  mkdir -p "out/$name"
  log="out/$name.log"
  "$bin/$name" "out/$name" "corpus/$name" -max_total_time="$seconds" -timeout="$timeout_s" \
    -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" -print_final_stats=1 -artifact_prefix="out/" >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  if [ $rc -eq 0 ]; then
    printf 'fuzz %-14s ok: %s inputs in %s s\n' "$name" "${runs:-?}" "$seconds"
  else
    printf 'fuzz %-14s FAILED (exit %d); the input is in Tests/Fuzz/out/, the log in Tests/Fuzz/%s:\n' "$name" "$rc" "$log"
    grep -E 'ERROR|SUMMARY|Test unit written|Fatal error|panic' "$log" | head -n 8
    status=1
  fi
done
exit $status
