#!/usr/bin/env bash
# Hostile input and signals (issue 13): every fault below gives one sentence on stderr (or a
# contained, reported non-finite iteration) and its documented exit status, never a trap; SIGINT,
# SIGTERM and SIGHUP during a long CG end the run with an `end` line (reason signal, the signal's
# name), a final checkpoint, exit status 130/143/129 and a sane terminal, and a resume from that
# checkpoint continues bit-identically (`hfdash verify`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
trap e2e_stop_all EXIT
dir="$(mktemp -d)"
export XDG_STATE_HOME="$dir/state"
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; exit 1; }
cd "$dir"

# expect LABEL STATUS REGEX CMD...: runs hfdash (60 s cap) and wants exit STATUS, at most one
# line on stderr, and REGEX in stderr+stdout.
expect() {
  local label="$1" want="$2" regex="$3" rc=0
  shift 3
  timeout -s KILL 60 "$HFDASH_BIN" "$@" > out.txt 2> err.txt || rc=$?
  [ "$rc" -eq "$want" ] || die "$label: exit status $rc, expected $want: $(head -c 600 err.txt)"
  [ "$(wc -l < err.txt)" -le 1 ] || die "$label: more than one line on stderr: $(head -c 600 err.txt)"
  cat err.txt out.txt | grep -Eq -- "$regex" || die "$label: no /$regex/ in: $(tail -c 600 err.txt) $(tail -n 2 out.txt)"
  check "$label → $want: $(if [ -s err.txt ]; then cut -c1-110 err.txt; else tail -n 1 out.txt | sed 's/  */ /g' | cut -c1-110; fi)"
}

tiny=(train --preset tiny --iterations 1 --no-record --threads 1)
nonfinite='non-finite|rejected'
# Numbers that overflow inside the engine: contained, the iteration rejected and reported.
expect "--lambda 1e300" 0 "$nonfinite|rose above" "${tiny[@]}" --lambda 1e300
expect "--weight-cost 1e300" 0 "$nonfinite" "${tiny[@]}" --weight-cost 1e300
expect "--mu 1e300 on addition" 0 "no success|$nonfinite" train --preset addition --iterations 1 --no-record --threads 1 --mu 1e300
python3 - <<'PY'
import random
random.seed(1)
rows = lambda f: '\n'.join(','.join('%.3e' % f() for _ in range(6)) for _ in range(60)) + '\n'
open('near-max.csv', 'w').write(rows(lambda: 3e38 * random.uniform(0.5, 1)))
open('huge.csv', 'w').write(rows(lambda: 10 ** random.uniform(20, 38)))
PY
expect "CSV values near 3e38" 0 "overflow single precision" "${tiny[@]}" --data csv:near-max.csv
grep -q "non-finite" out.txt || die "the overflowing CSV's iteration is not reported non-finite"
expect "CSV values 1e20…1e38" 0 "overflow single precision" "${tiny[@]}" --data csv:huge.csv

# Numbers from the command line: usage errors (status 2) naming the flag and its range.
expect "--max-cg 1e15" 2 "max-cg must be from 1 to 10000" "${tiny[@]}" --max-cg 1000000000000000
expect "--threads 2^63-1" 2 "threads must be from 1 to 1024" "${tiny[@]}" --threads 9223372036854775807
expect "--lbfgs-history 1e12" 2 "lbfgs-history must be from 1 to 1000" train --preset tiny --optimizer lbfgs --iterations 1 --no-record --lbfgs-history 1000000000000
expect "--max-cg -5" 2 "max-cg must be from 1 to 10000 \(got -5\)" "${tiny[@]}" --max-cg -5
expect "--lambda -1" 2 "lambda must be ≥ 0 \(got -1\)" "${tiny[@]}" --lambda -1
expect "--iterations -2" 2 "iterations must be at least 1 \(got -2\)" train --preset tiny --iterations -2 --no-record
# Memory computed before allocating.
expect "--seq-len 5000 --hidden 10000" 1 "needs [0-9.]+ GiB of memory.*this machine has" train --preset addition --iterations 1 --no-record --seq-len 5000 --hidden 10000

