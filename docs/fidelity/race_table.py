#!/usr/bin/env python3
"""The RACE-RESULTS.md tables: errors at data-pass budgets and the passes each optimizer needed.

Usage: race_table.py RECORDING[.gz][@OPTIMIZER,…][=LABEL] ...
  A race's recording gives one row per racer (HF, SGD-N, Adam, …; @sgd,adam keeps only those); a
  single-optimizer recording (`train --optimizer sgd`, or a long HF run) gives one row, named LABEL
  if given. Racers run from the same initial
  weights (same preset and seed), so rows of separate recordings compare like rows of one race.

Prints two Markdown tables:
  - training error [test error] at the last report within 100, 300, 1000 and 3000 data passes
    ("—" where the optimizer had not reached the budget);
  - the data passes at the first report whose training error is below 10, 3, 1 and 0.3
    ("—" where it never was), with the passes reached and the last error.
"""
import sys

from recording_lines import iteration_lines

BUDGETS = [100, 300, 1000, 3000]
THRESHOLDS = [10, 3, 1, 0.3]
NAMES = {"hf": "HF", "sgd": "SGD-N", "momentum": "SGD-M", "adam": "Adam", "ncg": "NCG", "lbfgs": "L-BFGS"}


def read_recording(path):
    """{optimizer: [(passes, error, test error), …]} in iteration order; later lines win (resumes)."""
    runs = {}
    for e in iteration_lines(path):
        who = e.get("racer") or e.get("optimizer", "hf")
        runs.setdefault(who, {})[e["iteration"]] = (e["data_passes"], e["error"], e.get("test_error"))
    return {who: [rows[i] for i in sorted(rows)] for who, rows in runs.items()}


def fmt(x):
    return "—" if x is None else f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def at_budget(rows, budget):
    within = [r for r in rows if r[0] <= budget * 1.0001]
    if not rows or rows[-1][0] < budget * 0.98:
        return "—"
    passes, error, test = within[-1]
    return f"{fmt(error)} [{fmt(test)}]" if test is not None else fmt(error)


def first_below(rows, threshold):
    hit = next((r for r in rows if r[1] < threshold), None)
    return "—" if hit is None else f"{hit[0]:.0f}"


def main(args):
    if not args:
        sys.exit(__doc__)
    table = []
    for arg in args:
        path, _, label = arg.partition("=")
        path, _, only = path.partition("@")
        for who, rows in read_recording(path).items():
            if only and who not in only.split(","):
                continue
            table.append((label or NAMES.get(who, who), rows))
    print("| optimizer | " + " | ".join(f"error @ {b} passes" for b in BUDGETS) + " |")
    print("|---" * (len(BUDGETS) + 1) + "|")
    for name, rows in table:
        print(f"| {name} | " + " | ".join(at_budget(rows, b) for b in BUDGETS) + " |")
    print()
    print("| optimizer | " + " | ".join(f"passes to < {t}" for t in THRESHOLDS) + " | passes reached | last error [test] |")
    print("|---" * (len(THRESHOLDS) + 3) + "|")
    for name, rows in table:
        last = rows[-1]
        print(
            f"| {name} | " + " | ".join(first_below(rows, t) for t in THRESHOLDS)
            + f" | {last[0]:.0f} | {fmt(last[1])} [{fmt(last[2])}] |")


if __name__ == "__main__":
    main(sys.argv[1:])
