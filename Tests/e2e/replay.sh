#!/usr/bin/env bash
# End-to-end test of `hfdash replay` under tmux: records a short tiny session with `hfdash train`,
# replays it, checks that REPLAY and the timeline strip show, drives every transport key
# (space, >, <, Right, Left, End, Home) and quits with q, back to a clean shell prompt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${HFDASH_BIN:-$root/.build/release/hfdash}"
# shellcheck source=lib.sh
source "$here/lib.sh"

e2e_prepare replay


fail() {
  echo "e2e replay: FAIL: $*" >&2
  echo "e2e replay: the pane:" >&2
  e2e_capture replay 2>/dev/null | sed 's/^/  | /' >&2 || true
  exit 1
}

# The iteration the header shows ("iteration 7/12").
shown_iteration() {
  e2e_capture replay | sed -n 's/.*iteration \([0-9][0-9]*\)\/12.*/\1/p' | head -n 1
}

# Waits until the header shows iteration $1.
wait_iteration() {
  e2e_wait_for replay "iteration $1/12" 5 || fail "expected iteration $1/12 in the header"
}

# A 12-iteration session; its times are stretched ×50 so the replay is still playing when the keys come.
recording="$work/run.hfrec.jsonl"
XDG_STATE_HOME="$work/state" "$bin" train --preset tiny --iterations 12 --threads 1 --record "$recording" >/dev/null
perl -i -pe 's/"t":([0-9.eE+-]+)/"\"t\":" . sprintf("%.3f", $1 * 50)/e' "$recording"
# A note after iteration 3, for a marker on the timeline.
perl -i -pe 'if (/"k":"iter",/ && /"iteration":3,/) { $_ .= "{\"iteration\":3,\"k\":\"note\",\"t\":8.0,\"text\":\"e2e note\"}\n" }' "$recording"

e2e_start replay 120 40 "XDG_STATE_HOME=$work/state $bin replay --speed 0.25 $recording"
e2e_wait_for replay 'REPLAY ▶' 10 || fail "no REPLAY badge"
e2e_wait_for replay '^timeline [0-9.a-z]+ ├' 5 || fail "no timeline strip"
e2e_wait_for replay 'n note  ! alarm  ◆ control  ✓ checkpoint' 5 || fail "no timeline legend"

e2e_keys replay Space
e2e_wait_for replay 'REPLAY PAUSED' 5 || fail "space did not pause"
e2e_keys replay '>'
e2e_wait_for replay 'iteration [0-9]+/12 · 0\.5×' 5 || fail "> did not double the speed"
e2e_keys replay '<'
e2e_wait_for replay 'iteration [0-9]+/12 · 0\.25×' 5 || fail "< did not halve the speed"

before="$(shown_iteration)"
[ -n "$before" ] || fail "no iteration in the header"
[ "$before" -lt 11 ] || fail "the replay ran too far ($before) before the keys came"
e2e_keys replay Right
wait_iteration $((before + 1))
e2e_keys replay Left
wait_iteration "$before"
e2e_keys replay End
wait_iteration 12
e2e_wait_for replay 'finished \(iterations\)' 5 || fail "End did not show the end of the session"
e2e_keys replay Home
wait_iteration 0
e2e_wait_for replay 'REPLAY PAUSED' 5 || fail "not paused at the start"

e2e_keys replay q
e2e_wait_for replay '^\$$' 5 || fail "q did not return to the shell prompt"
if [ -n "$(e2e_app_pid replay || true)" ]; then
  fail "hfdash is still running after q"
fi
if e2e_capture replay | grep -q 'REPLAY'; then
  fail "the dashboard is still on screen after q"
fi

# --compare: a second tiny recording (another seed) drawn as a ghost; o hides and shows it.
other="$work/other.hfrec.jsonl"
XDG_STATE_HOME="$work/state" "$bin" train --preset tiny --iterations 12 --threads 1 --seed 2 --record "$other" >/dev/null
e2e_stop replay
e2e_start replay 160 45 "XDG_STATE_HOME=$work/state $bin replay --speed max $recording --compare $other"
e2e_wait_for replay 'vs B: other\.hfrec\.jsonl' 10 || fail "--compare: the header does not name the compared recording"
e2e_wait_for replay 'iteration 12/12' 10 || fail "--compare: the replay did not reach its end"
e2e_wait_for replay '─ B ' 5 || fail "--compare: no legend entry for the compared run"
e2e_keys replay o
e2e_wait_for_absent replay 'vs B:' 5 || fail "o did not hide the compared run"
e2e_keys replay o
e2e_wait_for replay 'vs B: other' 5 || fail "o did not show the compared run again"
e2e_keys replay q
e2e_wait_for replay '^\$$' 5 || fail "q did not return to the shell prompt after --compare"
bad="$("$bin" replay "$recording" --compare "$work/missing.hfrec.jsonl" 2>&1 </dev/null || true)"
echo "$bad" | grep -q 'missing.hfrec.jsonl' || fail "--compare of a missing file: $bad"

# --demo: the shipped long run, found in $HFDASH_RUNS_DIR — here a gzip-compressed 5-iteration tiny
# recording (the committed fixture) under the demo's name. It plays at max, one iteration per frame
# (1000 ms frames for 5 iterations), with Martens' run drawn beside it.
mkdir -p "$work/runs"
cp "$root/Tests/HFSessionTests/Fixtures/gzip/sample-tiny.hfrec.jsonl.gz" "$work/runs/curves-300.hfrec.jsonl.gz"
e2e_stop replay
e2e_start replay 160 45 "HFDASH_RUNS_DIR=$work/runs XDG_STATE_HOME=$work/state $bin replay --demo"
e2e_wait_for replay 'vs paper: Martens 2010 HF on CURVES' 10 || fail "--demo: the header does not name Martens' run"
e2e_wait_for replay 'iteration [1-4]/5 · max' 10 || fail "--demo: not playing at max"
e2e_wait_for replay '─ paper ' 5 || fail "--demo: no legend entry for the paper's run"
e2e_wait_for replay 'iteration 5/5 · max' 10 || fail "--demo: the replay did not reach its end"
e2e_keys replay q
e2e_wait_for replay '^\$$' 5 || fail "q did not return to the shell prompt after --demo"
echo "e2e replay: ok"