# Data files that are not regular files.
mkfifo fifo.csv
ln -s /dev/zero zero-link.csv
expect "a FIFO as data" 1 "fifo.csv is a FIFO, not a regular file" "${tiny[@]}" --data csv:fifo.csv
expect "/dev/zero as data" 1 "/dev/zero is a character device, not a regular file" "${tiny[@]}" --data csv:/dev/zero
expect "a symlink to /dev/zero as data" 1 "zero-link.csv is a character device" "${tiny[@]}" --data csv:zero-link.csv

# Damaged recordings and checkpoints (a base recording, then one fault per copy).
"$HFDASH_BIN" train --preset tiny --iterations 3 --threads 1 --checkpoint-every 1 --record base.hfrec.jsonl > /dev/null
cat > mutate.py <<'PY'
import sys, json, shutil, hashlib, os, struct
kind, src, dst = sys.argv[1:4]
sd, dd = src[:-len('.hfrec.jsonl')] + '.checkpoints', dst[:-len('.hfrec.jsonl')] + '.checkpoints'
shutil.copytree(sd, dd, symlinks=True)
lines = open(src).read().split('\n')
last = os.path.join(dd, sorted(os.listdir(dd))[-1])
state = json.load(open(os.path.join(last, 'state.json')))
def npy(shape, data):
    d = ("{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % shape).encode()
    d += b' ' * ((64 - (10 + len(d) + 1) % 64) % 64) + b'\n'
    return b'\x93NUMPY\x01\x00' + bytes([len(d) & 255, len(d) >> 8]) + d + data
W1 = next(t for t in state['tensors'] if t['name'] == 'W1')
def put(t, b):
    open(os.path.join(last, t['file']), 'wb').write(b)
    t['sha256'] = hashlib.sha256(b).hexdigest()
if kind == 'connections':
    h = json.loads(lines[0]); h['initializer']['sparse']['connections'] = -1; lines[0] = json.dumps(h)
elif kind == 'header-max-cg':
    h = json.loads(lines[0]); h['config']['cg']['max_iterations'] = 10**15; lines[0] = json.dumps(h)
elif kind == 'state-max-cg':
    state['config']['cg']['max_iterations'] = 10**15
elif kind == 'iteration':
    state['iteration'] = 2**63 - 1
elif kind == 'npy-shape':
    put(W1, npy('(4294967296, 4294967296)', b'\0' * 16))
elif kind == 'npy-dev-zero':
    p = os.path.join(last, W1['file']); os.remove(p); os.symlink('/dev/zero', p)
elif kind == 'nan-weights':
    for t in state['tensors']:
        if t['name'].startswith('W'):
            put(t, npy('(%d, %d)' % tuple(t['shape']), struct.pack('<f', float('nan')) * (t['shape'][0] * t['shape'][1])))
json.dump(state, open(os.path.join(last, 'state.json'), 'w'), indent=2)
open(dst, 'w').write('\n'.join(lines))
PY
for kind in connections header-max-cg state-max-cg iteration npy-shape npy-dev-zero nan-weights; do
  python3 mutate.py "$kind" base.hfrec.jsonl "$kind.hfrec.jsonl"
done
expect "header connections -1: verify" 2 "connections per unit must be from 1 to 1000000 \(got -1\)" verify connections.hfrec.jsonl
expect "header connections -1: resume" 1 "connections per unit must be from 1 to 1000000 \(got -1\)" train --resume connections.hfrec.jsonl --iterations 1
expect "header max CG 1e15: verify" 2 "CG iteration cap must be between 1 and 10000" verify header-max-cg.hfrec.jsonl
expect "header max CG 1e15: resume" 1 "CG iteration cap must be between 1 and 10000" train --resume header-max-cg.hfrec.jsonl --iterations 1
# A checkpoint's settings are not used (the header's are): no hang.
expect "checkpoint max CG 1e15: resume" 0 "conv" train --resume state-max-cg.hfrec.jsonl --iterations 1
expect "checkpoint iteration 2^63-1: resume" 1 "iteration 9223372036854775807 is outside 0 … 1000000000" train --resume iteration.hfrec.jsonl --iterations 1
expect "checkpoint .npy shape 2^32×2^32: resume" 1 "W1.npy has a shape \(4294967296, 4294967296\) larger than its 16 data bytes" train --resume npy-shape.hfrec.jsonl --iterations 1
expect "checkpoint tensor → /dev/zero: resume" 1 "W1.npy is not a regular file" train --resume npy-dev-zero.hfrec.jsonl --iterations 1
expect "checkpoint of NaN weights: resume" 0 "non-finite: the objective was NaN" train --resume nan-weights.hfrec.jsonl --iterations 1

# Signals during a long CG (tiny, CG cap 10000 and at least 4000 steps per iteration, about 2 s, so a
# signal sent once step 100 of iteration 2 is recorded lands in that CG even on a loaded machine): the end line
# names the signal, the final checkpoint is written, the status is 128 + signal, the terminal is
# sane, and a resume verifies identical.
long=(--preset tiny --seed 5 --threads 1 --max-cg 10000 --min-cg 4000 --checkpoint-every 1)
# wait_cg FILE: until iteration 1 is recorded and iteration 2's CG has passed step 100.
wait_cg() {
  for _ in $(seq 1 600); do
    grep -q '"hf_iteration":2,"i":1[0-9][0-9],' "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  die "no long CG in iteration 2 of $1"
}
# after_signal FILE NAME: the end line, the checkpoint after iteration 1, resume, verify.
after_signal() {
  local file="$1" name="$2"
  grep -q "\"k\":\"end\",\"message\":\"Ended by $name after iteration 1; iteration 2 was abandoned at CG step [0-9]*, θ unchanged.\",\"reason\":\"signal\"" "$file" \
    || die "$name: no end line with reason signal: $(tail -n 1 "$file")"
  [ -f "${file%.hfrec.jsonl}.checkpoints/iter-000001/state.json" ] || die "$name: no checkpoint after iteration 1"
  "$HFDASH_BIN" train --resume "$file" --iterations 1 > resume.out 2> resume.err || die "$name: resume failed: $(cat resume.err)"
  "$HFDASH_BIN" verify "$file" > verify.out 2>&1 || die "$name: verify failed: $(cat verify.out)"
  grep -q "identical through iteration 2" verify.out || die "$name: verify: $(cat verify.out)"
  check "$name: end line (reason signal), checkpoint, resume → verify: $(head -n 1 verify.out)"
}
# stty_sane NAME: the pane's shell still has a cooked, echoing terminal.
stty_sane() {
  e2e_tmux send-keys -t "$1" -l -- 'stty -a | grep -oE "(-)?icanon|(-)?echo " | tr "\n" " "; echo' || true
  e2e_tmux send-keys -t "$1" Enter
  e2e_wait_for "$1" '^icanon echo ?$' 5 || die "the terminal is not sane after the signal"
}

for sig in INT TERM HUP; do
  case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
  file="$dir/sig-$sig.hfrec.jsonl"
  e2e_start "t$sig" 120 20 "XDG_STATE_HOME=$XDG_STATE_HOME $HFDASH_BIN train ${long[*]} --iterations 4 --record $file; echo status=\$?"
  wait_cg "$file"
  pid="$(pgrep -f -- "--record $file" | head -n 1)"
  [ -n "$pid" ] || die "no train process for $file"
  t0=$(date +%s%N)
  kill -"$sig" "$pid"
  e2e_wait_for "t$sig" "^status=$want\$" 20 || die "train after SIG$sig: not status $want"
  ms=$((($(date +%s%N) - t0) / 1000000))
  check "train, SIG$sig mid-CG → status $want in ${ms} ms"
  stty_sane "t$sig"
  after_signal "$file" "SIG$sig"
done

# run: SIGHUP to the session process (not the dashboard) ends the run the same way; the dashboard
# then leaves and the terminal is restored.
file="$dir/run-HUP.hfrec.jsonl"
e2e_start rhup 120 40 "XDG_STATE_HOME=$XDG_STATE_HOME $HFDASH_BIN run ${long[*]} --iterations 4 --record $file; echo status=\$?"
wait_cg "$file"
pid="$(pgrep -f -- "--record $file.*--session-host" | head -n 1)"
[ -n "$pid" ] || die "no session process for $file"
kill -HUP "$pid"
e2e_wait_for rhup 'q leaves' 30 || die "the dashboard does not say the session ended"
e2e_keys rhup q
e2e_wait_for rhup '^status=0$' 10 || die "the dashboard did not leave after its session ended"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && die "the session process is still running"
grep -q "session .* ended (stop requested by SIGHUP)" "$XDG_STATE_HOME"/hfdash/logs/*.log || die "the session log does not say SIGHUP ended it"
check "run: SIGHUP to the session process ended it (its log says so); the dashboard said so and q left"
stty_sane rhup
after_signal "$file" "SIGHUP"
