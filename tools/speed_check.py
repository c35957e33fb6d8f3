#!/usr/bin/env python3
"""Check speed of two builds, measured in the same run: `isnad check` of
the team's drafts (corpora/drafts) against a quote archive, the two builds
alternated RUNS times; prints each build's median wall time and the median
of the per-pair ratios (after / before). The machine is shared: only
paired medians mean anything.

Usage: tools/speed_check.py BEFORE AFTER --archive ARCHIVE [--runs 9]
       [--against PATH ...]
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--archive", help="a quote archive (isnad archive add)")
    ap.add_argument("--against", nargs="*", default=[], help="reference articles instead of an archive")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    drafts = sorted(glob.glob(os.path.join(ROOT, "corpora", "drafts", "*.txt")))
    refs = ["--archive", args.archive] if args.archive else ["--against", *args.against]
    if args.archive and not os.path.exists(args.archive):
        sys.exit(f"{args.archive}: no such archive (build one with `isnad archive add`)")
    tb, ta, ratios = [], [], []
    for _ in range(args.runs):
        b = timed([args.before, "check", *drafts, *refs, "--format", "json"])
        a = timed([args.after, "check", *drafts, *refs, "--format", "json"])
        tb.append(b)
        ta.append(a)
        ratios.append(a / b)
    print(f"{len(drafts)} drafts, {args.runs} pairs")
    print(f"before: median {statistics.median(tb) * 1000:.0f} ms")
    print(f"after:  median {statistics.median(ta) * 1000:.0f} ms")
    print(f"median ratio after/before: {statistics.median(ratios):.3f} (target <= 1.5)")


if __name__ == "__main__":
    main()
