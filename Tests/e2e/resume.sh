#!/usr/bin/env bash
# Resume after kill -9: a run killed mid-flight and continued from its last checkpoint must produce
# exactly the numbers of an uninterrupted run, in one recording that verifies.
set -euo pipefail
dir="$(mktemp -d)"
export XDG_STATE_HOME="$dir/state"
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; exit 1; }
args=(train --preset tiny --seed 5 --threads 1 --max-cg 250 --cg-tolerance 0 --iterations 30 --checkpoint-every 5)

"$HFDASH_BIN" "${args[@]}" --record "$dir/whole.hfrec.jsonl" > "$dir/whole.out"
check "uninterrupted run recorded ($(grep -c '"k":"iter",' "$dir/whole.hfrec.jsonl") iterations)"

"$HFDASH_BIN" "${args[@]}" --record "$dir/cut.hfrec.jsonl" > "$dir/cut.out" &
pid=$!
for _ in $(seq 1 600); do
  n="$(grep -c '"k":"iter",' "$dir/cut.hfrec.jsonl" 2>/dev/null || true)"
  [ "${n:-0}" -ge 13 ] && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null || die "the run finished before it could be killed"
wait "$pid" 2>/dev/null || true
done_iters="$(grep -c '"k":"iter",' "$dir/cut.hfrec.jsonl")"
[ "$done_iters" -lt 30 ] || die "the run was not cut short"
grep -q '"k":"end"' "$dir/cut.hfrec.jsonl" && die "a killed run has an end line"
last="$(ls "$dir/cut.checkpoints" | sort | tail -1)"
ckpt=$((10#${last#iter-}))
check "killed with kill -9 after $done_iters iterations; last checkpoint at $ckpt"

"$HFDASH_BIN" train --resume "$dir/cut.hfrec.jsonl" --iterations $((30 - ckpt)) > "$dir/resume.out" 2> "$dir/resume.err" \
  || die "resume failed: $(cat "$dir/resume.err")"
grep -q "resumed   after iteration $ckpt" "$dir/resume.out" || die "the resumed run does not say where it resumed"
ls "$dir"/cut.hfrec.jsonl.resumed-*.tail > /dev/null 2>&1 || [ "$done_iters" -eq "$ckpt" ] || die "the cut tail was not kept"
check "resumed from iteration $ckpt to 30, appending to the same recording"

python3 - "$dir/whole.hfrec.jsonl" "$dir/cut.hfrec.jsonl" <<'PY' || die "the resumed numbers differ from the uninterrupted run"
import json, sys
def iters(path):
    out = {}
    for line in open(path):
        if '"k":"iter",' in line:
            d = json.loads(line)
            out.setdefault(d["iteration"], []).append((d["objective"], d["error"], d["rho"], d["lambda_after"], d["cg_iterations"], d["layer_gradient_norms"]))
    return out
a, b = iters(sys.argv[1]), iters(sys.argv[2])
assert sorted(a) == list(range(1, 31)), sorted(a)
assert sorted(b) == list(range(1, 31)), sorted(b)
for i in range(1, 31):
    assert len(b[i]) == 1, f"iteration {i} appears {len(b[i])} times in the resumed recording"
    assert a[i][0] == b[i][0], f"iteration {i}: {a[i][0]} vs {b[i][0]}"
print("  ok: iterations 1-30 identical to the uninterrupted run (objective, error, rho, lambda, CG, per-layer norms)")
PY
"$HFDASH_BIN" verify "$dir/cut.hfrec.jsonl" > "$dir/verify.out" || die "verify failed: $(cat "$dir/verify.out")"
grep -q "identical through iteration 30" "$dir/verify.out" || die "verify: $(cat "$dir/verify.out")"
check "hfdash verify: $(head -1 "$dir/verify.out")"
