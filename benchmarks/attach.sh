#!/usr/bin/env bash
# Measures what docs/ATTACH.md reports: the engine's iteration time with 0, 1 and 3 dashboards
# attached, and the attach latency (command to a full dashboard) on a 100-iteration session.
# Usage: benchmarks/attach.sh [PRESET [WINDOW_S]]   (default tiny, 20 s per window)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${HFDASH_BIN:-$root/.build/release/hfdash}"
preset="${1:-tiny}"
window="${2:-20}"
source "$root/Tests/e2e/lib.sh"
e2e_prepare bench-attach
env="XDG_RUNTIME_DIR=$work/rt XDG_STATE_HOME=$work/state"
h() { env XDG_RUNTIME_DIR="$work/rt" XDG_STATE_HOME="$work/state" "$bin" "$@"; }
echo "commit $(git -C "$root" rev-parse --short HEAD), $(uptime | sed 's/.*load/load/')"

# Iteration time with 0, 1, 3 dashboards (120x40, 100 ms frames), 0 again to see the drift.
out="$(h train --preset "$preset" --iterations 1000000 --checkpoint-every 0 --detach)"
id="$(echo "$out" | sed -n 's/^hfdash: session \([^ ]*\) is running.*/\1/p')"
rec="$(echo "$out" | sed -n 's/^  recording: *//p')"
trap 'h stop "$id" >/dev/null 2>&1 || true; e2e_stop_all; rm -rf "$work"' EXIT
mark() { grep -c '"k":"iter"' "$rec"; }
measure() {
  local a b
  a="$(mark)"; sleep "$window"; b="$(mark)"
  grep '"k":"iter"' "$rec" | sed -n "$((a + 1)),${b}p" | sed -n 's/.*"total":\([0-9.e-]*\).*/\1/p' |
    awk -v label="$1" '{ s += $1; q += $1 * $1; n++ } END { m = s / n; printf "%-10s %6d iterations  mean %.2f ms  sd %.2f ms\n", label, n, 1000 * m, 1000 * sqrt(q / n - m * m) }'
}
sleep 5
measure "0 viewers"
e2e_start v1 120 40 "$env $bin attach $id"
sleep 3
measure "1 viewer"
e2e_start v2 120 40 "$env $bin attach $id"
e2e_start v3 120 40 "$env $bin attach $id"
sleep 3
measure "3 viewers"
for v in v1 v2 v3; do e2e_keys "$v" d; done
sleep 3
measure "0 viewers"
h stop "$id" >/dev/null

# Attach latency: a `run --detach --iterations 100` session, DONE at 100; from typing the command
# to the dashboard showing HF 100 and DONE (tmux polled every 10 ms).
for k in 1 2 3; do
  out="$(h run --preset "$preset" --iterations 100 --detach)"
  id="$(echo "$out" | sed -n 's/^hfdash: session \([^ ]*\) is running.*/\1/p')"
  until h sessions 2>/dev/null | grep -q "^$id  *DONE"; do sleep 0.2; done
  e2e_start lat 120 40 "clear"
  sleep 0.3
  start="$(date +%s%N)"
  e2e_tmux send-keys -t lat "$env $bin attach $id" Enter
  until e2e_capture lat | head -n 1 | grep -q 'HF 100 .*DONE'; do sleep 0.01; done
  echo "attach latency (100 iterations, DONE): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  e2e_keys lat q
  e2e_stop lat
done
