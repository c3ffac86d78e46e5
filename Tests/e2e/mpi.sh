#!/usr/bin/env bash
# End-to-end test of data-parallel HF over MPI (Open MPI's mpirun, 2 ranks on this machine):
#  1. `train --distributed` on tiny, 2 ranks × 1 thread, reproduces the one-process run with
#     2 threads for 10 iterations: objective, error, λ, ρ and CG counts agree to a relative
#     1e-9 (the ranks add exactly what the two threads add, so in practice they are identical);
#  2. its recording says ranks 2, exports, and `verify` wants the same rank count: outside
#     mpirun it names the mpirun line (exit 2), under `mpirun -np 2` it is identical;
#  3. controls reach every rank at the same iteration: re-executing the bundled sample recording
#     (max CG 50 → 8 at iteration 3) on 2 ranks, rank 1 applies max CG 8 from iteration 3 on;
#  4. the live dashboard on 2 ranks: keys on rank 0 (c: lower max CG, space: pause, q y: quit)
#     reach rank 1 at the iteration the recording gives, and the recording re-executes identically;
#  5. `bench --distributed` on tiny compares 1 and 2 ranks and prints the model;
#  6. a distributed run resumes from its checkpoint on 2 ranks (not in one process) to the same numbers.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${HFDASH_BIN:-$root/.build/release/hfdash}"
# shellcheck source=lib.sh
source "$here/lib.sh"

e2e_prepare mpi
if ! command -v mpirun >/dev/null; then
  echo "e2e mpi: mpirun not found; install Open MPI (make deps: openmpi-bin libopenmpi-dev)" >&2
  exit 1
fi

fail() {
  echo "e2e mpi: FAIL: $*" >&2
  exit 1
}

# mpirun as this machine needs it: root needs --allow-run-as-root; --oversubscribe allows more
# ranks than cores; shared memory between the ranks, no ssh.
mpi=(mpirun --oversubscribe --bind-to none --mca btl self,vader -np 2)
[ "$(id -u)" = 0 ] && mpi+=(--allow-run-as-root)

# field NAME < json-lines: the value of a top-level number field per line.
field() { grep -o "\"$1\":[^,}]*" | sed 's/.*://'; }

# 1. Trajectory: 2 ranks × 1 thread against 1 process × 2 threads.
"$bin" train --preset tiny --iterations 10 --threads 2 --json --no-record > "$work/single.jsonl" \
  || fail "the one-process run failed"
"${mpi[@]}" "$bin" train --preset tiny --iterations 10 --threads 1 --json --distributed \
  --record "$work/dist.hfrec.jsonl" > "$work/dist.jsonl" 2> "$work/dist.err" \
  || { cat "$work/dist.err" >&2; fail "mpirun -np 2 hfdash train --distributed failed"; }
[ "$(wc -l < "$work/dist.jsonl")" -eq 10 ] || fail "the distributed run printed $(wc -l < "$work/dist.jsonl") iterations, not 10"
for name in objective error lambda_after rho cg_iterations; do
  paste <(field "$name" < "$work/single.jsonl") <(field "$name" < "$work/dist.jsonl") > "$work/pairs"
  awk -v name="$name" '
    { d = $1 - $2; if (d < 0) d = -d; s = $1 < 0 ? -$1 : $1
      if (d > 1e-9 * (s > 1 ? s : 1)) { printf "iteration %d: %s %s (one process) vs %s (2 ranks)\n", NR, name, $1, $2; bad = 1 } }
    END { exit bad }' "$work/pairs" || fail "the 2-rank trajectory differs from the one-process one"
done
echo "e2e mpi: 2 ranks reproduce the one-process trajectory on tiny over 10 iterations (rel. 1e-9)"

# 2. The recording: ranks 2, export, verify only with as many ranks.
head -n 1 "$work/dist.hfrec.jsonl" | grep -q '"ranks":2' || fail "the recording's header does not say ranks 2"
[ "$("$bin" export "$work/dist.hfrec.jsonl" --format csv | wc -l)" -eq 11 ] || fail "export did not give 10 iteration rows"
set +e
"$bin" verify "$work/dist.hfrec.jsonl" > "$work/verify1.out" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || fail "verify outside mpirun exited $code, not 2"
grep -q "mpirun -np 2 hfdash verify" "$work/verify1.out" || fail "verify outside mpirun did not name the mpirun line"
"${mpi[@]}" "$bin" verify "$work/dist.hfrec.jsonl" --distributed > "$work/verify2.out" 2>&1 \
  || { cat "$work/verify2.out" >&2; fail "mpirun -np 2 hfdash verify --distributed failed"; }
grep -q "^identical through iteration 10" "$work/verify2.out" || fail "the distributed re-execution was not identical"
echo "e2e mpi: the distributed recording exports and re-executes identically on 2 ranks"

