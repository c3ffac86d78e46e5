#!/usr/bin/env bash
# The live dashboard as a user meets it: start on `tiny`, watch iterations arrive, change λ by key
# and by command, open the help, resize, quit; the terminal must come back clean.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap e2e_stop_all EXIT
state="$(mktemp -d)"
out="$(mktemp -d)"
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; e2e_capture dash >&2 || true; exit 1; }

e2e_start dash 120 40 "XDG_STATE_HOME=$state $HFDASH_BIN run --preset tiny --seed 3"
e2e_wait_for dash 'RUNNING' 20 || die "the dashboard did not start"
e2e_wait_for dash 'HF [0-9]{2,}' 20 || die "no HF iterations arrived"
e2e_capture dash > "$out/running.txt"
grep -q 'Objective' "$out/running.txt" || die "no objective chart"
grep -q 'Damping λ' "$out/running.txt" || die "no λ chart"
grep -q 'ρ' "$out/running.txt" || die "no ρ chart"
grep -q 'CG' "$out/running.txt" || die "no CG panel"
grep -q 'W1' "$out/running.txt" || die "no per-layer gradient bars"
grep -q 'Hyperparameters' "$out/running.txt" || die "no hyperparameter panel"
grep -q 'G+λI) · κ [0-9]' "$out/running.txt" || die "no curvature spectrum panel with κ"
grep -q 'hfrec.jsonl' "$out/running.txt" || die "no recording badge"
check "dashboard up with every panel and the recording badge"

e2e_keys dash Space
e2e_wait_for dash 'PAUSED' 10 || die "space did not pause"
check "space pauses"
e2e_keys dash ']'
e2e_keys dash s
e2e_wait_for dash 'λ [0-9.e-]+ → [0-9.e-]+ \(from iteration [0-9]+\)' 10 || die "] was not confirmed"
check "] multiplies λ and is confirmed with the iteration it holds from"

e2e_keys dash ':'
e2e_tmux send-keys -t dash -l 'lambda 0.5'
e2e_keys dash Enter
e2e_keys dash s
e2e_wait_for dash "λ [0-9.e-]+ → 0\\.5 \\(from iteration" 10 || die ":lambda 0.5 was not confirmed"
check ":lambda 0.5 sets λ and is confirmed"

e2e_keys dash ':'
e2e_tmux send-keys -t dash -l 'lamda 1'
e2e_keys dash Enter
e2e_wait_for dash "unknown setting 'lamda'" 5 || die "a bad setting name gave no message"
e2e_keys dash Escape
check "a misspelt setting gets a clear message"

e2e_keys dash '?'
e2e_wait_for dash 'Keys' 5 || die "? did not open the help"
e2e_wait_for dash 'pause / resume training' 5 || die "the help does not list the keys"
e2e_capture dash > "$out/help.txt"
e2e_keys dash Escape
check "? shows the help overlay"

e2e_resize dash 80 24
sleep 1
e2e_capture dash > "$out/small.txt"
[ "$(wc -l < "$out/small.txt")" -le 24 ] || die "more lines than the window"
grep -q 'Objective' "$out/small.txt" || die "the 80×24 layout lost the objective chart"
widest="$(LC_ALL=C.UTF-8 python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$out/small.txt")"
[ "$widest" -le 80 ] || die "a line is $widest columns wide at 80×24"
check "resized to 80×24: the layout adapts"
for _ in 1 2 3 4 5 6 7; do e2e_keys dash Tab; done
e2e_wait_for dash 'G\+λI\) · κ [0-9]' 5 || die "Tab did not bring the spectrum panel into the 80×24 layout"
e2e_keys dash BTab
e2e_wait_for dash '─ CG run ' 5 || die "Shift-Tab did not go back to the CG run"
check "at 80×24 Tab brings the curvature spectrum into the large slot"
e2e_resize dash 50 15
e2e_wait_for dash 'terminal too small' 5 || die "no too-small message at 50×15"
check "below the minimum size a one-line message replaces the screen"
e2e_resize dash 200 60
e2e_wait_for dash 'Events' 5 || die "200×60 layout"
check "resized to 200×60"

e2e_keys dash Space
e2e_wait_for dash 'RUNNING' 5 || die "space did not resume"
e2e_keys dash q
e2e_wait_for dash 'Quit while training runs\?' 5 || die "q did not ask while training"
e2e_keys dash y
e2e_wait_for dash 'session recorded in' 30 || die "no recording line after quit"
e2e_wait_for dash '^\$$' 10 || die "the shell prompt did not come back"
e2e_capture dash > "$out/after.txt"
grep -qi 'error\|fatal\|trap' "$out/after.txt" && die "stray error output after quit"
check "q asks, y quits; the prompt is back with no stray output"
# (After a resize, tmux ≥ 3.2 may show the alternate screen's last frame on the normal screen —
# tmux/tmux#3510; the bytes we send hold one smcup and one rmcup. The clean-screen check below
# runs without a resize.)

e2e_tmux send-keys -t dash -l "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo"
e2e_keys dash Enter
e2e_wait_for dash 'icanon' 5 || die "stty shows no canonical mode"
e2e_capture dash | grep -q -- '-icanon' && die "the terminal was left in raw mode"
e2e_capture dash | grep -q -- ' echo' || die "echo is off after quit"
check "stty: icanon and echo are back"

e2e_stop dash
e2e_start done 100 30 "$HFDASH_BIN run --preset tiny --iterations 3 --no-record"
e2e_wait_for done 'DONE' 20 || die "--iterations 3 did not end in DONE"
e2e_wait_for done 'r Restart|\+ Continue|Restart' 5 || die "DONE offers no restart/continue"
e2e_keys done q
e2e_wait_for done '^\$$' 10 || die "q when DONE did not quit at once"
e2e_capture done > "$out/clean.txt"
grep -q 'Objective\|RUNNING\|DONE\|⣀' "$out/clean.txt" && die "dashboard residue on the normal screen after quit"
[ "$(grep -c . "$out/clean.txt")" -le 2 ] || die "stray output after quit: $(cat "$out/clean.txt")"
check "DONE after --iterations; q quits at once and leaves a clean screen"

rec="$(ls "$state"/hfdash/sessions/*.hfrec.jsonl)"
grep '"k":"control"' "$rec" | grep -q '"op":"setLambda"' || die "the recording has no λ control"
grep -q '"source":"command :lambda 0.5 (viewer 1, ' "$rec" || die "the recording does not name the command and its viewer"
grep -q '"k":"end"' "$rec" || die "the recording has no end line"
check "the recording holds the controls and the end of the session"
