#!/usr/bin/env bash
# End-to-end test of a race in the dashboard under tmux: `hfdash run --preset tiny --race
# sgd,adam,lbfgs` shows the race chart, the racers table and HF's layer gradients beside the
# focused racer's; f, x and e change focus, axis and metric; z pauses Adam and X drops it (both
# confirmed on screen and recorded); q quits to a clean prompt; the recording replays as a race.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${HFDASH_BIN:-$root/.build/release/hfdash}"
# shellcheck source=lib.sh
source "$here/lib.sh"

e2e_prepare race


session=race
fail() {
  echo "e2e race: FAIL: $*" >&2
  echo "e2e race: the pane:" >&2
  e2e_capture "$session" 2>/dev/null | sed 's/^/  | /' >&2 || true
  exit 1
}

rec="$work/race.hfrec.jsonl"
e2e_start race 120 40 "$bin run --preset tiny --race sgd,adam,lbfgs --iterations 100000 --record $rec"
e2e_wait_for race 'Racers' 20 || fail "no racers table"
for name in 'HF' 'SGD-N' 'Adam' 'L-BFGS'; do
  e2e_wait_for race "[●▲■★] $name" 10 || fail "no row for $name"
done
e2e_wait_for race 'Race( objective)? · passes|Race: objective by passes' 5 || fail "the race chart is not titled objective by passes"
e2e_wait_for race 'HF \| SGD-N' 5 || fail "the layer panel does not put SGD-N beside HF"

# f focuses the next racer: Adam's gradients go beside HF's.
e2e_keys race f
e2e_wait_for race 'HF \| Adam' 5 || fail "f did not focus Adam"
# x: the chart's x axis becomes seconds, then iterations.
e2e_keys race x
e2e_wait_for race 'objective · seconds' 5 || fail "x did not switch the axis to seconds"
e2e_keys race x
e2e_wait_for race 'objective · iterations' 5 || fail "x did not switch the axis to iterations"
# e: the chart plots the training error.
e2e_keys race e
e2e_wait_for race 'Race error · iterations' 5 || fail "e did not switch the chart to the training error"
# Pause, so that the confirmations stay on the status line (a tiny race scrolls the log fast).
e2e_keys race Space
e2e_wait_for race 'PAUSED' 10 || fail "space did not pause"
# z pauses the focused racer (Adam); the session confirms it at once while paused.
e2e_keys race z
e2e_wait_for race 'Adam paused \(from HF iteration' 10 || fail "z did not pause Adam"
e2e_wait_for race '■ Adam ‖' 5 || fail "the racers table does not show Adam paused"
e2e_keys race z
e2e_wait_for race 'Adam racing \(from HF iteration' 10 || fail "z did not resume Adam"
# X drops Adam for good; the focus moves on to the next racer still in the race.
e2e_keys race X
e2e_wait_for race 'Adam dropped \(from HF iteration' 10 || fail "X did not drop Adam"
e2e_wait_for race '■ Adam ✕' 5 || fail "the racers table does not show Adam dropped"
e2e_wait_for race 'HF \| L-BFGS|HF \| SGD-N' 5 || fail "the layer panel still shows a dropped racer"
e2e_keys race Space
e2e_wait_for race 'RUNNING' 10 || fail "space did not resume"

# Resize to 80×24: the compact race layout, nothing wider than the screen.
e2e_resize race 80 24
e2e_wait_for race 'Race error · iterations' 10 || fail "no race chart at 80×24"
sleep 0.5
e2e_capture race > "$work/small.txt"
widest="$(LC_ALL=C.UTF-8 python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$work/small.txt")"
[ "$widest" -le 80 ] || fail "a line is $widest columns wide at 80×24"
grep -q 'Racers' "$work/small.txt" || fail "no racers table at 80×24"

e2e_keys race q
e2e_wait_for race 'Quit while training runs\?' 5 || fail "q did not ask before quitting"
e2e_keys race y
e2e_wait_for race '^\$ *$' 10 || fail "no shell prompt after quitting"

# The recording holds every racer's iterations and the two racer controls.
for kind in sgd adam lbfgs; do
  grep -q "\"racer\":\"$kind\"" "$rec" || fail "the recording has no $kind lines"
done
grep -q '"op":"setRacerPaused"' "$rec" || fail "the hold is not recorded"
grep -q '"op":"dropRacer"' "$rec" || fail "the drop is not recorded"

# It replays as a race.
session=replay
e2e_start replay 120 40 "$bin replay $rec --speed max"
e2e_wait_for replay 'REPLAY' 10 || fail "replay did not start"
e2e_wait_for replay 'Racers' 10 || fail "the replay does not show the racers table"
e2e_wait_for replay '■ Adam' 10 || fail "the replay has no Adam row"
e2e_keys replay q
e2e_wait_for replay '^\$ *$' 10 || fail "no shell prompt after quitting the replay"
echo "e2e race: ok"
