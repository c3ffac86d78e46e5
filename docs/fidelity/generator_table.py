#!/usr/bin/env python3
"""FIDELITY.md's table of two generators: two hfdash `curves` recordings beside Martens' run.

Usage: generator_table.py FIRST[.gz] SECOND[.gz] [REFERENCE.csv]
  REFERENCE defaults to assets/reference/martens-hf-curves.csv beside this script's repository.

Prints a Markdown table at iterations 1, 10, 20, …, 300 (those the first run reached): the first
run's train / test error, CG steps / the iterate backtracking kept, ρ and λ after the iteration;
the second run's error / test and λ; Martens' error / test and λ. Then, for the first run: where
it leaves the plateau, its first iteration below error 1, and ρ and the kept iterate over
iterations 76–100, 101–200 and 201–300.
"""
import statistics
import sys

from long_run_table import DEFAULT_REFERENCE, plateau_exit, read_reference
from recording_lines import iteration_lines

ROWS = [1, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100, 110, 125, 150, 175, 200, 250, 300]


def read_recording(path):
    return {e["iteration"]: e for e in iteration_lines(path) if not e.get("racer")}


def rho(value):
    return "−∞" if not isinstance(value, (int, float)) else f"{value:.2f}"


def numeric_rho(value):
    return value if isinstance(value, (int, float)) else float("-inf")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    first, second = read_recording(sys.argv[1]), read_recording(sys.argv[2])
    paper = read_reference(sys.argv[3] if len(sys.argv) > 3 else DEFAULT_REFERENCE)
    last = max(first)
    print("| it | first: error / test | CG / kept | ρ | λ | second: error / test | λ | Martens: error / test | λ |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i in sorted(set(r for r in ROWS if r <= last) | {last}):
        a, b, m = first[i], second.get(i), paper.get(i)
        cells = [
            f"{a['error']:.3f} / {a['test_error']:.3f}", f"{a['cg_iterations']} / {a['cg_chosen']}",
            rho(a["rho"]), f"{a['lambda_after']:.3g}",
            f"{b['error']:.3f} / {b['test_error']:.3f}" if b else "—", f"{b['lambda_after']:.3g}" if b else "—",
            f"{m['error']:.3f} / {m['test']:.3f}" if m else "—",
            f"{m['lambda']:.3g}" if m else "—",
        ]
        print(f"| {i} | " + " | ".join(cells) + " |")
    plateau, leaves = plateau_exit(first)
    below_one = min((i for i in first if first[i]["error"] < 1), default=None)
    print(f"\nfirst: plateau {plateau:.2f}, first below 0.9 × plateau at {leaves}, first below 1 at {below_one}")
    for low, high in ((76, 100), (101, 200), (201, 300)):
        span = [i for i in range(low, high + 1) if i in first]
        if not span:
            continue
        rhos = [numeric_rho(first[i]["rho"]) for i in span]
        kept = sorted({first[i]["cg_chosen"] for i in span})
        print(
            f"iterations {span[0]}–{span[-1]}: ρ median {statistics.median(rhos):.2f}, "
            f"above ¾ in {sum(r > 0.75 for r in rhos)} of {len(rhos)}, below ¼ in {sum(r < 0.25 for r in rhos)}; "
            f"λ {first[span[0]]['lambda_after']:.3g} → {first[span[-1]]['lambda_after']:.3g}; kept iterates {kept}"
        )
    test_low = min(first, key=lambda i: first[i]["test_error"])
    print(f"lowest test error {first[test_low]['test_error']:.3f} at {test_low}; "
          f"wall {sum(first[i]['times']['total'] for i in first) / 3600:.2f} h")


if __name__ == "__main__":
    main()