# 3. Controls at the same iteration on every rank (the sample recording sets max CG 8 at iteration 3).
HFDASH_RANK_TRACE=1 "${mpi[@]}" -x HFDASH_RANK_TRACE "$bin" verify "$root/assets/sample-tiny.hfrec.jsonl" \
  --distributed --tolerance 5e-2 > "$work/sample.out" 2> "$work/sample.err" \
  || { cat "$work/sample.out" "$work/sample.err" >&2; fail "re-executing the sample on 2 ranks failed"; }
for k in 1 2; do grep -q "^rank 1: iteration $k lambda .* max-cg 50$" "$work/sample.err" || fail "rank 1 did not run iteration $k with max CG 50"; done
for k in 3 4 5; do grep -q "^rank 1: iteration $k lambda .* max-cg 8$" "$work/sample.err" || fail "rank 1 did not run iteration $k with max CG 8"; done
echo "e2e mpi: rank 1 applies the recorded max-CG control at iteration 3, as rank 0 does"

# 4. The dashboard on 2 ranks: keys on rank 0 reach rank 1.
e2e_start dash 120 40 "HFDASH_RANK_TRACE=1 ${mpi[*]} --stdin none -x HFDASH_RANK_TRACE $bin run --preset tiny --distributed --record $work/live.hfrec.jsonl 2> $work/live.err"
e2e_wait_for dash 'RUNNING' 20 || fail "the distributed dashboard did not start"
e2e_keys dash c
e2e_wait_for dash 'max CG +40' 5 || fail "c did not lower max CG to 40"
e2e_keys dash Space
e2e_wait_for dash 'PAUSED' 5 || fail "space did not pause"
e2e_keys dash q y
e2e_wait_for dash '^hfdash: session recorded in' 15 || fail "quitting did not end the run"
e2e_wait_for dash '^\$$' 10 || fail "no shell prompt after quitting"
k="$(grep -o '"op":"setMaxCG","value":40},"iteration":[0-9]*' "$work/live.hfrec.jsonl" | sed 's/.*"iteration"://')"
[ -n "$k" ] || fail "the recording has no max-CG control"
grep -q "^rank 1: iteration $k lambda .* max-cg 40$" "$work/live.err" || fail "rank 1 did not apply max CG 40 at iteration $k"
if [ "$k" -gt 1 ]; then
  grep -q "^rank 1: iteration $((k - 1)) lambda .* max-cg 50$" "$work/live.err" || fail "rank 1 applied max CG 40 before iteration $k"
fi
"${mpi[@]}" "$bin" verify "$work/live.hfrec.jsonl" --distributed > "$work/verify3.out" 2>&1 \
  || { cat "$work/verify3.out" >&2; fail "the live distributed recording did not re-execute identically"; }
echo "e2e mpi: dashboard keys on rank 0 reach rank 1 at iteration $k; the live recording re-executes identically"

# 5. bench --distributed on tiny: one mpirun job per rank count, the table and the model.
"$bin" bench --distributed --preset tiny --iterations 2 > "$work/bench.out" 2> "$work/bench.err" \
  || { cat "$work/bench.err" >&2; fail "hfdash bench --distributed failed"; }
grep -Eq '^ +1 +[0-9]+ ' "$work/bench.out" || fail "bench --distributed has no 1-rank row"
grep -Eq '^ +2 +[0-9]+ ' "$work/bench.out" || fail "bench --distributed has no 2-rank row"
grep -q '^model for N machines' "$work/bench.out" || fail "bench --distributed printed no model"
echo "e2e mpi: bench --distributed compares 1 and 2 ranks and prints the model"

# 6. Resume a distributed run from its checkpoint on as many ranks: the same iterations as the
#    uninterrupted run, and the appended recording re-executes identically.
"${mpi[@]}" "$bin" train --preset tiny --iterations 12 --checkpoint-every 5 --json --distributed \
  --record "$work/res.hfrec.jsonl" > "$work/res-full.jsonl" 2> /dev/null || fail "the 12-iteration run failed"
rm -rf "$work/res.checkpoints/iter-000012"  # as if the job had died after iteration 10's checkpoint
set +e
"$bin" train --resume "$work/res.hfrec.jsonl" --iterations 2 > "$work/res1.out" 2>&1
code=$?
set -e
[ "$code" -ne 0 ] && grep -q "resumes only on as many" "$work/res1.out" || fail "resuming a 2-rank recording in one process was not refused"
"${mpi[@]}" "$bin" train --resume "$work/res.hfrec.jsonl" --iterations 2 --json --distributed > "$work/res-resumed.jsonl" 2> /dev/null \
  || fail "mpirun -np 2 hfdash train --resume --distributed failed"
[ "$(field objective < "$work/res-resumed.jsonl")" = "$(field objective < "$work/res-full.jsonl" | sed -n 11,12p)" ] \
  || fail "the resumed iterations 11-12 differ from the uninterrupted run's"
"${mpi[@]}" "$bin" verify "$work/res.hfrec.jsonl" --distributed 2>&1 | grep -q "^identical through iteration 12" \
  || fail "the resumed distributed recording did not re-execute identically"
echo "e2e mpi: a distributed run resumes from its checkpoint on 2 ranks to the same numbers"
