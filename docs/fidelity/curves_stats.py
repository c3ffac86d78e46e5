"""Statistics of generated CURVES sets (docs/FIDELITY.md, "The data").

python3 docs/fidelity/curves_stats.py DIR [CHECKPOINT]
DIR holds dump-curves/main.swift's output; CHECKPOINT (optional) is an hfdash checkpoint directory of a
`curves` run on the calibrated data (W1..W12.npy, b1..b12.npy) for the per-case error analysis.
"""
import sys
import numpy as np


def entropy(x):
    x = np.clip(x, 1e-12, 1 - 1e-12)
    return -(x * np.log(x) + (1 - x) * np.log(1 - x))


def load(directory, name):
    return np.fromfile(f"{directory}/{name}-train.f32", dtype=np.float32).reshape(-1, 784).astype(np.float64)


def summary(X):
    cov = np.cov(X.T, bias=True)
    ev = np.linalg.eigvalsh(cov)[::-1]
    cum = np.cumsum(ev) / ev.sum()
    return (f"Σ-var {X.var(0).sum():.2f}  H(mean) {entropy(X.mean(0)).sum():.1f}  pixel entropy {entropy(X).sum(1).mean():.1f}  "
            f"ink {X.sum(1).mean():.1f}  PR {ev.sum() ** 2 / (ev ** 2).sum():.1f}  k90 {np.searchsorted(cum, 0.9) + 1}  "
            f"k99 {np.searchsorted(cum, 0.99) + 1}")


def batch_gap(X):
    """PCA fitted on the first 5000 images: components needed for errors 8, 4, 2, 1 and the error on the rest."""
    batch, rest = X[:5000], X[5000:]
    mean = batch.mean(0)
    _, vectors = np.linalg.eigh(np.cov((batch - mean).T, bias=True))
    vectors = vectors[:, ::-1]
    b = ((batch - mean) @ vectors) ** 2
    r = ((rest - mean) @ vectors) ** 2
    tail_b = np.append(np.cumsum(b.mean(0)[::-1])[::-1], 0)
    tail_r = np.append(np.cumsum(r.mean(0)[::-1])[::-1], 0)
    out = []
    for e in (8, 4, 2, 1):
        k = int(np.argmax(tail_b <= e))
        out.append(f"error {e}: k {k}, rest {tail_r[k]:.2f} ({tail_r[k] / tail_b[k]:.2f}x)")
    q = rest[:3000]
    d2 = (q * q).sum(1)[:, None] + (batch * batch).sum(1)[None] - 2 * q @ batch.T
    nearest = np.maximum(d2.min(1), 0)
    return " | ".join(out) + f"\n    nearest of the 5000, squared distance: {nearest.mean():.2f}"


def per_case(directory, checkpoint):
    X = load(directory, "curves").astype(np.float32)
    h = X
    for i in range(1, 13):
        z = h @ np.load(f"{checkpoint}/W{i}.npy").T + np.load(f"{checkpoint}/b{i}.npy").reshape(-1)
        h = z if i == 6 else 1 / (1 + np.exp(-z))
    err = ((h - X) ** 2).sum(1)
    s = np.sort(err)[::-1]
    print(f"per-case error: mean {err.mean():.3f}, worst 10 % carry {s[: len(s) // 10].sum() / s.sum():.2f}")
    P = np.fromfile(f"{directory}/curves-train-points.f32", dtype=np.float32).reshape(-1, 3, 2).astype(np.float64)
    p0, c, p2 = P[:, 0], P[:, 1], P[:, 2]
    p1 = 0.5 * c + 0.25 * (p0 + p2)
    a, b = p0 - p1, p2 - p1
    angle = np.degrees(np.arccos(np.clip((a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1), -1, 1)))
    t = np.linspace(0, 1, 200)[None, :, None]
    d1 = 2 * ((1 - t) * (c - p0)[:, None] + t * (p2 - c)[:, None])
    d2 = 2 * (p2 - 2 * c + p0)[:, None]
    curvature = np.abs(d1[..., 0] * d2[..., 1] - d1[..., 1] * d2[..., 0]) / np.maximum(np.linalg.norm(d1, axis=2) ** 3, 1e-9)
    B = (1 - t) ** 2 * p0[:, None] + 2 * (1 - t) * t * c[:, None] + t ** 2 * p2[:, None]
    length = np.linalg.norm(np.diff(B, axis=1), axis=2).sum(1)
    print(f"bent by < 60° at the middle point: {(angle < 60).mean():.2f}; a bend tighter than 2 px: {(curvature.max(1) > 0.5).mean():.2f}")
    for name, f in (("angle at the middle point", angle), ("length", length)):
        edges = np.quantile(f, np.linspace(0, 1, 6))
        print(name, " | ".join(f"[{lo:.3g}, {hi:.3g}]: {err[(f >= lo) & (f <= hi)].mean():.2f}" for lo, hi in zip(edges[:-1], edges[1:])))


if __name__ == "__main__":
    directory = sys.argv[1]
    for name in ("curves", "curves-v3", "curves-v1", "first-points-soft-stroke", "central-points-hard-stroke"):
        X = load(directory, name)
        print(f"{name}: {summary(X)}\n    {batch_gap(X)}")
    if len(sys.argv) > 2:
        per_case(directory, sys.argv[2])
