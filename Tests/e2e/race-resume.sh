#!/usr/bin/env bash
# A race killed with kill -9 mid-flight (wherever HF or a rival was) and continued from its last
# checkpoint must give the iteration lines of the race never interrupted, in one recording that verifies.
set -euo pipefail
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
check() { echo "  ok: $1"; }
die() { echo "  FAIL: $1" >&2; exit 1; }
total=12
args=(train --preset tiny --seed 3 --threads 1 --race sgd,adam,lbfgs --iterations $total --checkpoint-every 3)
hf_iters() { grep '"k":"iter",' "$1" 2>/dev/null | grep -vc '"racer"' || true; }

"$HFDASH_BIN" "${args[@]}" --record "$dir/whole.hfrec.jsonl" > "$dir/whole.out"
check "uninterrupted race recorded ($(grep -c '"k":"iter",' "$dir/whole.hfrec.jsonl") iteration lines)"

"$HFDASH_BIN" "${args[@]}" --record "$dir/cut.hfrec.jsonl" > "$dir/cut.out" &
pid=$!
for _ in $(seq 1 3000); do
  n="$(hf_iters "$dir/cut.hfrec.jsonl")"
  [ "${n:-0}" -ge 7 ] && break
  sleep 0.01
done
kill -9 "$pid" 2>/dev/null || die "the race finished before it could be killed"
wait "$pid" 2>/dev/null || true
grep -q '"k":"end"' "$dir/cut.hfrec.jsonl" && die "a killed race has an end line"
last="$(ls "$dir/cut.checkpoints" | sort | tail -1)"
ckpt=$((10#${last#iter-}))
check "killed with kill -9 after $(hf_iters "$dir/cut.hfrec.jsonl") HF iterations; last checkpoint at $ckpt"

"$HFDASH_BIN" train --resume "$dir/cut.hfrec.jsonl" --iterations $((total - ckpt)) > "$dir/resume.out" 2> "$dir/resume.err" \
  || die "resume failed: $(cat "$dir/resume.err")"
grep -q "resumed   after iteration $ckpt" "$dir/resume.out" || die "the resumed race does not say where it resumed"
check "resumed the race from HF iteration $ckpt to $total"

strip() { grep '"k":"iter",' "$1" | sed -E 's/"t":[^,]*,//; s/"times":\{[^}]*\}//'; }
diff <(strip "$dir/whole.hfrec.jsonl") <(strip "$dir/cut.hfrec.jsonl") > "$dir/diff" \
  || die "the resumed race's iteration lines differ from the uninterrupted one's: $(head -c 600 "$dir/diff")"
check "every iteration line of HF, SGD-N, Adam and L-BFGS equals the uninterrupted race's, in order"
"$HFDASH_BIN" verify "$dir/cut.hfrec.jsonl" > "$dir/verify.out" || die "verify failed: $(cat "$dir/verify.out")"
grep -q "identical through iteration $total" "$dir/verify.out" || die "verify: $(cat "$dir/verify.out")"
check "hfdash verify: $(head -1 "$dir/verify.out")"
