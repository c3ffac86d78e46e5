#!/usr/bin/env bash
# How long `hfdash train` takes to end after a signal that lands at the start of an HF
# iteration's gradient phase (the longest pass outside CG): the time from kill to exit,
# which includes writing the end line and the final checkpoint.
#
#   docs/probes/signal-latency.sh HFDASH PRESET ITERATION [SIGNAL] [ROUNDS]
#
# e.g. docs/probes/signal-latency.sh .build/release/hfdash curves 3 TERM 5
set -euo pipefail
bin="$(realpath "$1")"; preset="$2"; at="$3"; sig="${4:-TERM}"; rounds="${5:-5}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
  rec="$work/r$round.hfrec.jsonl"
  "$bin" train --preset "$preset" --iterations 1000 --max-cg 10000 --record "$rec" --checkpoint-every 1000 \
    >"$work/out" 2>&1 &
  pid=$!
  # Wait for iteration AT's start line: its gradient pass begins right after it.
  while [ "$( (grep -c '"k":"iter_start"' "$rec" 2>/dev/null || true) | head -n 1)" != "$at" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "train ended early"; cat "$work/out"; exit 1; }
    sleep 0.01
  done
  t0=$(date +%s.%N)
  kill -"$sig" "$pid"
  status=0; wait "$pid" || status=$?
  t1=$(date +%s.%N)
  reason="$(grep "\"k\":\"end\"" "$rec" | sed -n 's/.*"reason":"\([a-z]*\)".*/\1/p')"
  printf 'round %d: exit %d after %.2f s, end reason %s\n' "$round" "$status" "$(echo "$t1 - $t0" | bc -l)" "$reason"
done
