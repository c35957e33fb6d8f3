#!/usr/bin/env python3
"""isnad on pathological inputs: time and peak memory at two sizes.

Each input is made at a quarter, half and full size (in a temporary
directory; the text is generated, never taken from an article) and run
through `isnad extract --format json`, three times each (medians). Time
that doubles when the input doubles is linear: the last column is the time
at full size over the time at half size. The memory column shows what
stays bounded.

| input | full size |
|---|---|
| quote marks | one paragraph of a million «» marks |
| mixed marks | 100,000 rounds of « " “ ” „ ' and cues, unbalanced |
| nested | 5,000 opening marks, 3,000 closing ones |
| diacritics | a line of 6,000,000 diacritics and tatweel |
| 50 MB line | one line of attributed sentences |
| 100 MB document | attributed paragraphs (run with --max-doc-bytes 128M) |
| tiny documents | 100,000 one-sentence articles in one JSON Lines file |

Usage: tools/eval_pathological.py [--isnad target/release/isnad] [--only NAME]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("وقال الوزير سامر الخطيب إن الطريق مغلق منذ يوم الأحد وأضاف أن العمل "
         "سيستمر حتى نهاية الشهر").split()


def para(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng):
    return "وقال الوزير سامر الخطيب «" + para(rng, 30) + "». " + para(rng, 40)


def write_until(path, size, piece, end="\n"):
    with open(path, "w", encoding="utf-8") as f:
        total = 0
        while total < size:
            s = piece()
            f.write(s)
            total += len(s.encode())
        f.write(end)


def make(name, scale, work, rng):
    """Write input `name` at `scale` (1 or 0.1); returns (path, extra args)."""
    p = os.path.join(work, f"{name}-{scale}.txt")
    if name == "quote-marks":
        n = int(500_000 * scale)
        open(p, "w").write("وقال الوزير " + "«" * n + "»" * n + "\n")
    elif name == "mixed-marks":
        open(p, "w").write("وقال الوزير «نعم \" لا “ ” „ ' " * int(100_000 * scale) + "\n")
    elif name == "nested":
        open(p, "w").write("وقال «" * int(5000 * scale) + "كلام" + "»" * int(3000 * scale) + "\n")
    elif name == "diacritics":
        open(p, "w").write("\u064e\u0651ـ" * int(2_000_000 * scale) + "\n")
    elif name == "line-50mb":
        write_until(p, int(50_000_000 * scale), lambda: sentence(rng) + " ")
    elif name == "doc-100mb":
        write_until(p, int(100_000_000 * scale), lambda: sentence(rng) + "\n", end="")
        return p, ["--max-doc-bytes", "128M"]
    elif name == "tiny-docs":
        p = os.path.join(work, f"{name}-{scale}.jsonl")
        with open(p, "w", encoding="utf-8") as f:
            for i in range(int(100_000 * scale)):
                f.write(json.dumps({"id": f"t{i}", "text": "قال الوزير «" + para(rng, 5) + "»"},
                                   ensure_ascii=False) + "\n")
    return p, []


def run(isnad, path, extra):
    cmd = ["/usr/bin/time", "-f", "__rss %M", isnad, "extract", path, "--format", "json", *extra]
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    secs = time.perf_counter() - t
    err = p.stderr.decode(errors="replace").splitlines()
    rss = next((int(l.split()[1]) / 1024 for l in err if l.startswith("__rss ")), 0)
    warnings = sum(1 for l in err if l.startswith("warning:"))
    return secs, rss, len(p.stdout), p.returncode, warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (Debian package time) for peak memory")
    names = ["quote-marks", "mixed-marks", "nested", "diacritics", "line-50mb", "doc-100mb",
             "tiny-docs"]
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    work = tempfile.mkdtemp(prefix="isnad-patho-")
    rng = random.Random(7)
    print("| input | size | time | peak RSS | output | exit | warnings | time ratio (full/half) |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for name in names:
            rows = []
            for scale in (0.25, 0.5, 1):
                path, extra = make(name, scale, work, rng)
                size = os.path.getsize(path)
                runs = [run(args.isnad, path, extra) for _ in range(3)]
                secs = statistics.median(r[0] for r in runs)
                _, rss, out, code, warnings = runs[-1]
                rows.append((scale, size, secs, rss, out, code, warnings))
                os.remove(path)
            ratio = rows[2][2] / max(rows[1][2], 1e-3)
            for scale, size, secs, rss, out, code, warnings in rows:
                r = f"{ratio:.2f}" if scale == 1 else ""
                print(f"| {name} | {size / 1e6:.1f} MB | {secs:.2f} s | {rss:.0f} MB | "
                      f"{out / 1e6:.1f} MB | {code} | {warnings} | {r} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
