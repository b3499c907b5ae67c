"""The ranking engine at 1,000 nominations x 30 jurors x 10 criteria.

Builds one seeded random long score frame (ids as labels, as the app passes them:
each nomination has a quality, each juror a leniency, each score is quality +
leniency + noise rounded onto the scale 1-5; 300,000 rows), then times, as the
median of ``--repeats`` runs after one warm-up:

- **five methods**: ``prize.ranking.rank`` under every method in ``METHODS``, one after
  the other, each from the long frame (so the juror totals are computed five times);
- **robustness**: ``prize.robustness.robustness`` with 5 finalists under the weighted
  mean (the totals once, five methods, 30 rankings with one juror left out, Kendall's W);
- **groupby mean**: a plain ``frame.groupby(["juror", "nomination"]).score.mean()`` over
  the same frame, the yardstick the ratios are in;
- **juror totals**: ``prize.ranking.juror_totals`` alone (the weighted mean per pair).

Targets (issue 8): all five methods together under 1 s, the robustness report under 5 s.
The figures are printed, never asserted.

    .venv/bin/python bench/ranking.py [--repeats N] [--nominations N] [--jurors N] [--criteria N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prize.ranking import METHODS, SCORE_COLUMNS, juror_totals, rank  # noqa: E402
from prize.robustness import robustness  # noqa: E402

SEED = 2020
TARGETS_S = {"five methods": 1.0, "robustness": 5.0}


def score_frame(*, nominations: int, jurors: int, criteria: int, seed: int = SEED) -> tuple[pd.DataFrame, dict]:
    """Every juror scores every nomination on every criterion, 1-5; weights 0.5-2.0."""
    rng = np.random.default_rng(seed)
    quality = rng.normal(3.0, 0.8, nominations)
    leniency = rng.normal(0.0, 0.4, jurors)
    juror, nomination, criterion = (axis.ravel() for axis in np.meshgrid(
        np.arange(1, jurors + 1), np.arange(1, nominations + 1), np.arange(1, criteria + 1), indexing="ij"))
    noise = rng.normal(0.0, 0.7, len(juror))
    score = np.clip(np.rint(quality[nomination - 1] + leniency[juror - 1] + noise), 1, 5).astype("int64")
    frame = pd.DataFrame(dict(zip(SCORE_COLUMNS, (juror, nomination, criterion, score), strict=True)))
    weights = {int(each): float(w) for each, w in zip(range(1, criteria + 1), rng.uniform(0.5, 2.0, criteria),
                                                        strict=True)}
    return frame, weights


def median_seconds(work: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    """(median, min, max) wall seconds of ``repeats`` runs after one warm-up run."""
    work()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--nominations", type=int, default=1000)
    parser.add_argument("--jurors", type=int, default=30)
    parser.add_argument("--criteria", type=int, default=10)
    args = parser.parse_args(argv)

    frame, weights = score_frame(nominations=args.nominations, jurors=args.jurors, criteria=args.criteria)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; pandas {pd.__version__}, "
          f"numpy {np.__version__}")
    print(f"{args.nominations} nominations x {args.jurors} jurors x {args.criteria} criteria: {len(frame):,} rows; "
          f"median of {args.repeats} runs after a warm-up\n")

    figures = {
        "groupby mean": median_seconds(lambda: frame.groupby(["juror", "nomination"]).score.mean(), args.repeats),
        "juror totals": median_seconds(lambda: juror_totals(frame, weights), args.repeats),
        "five methods": median_seconds(lambda: [rank(frame, weights, method) for method in METHODS], args.repeats),
        "robustness": median_seconds(lambda: robustness(frame, weights, method="weighted_mean", n_finalists=5),
                                     args.repeats),
    }
    for method in METHODS:
        figures[f"  rank {method}"] = median_seconds(lambda method=method: rank(frame, weights, method), args.repeats)

    yardstick = figures["groupby mean"][0]
    print(f"{'what':<24}{'median ms':>11}{'min ms':>9}{'max ms':>9}{'x groupby':>11}")
    print("-" * 64)
    for what, (median, low, high) in figures.items():
        print(f"{what:<24}{median * 1000:>11.1f}{low * 1000:>9.1f}{high * 1000:>9.1f}{median / yardstick:>10.1f}x")
    print()
    for what, target in TARGETS_S.items():
        median = figures[what][0]
        verdict = "met" if median < target else "NOT MET"
        print(f"Target: {what} under {target:g} s: {median:.3f} s, {verdict}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
