#!/usr/bin/env bash
# The on-demand Lanczos spectrum: pause a `tiny` run, press L, see the undamped curvature's Ritz
# values in the event log and its column in the Spectrum panel; `:lanczos 0` is refused; the
# recording of the session still verifies bit-identically (the run is not recorded and changes nothing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap e2e_stop_all EXIT
state="$(mktemp -d)"
out="$(mktemp -d)"
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; e2e_capture lz >&2 || true; exit 1; }

e2e_start lz 120 40 "XDG_STATE_HOME=$state $HFDASH_BIN run --preset tiny --seed 5"
e2e_wait_for lz 'HF [0-9]' 20 || die "no HF iterations arrived"
e2e_keys lz Space
e2e_wait_for lz 'PAUSED' 10 || die "space did not pause"
e2e_keys lz L
e2e_wait_for lz 'Lanczos k 60, undamped GN: θ [0-9.e-]+\?? … [0-9.e-]+\?? · κ [0-9.e]+\?? · [0-9]+/60 conv' 30 \
  || die "L gave no Lanczos result in the log"
e2e_capture lz > "$out/result.txt"
grep -Eq 'L(anczos)? κ [0-9]' "$out/result.txt" || die "the Spectrum panel's title has no Lanczos κ"
grep -q 'PAUSED' "$out/result.txt" || die "the Lanczos run resumed the session"
check "paused, L: the Lanczos result is in the log and the Spectrum panel"

e2e_keys lz ':'
e2e_tmux send-keys -t lz -l 'lanczos 0'
e2e_keys lz Enter
e2e_wait_for lz 'must be a whole number from 1 to 500 \(got 0\)' 5 || die ":lanczos 0 gave no message"
e2e_keys lz Escape
e2e_keys lz ':'
e2e_tmux send-keys -t lz -l 'lanczos 25'
e2e_keys lz Enter
e2e_wait_for lz 'Lanczos k 25, undamped GN' 30 || die ":lanczos 25 gave no result"
check ":lanczos 0 is refused in a sentence, :lanczos 25 runs 25 steps"

e2e_resize lz 80 24
sleep 1
for _ in 1 2 3 4 5 6 7; do e2e_keys lz Tab; done
e2e_wait_for lz 'L(anczos)? κ [0-9]' 5 || die "at 80×24 the focused Spectrum panel has no Lanczos κ"
check "at 80×24 the focused Spectrum panel shows the Lanczos κ"

e2e_keys lz Space
e2e_wait_for lz 'RUNNING' 10 || die "space did not resume"
sleep 1
e2e_keys lz q
e2e_wait_for lz 'Quit while training runs\?' 5 || die "q did not ask while training"
e2e_keys lz y
e2e_wait_for lz 'session recorded in' 30 || die "no recording line after quit"
rec="$(ls "$state"/hfdash/sessions/*.hfrec.jsonl)"
grep -qi 'lanczos' "$rec" && die "the recording holds the Lanczos run"
"$HFDASH_BIN" verify "$rec" > "$out/verify.txt" || die "verify failed: $(cat "$out/verify.txt")"
grep -Eq '^identical through iteration [0-9]+' "$out/verify.txt" || die "verify: $(cat "$out/verify.txt")"
check "the recording (two Lanczos runs while paused, then resumed and stopped) verifies: $(cat "$out/verify.txt")"
