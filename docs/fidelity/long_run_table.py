#!/usr/bin/env python3
"""The FIDELITY.md long-run table: an hfdash recording of `curves` beside Martens' published run.

Usage: long_run_table.py RECORDING[.gz] [REFERENCE.csv]
  REFERENCE defaults to assets/reference/martens-hf-curves.csv beside this script's repository.

Prints a Markdown table at iterations 1, 5, 10, 14, 20, 30, …, 300 (those both runs reached):
train and test error, CG steps in all so far, λ after the iteration; then where each run leaves
the plateau (first iteration whose error is below 0.9 × the plateau error, the plateau being the
median error of iterations 10–20), and the wall time per iteration and in all.
"""
import csv
import statistics
import sys
from pathlib import Path

from recording_lines import iteration_lines

DEFAULT_REFERENCE = Path(__file__).resolve().parents[2] / "assets/reference/martens-hf-curves.csv"
ROWS = [1, 5, 10, 14, 20, 30, 40, 50, 60, 70, 80, 100, 125, 150, 200, 250, 300]


def read_recording(path):
    runs = {}
    for e in iteration_lines(path):
        if e.get("racer"):
            continue
        i = e.get("iteration", e.get("i"))
        runs[i] = {
            "error": e["error"],
            "test": e.get("test_error"),
            "cg": e["cg_iterations"],
            "lambda": e["lambda_after"],
            "seconds": e["times"]["total"],
        }
    return runs


def read_reference(path):
    rows = {}
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines):
        rows[int(r["iteration"])] = {
            "error": float(r["train_error"]),
            "test": float(r["test_error"]) if r.get("test_error") else None,
            "cg": int(float(r["cg_steps"])),
            "lambda": float(r["lambda_after"]),
        }
    return rows


def cumulative_cg(run):
    total, out = 0, {}
    for i in sorted(run):
        total += run[i]["cg"]
        out[i] = total
    return out


def plateau_exit(run):
    plateau = statistics.median(run[i]["error"] for i in range(10, 21) if i in run)
    for i in sorted(run):
        if i > 20 and run[i]["error"] < 0.9 * plateau:
            return plateau, i
    return plateau, None


def fmt(x, digits=3):
    if x is None:
        return "—"
    return f"{x:.{digits}g}" if abs(x) < 0.01 or abs(x) >= 1000 else f"{x:.{digits}f}".rstrip("0").rstrip(".")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    ours = read_recording(sys.argv[1])
    paper = read_reference(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_REFERENCE)
    cg_ours, cg_paper = cumulative_cg(ours), cumulative_cg(paper)
    print("| it | hfdash: error / test | CG in all | λ | Martens: error / test | CG in all | λ |")
    print("|---|---|---|---|---|---|---|")
    for i in ROWS:
        if i not in ours and i not in paper:
            continue
        o, p = ours.get(i), paper.get(i)
        left = f"{fmt(o['error'])} / {fmt(o['test'])} | {cg_ours[i]} | {fmt(o['lambda'])}" if o else "— | — | —"
        right = f"{fmt(p['error'])} / {fmt(p['test'])} | {cg_paper[i]} | {fmt(p['lambda'])}" if p else "— | — | —"
        print(f"| {i} | {left} | {right} |")
    last = max(ours)
    for name, run in (("hfdash", ours), ("Martens", paper)):
        plateau, leaves = plateau_exit(run)
        print(f"\n{name}: plateau error {plateau:.2f}; first below 0.9 × plateau at iteration {leaves or '(not reached)'}")
    seconds = [ours[i]["seconds"] for i in sorted(ours)]
    print(
        f"\nhfdash: {last} iterations, {sum(seconds) / 3600:.2f} h of iteration time in all, "
        f"median {statistics.median(seconds):.1f} s per iteration (last 20: {statistics.median(seconds[-20:]):.1f} s)"
    )


if __name__ == "__main__":
    main()
