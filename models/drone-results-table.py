#!/usr/bin/env python3
"""The drone results table from the sweeps of models/make-drone-results.sh.

    models/drone-results-table.py SWEEPS_DIR > table.md

SWEEPS_DIR holds one folder per policy run (expert, ncp-s1, lstm64-s1, ...), each with <policy>/<cell>/metrics.json.
Prints a Markdown table: success per cell with its Wilson 95% interval, for the expert (the ceiling), each model, and
the mean ± spread (min-max) over training seeds for the NCP and LSTM-64; then, per cell, an exact McNemar test of
the shipped NCP (ncp-s1) against LSTM-64 (lstm64-s1) over the same episodes (paired by episode seed). Standard
library only, so it runs wherever the project's tests run.
"""
import json
import math
import os
import sys

CELLS = ["nominal", "autumn", "winter", "birch", "pine", "rain", "fog", "dusk", "wind-moderate", "rotation", "occlusion", "noise"]


def wilson(k, n, z=1.959964):
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def mcnemar_exact(b, c):
    """Two-sided exact McNemar p-value for b and c discordant pairs."""
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    tail = sum(math.comb(n, i) for i in range(0, k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def load(sweeps):
    runs = {}
    for run in sorted(os.listdir(sweeps)):
        base = os.path.join(sweeps, run)
        if not os.path.isdir(base):
            continue
        for policy in os.listdir(base):
            pdir = os.path.join(base, policy)
            if not os.path.isdir(pdir):
                continue
            for cell in os.listdir(pdir):
                f = os.path.join(pdir, cell, "metrics.json")
                if os.path.isfile(f):
                    with open(f) as fh:
                        m = json.load(fh)
                    runs.setdefault(run, {})[cell] = {e["seed"]: bool(e["success"]) for e in m["episodes"]}
    return runs


def fmt(k, n):
    lo, hi = wilson(k, n)
    return f"{k}/{n} ({100 * lo:.0f}–{100 * hi:.0f})"


def main():
    sweeps = sys.argv[1]
    runs = load(sweeps)
    cells = [c for c in CELLS if any(c in r for r in runs.values())]
    order = ["expert"] + sorted(r for r in runs if r != "expert")
    print("| model | " + " | ".join(cells) + " |")
    print("|---|" + "---:|" * len(cells))
    for run in order:
        if run not in runs:
            continue
        row = []
        for c in cells:
            eps = runs[run].get(c)
            row.append(fmt(sum(eps.values()), len(eps)) if eps else "–")
        print(f"| {run} | " + " | ".join(row) + " |")
    for family in ["ncp", "lstm64"]:
        seeds = [r for r in order if r.startswith(family + "-s")]
        if len(seeds) < 2:
            continue
        row = []
        for c in cells:
            rates = [100 * sum(runs[s][c].values()) / len(runs[s][c]) for s in seeds if c in runs[s]]
            if not rates:
                row.append("–")
                continue
            row.append(f"{sum(rates) / len(rates):.0f}% ({min(rates):.0f}–{max(rates):.0f})")
        print(f"| {family}, mean over {len(seeds)} seeds (min–max) | " + " | ".join(row) + " |")
    if "ncp-s1" in runs and "lstm64-s1" in runs:
        print()
        print("| cell | NCP only | LSTM-64 only | both | neither | exact McNemar p |")
        print("|---|---:|---:|---:|---:|---:|")
        for c in cells:
            a, b = runs["ncp-s1"].get(c, {}), runs["lstm64-s1"].get(c, {})
            common = sorted(set(a) & set(b))
            n_only = sum(1 for s in common if a[s] and not b[s])
            l_only = sum(1 for s in common if b[s] and not a[s])
            both = sum(1 for s in common if a[s] and b[s])
            neither = len(common) - n_only - l_only - both
            print(f"| {c} | {n_only} | {l_only} | {both} | {neither} | {mcnemar_exact(n_only, l_only):.3f} |")


if __name__ == "__main__":
    main()
