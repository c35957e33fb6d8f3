#!/usr/bin/env python3
"""Extraction throughput of two builds, measured in the same run.

Runs `isnad extract --format json -j N --stats` over the whole ANT corpus
(read from its .jsonl.gz) with each build in turn, RUNS pairs for each N,
and prints the median MB/s of each build and the median of the per-pair
ratios (after / before): the machine is shared, so single runs move by a
fifth and only paired medians mean anything. With valgrind installed it
also counts the instructions each build executes on the first 6 MB of ANT
(repeatable whatever else the machine does), and at start-up alone.

Usage: tools/speed_builds.py BEFORE AFTER [--runs 7] [--threads 1,2]
"""

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANT = os.path.join(ROOT, "..", "shared", "corpora", "ant-multisource", "ant_multisource_v2.1_all.jsonl.gz")


def mb_per_s(isnad, threads, path):
    err = subprocess.run([isnad, "extract", "--format", "json", "-j", str(threads), "--stats", path],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    m = re.search(r"([0-9.]+) MB/s", err)
    if not m:
        sys.exit(f"{isnad}: no --stats line:\n{err}")
    return float(m.group(1))


def instructions(isnad, path):
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          isnad, "extract", "--format", "json", "-j", "1", path],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    m = re.search(r"I\s+refs:\s+([0-9,]+)", out)
    return int(m.group(1).replace(",", "")) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    if not os.path.exists(ANT):
        sys.exit(f"the ANT corpus is not at {ANT}: nothing to measure")
    builds = {"before": os.path.abspath(args.before), "after": os.path.abspath(args.after)}
    for threads in [int(t) for t in args.threads.split(",")]:
        speeds = {"before": [], "after": []}
        for _ in range(args.runs):
            for name, isnad in builds.items():
                speeds[name].append(mb_per_s(isnad, threads, ANT))
        ratios = [a / b for a, b in zip(speeds["after"], speeds["before"])]
        print(f"-j {threads}: before {statistics.median(speeds['before']):.1f} MB/s, "
              f"after {statistics.median(speeds['after']):.1f} MB/s, "
              f"median ratio {statistics.median(ratios):.3f} over {args.runs} pairs")
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        print("valgrind is not installed: no instruction counts")
        return
    with tempfile.TemporaryDirectory() as tmp:
        slice_path = os.path.join(tmp, "ant-6mb.jsonl")
        with gzip.open(ANT, "rb") as f:
            data = f.read(6_000_000)
        with open(slice_path, "wb") as f:
            f.write(data[: data.rfind(b"\n") + 1])
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "w").close()
        counts = {name: (instructions(isnad, slice_path), instructions(isnad, empty))
                  for name, isnad in builds.items()}
    (b, b0), (a, a0) = counts["before"], counts["after"]
    print(f"instructions on the first 6 MB of ANT: before {b:,}, after {a:,} ({a / b - 1:+.2%}); "
          f"at start-up: before {b0:,}, after {a0:,}; per document: {(a - a0) / (b - b0) - 1:+.2%}")


if __name__ == "__main__":
    main()
