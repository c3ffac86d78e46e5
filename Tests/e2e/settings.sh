#!/usr/bin/env bash
# Settings as a new user meets them (issue 12): a max CG below min CG shows the engine's min CG on
# the Hyperparameters panel; on a recurrent net, Hessian curvature and the preconditioner are
# refused in one sentence from the key, the `:` prompt and the command line alike.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap e2e_stop_all EXIT
out="$(mktemp -d)"
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; e2e_capture "${current:-ff}" >&2 || true; exit 1; }
command_line() {  # types `:$2` into session $1 and submits it
  e2e_keys "$1" ':'
  e2e_tmux send-keys -t "$1" -l "$2"
  e2e_keys "$1" Enter
}

current=ff
e2e_start ff 120 40 "$HFDASH_BIN run --preset tiny --no-record"
e2e_wait_for ff 'RUNNING' 20 || die "the dashboard did not start"
e2e_keys ff Space
e2e_wait_for ff 'PAUSED' 10 || die "space did not pause"
command_line ff 'mincg 10'
command_line ff 'maxcg 5'
e2e_keys ff s  # paused mid-iteration: settings are taken at the next boundary, so step to it
e2e_wait_for ff 'max CG 50 → 5 \(min CG lowered to 5\) \(from iteration' 10 || die ":maxcg 5 was not confirmed with min CG lowered"
e2e_wait_for ff 'min CG 1 → 10' 5 || die ":mincg 10 was not confirmed"
e2e_wait_for ff 'max CG +5 +min 5' 5 || die "the Hyperparameters panel does not show the engine's min CG"
check "max CG below min CG: confirmed as lowering min CG, and the panel shows min 5"
e2e_keys ff m
e2e_wait_for ff 'Feed-forward networks have no hidden-state dynamics, so structural damping μ does not apply\.' 5 \
  || die "m on a feed-forward net was not refused in the capability sentence"
check "m on a feed-forward net: refused in one sentence"
e2e_stop ff

current=rnn
e2e_start rnn 120 40 "$HFDASH_BIN run --preset memorization-5 --hidden 8 --no-record"
e2e_wait_for rnn 'RUNNING' 30 || die "the recurrent dashboard did not start"
e2e_keys rnn Space
e2e_wait_for rnn 'PAUSED' 10 || die "space did not pause"
sentence='Recurrent networks support only the GN curvature, not Hessian\.'
e2e_keys rnn g
e2e_wait_for rnn "$sentence" 5 || die "g on a recurrent net was not refused"
check "g on a recurrent net: refused"
command_line rnn 'curvature hessian'
e2e_wait_for rnn "$sentence" 5 || die ":curvature hessian on a recurrent net was not refused"
check ":curvature hessian on a recurrent net: refused in the same sentence"
e2e_keys rnn Escape
e2e_keys rnn p
e2e_wait_for rnn 'Recurrent networks have no per-case squared gradients, so the diagonal preconditioner is not available\.' 5 \
  || die "p on a recurrent net was not refused"
check "p on a recurrent net: refused"
e2e_capture rnn > "$out/rnn.txt"
grep -Eq 'curvature +GN' "$out/rnn.txt" || die "the panel no longer shows GN"
e2e_stop rnn

if "$HFDASH_BIN" train --preset memorization-5 --curvature hessian > "$out/cli.out" 2> "$out/cli.err"; then
  die "train accepted --curvature hessian on a recurrent preset"
fi
grep -q "^hfdash: Recurrent networks support only the GN curvature, not Hessian\." "$out/cli.err" \
  || die "the command line's sentence differs: $(cat "$out/cli.err")"
[ "$(wc -l < "$out/cli.err")" -eq 1 ] || die "more than one line on stderr"
check "--curvature hessian on a recurrent preset: the same sentence, one line, non-zero exit"
if "$HFDASH_BIN" train --preset tiny --lambda -1 > "$out/neg.out" 2> "$out/neg.err"; then die "--lambda -1 was accepted"; fi
grep -q -- "--lambda must be ≥ 0 (got -1)\." "$out/neg.err" || die "--lambda -1: $(cat "$out/neg.err")"
check "--lambda -1: a proper message"
