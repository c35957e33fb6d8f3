#!/usr/bin/env python3
"""isnad under load: many drafts against the archive of both shared corpora.

1. An archive of every article of both corpora (built unless --archive
   names one).
2. 1,000 drafts in one `check --archive` run (--format json, read as it
   streams): drafts per second, and the peak resident memory (VmHWM) when
   the first 100 drafts are out and at the end, so that a memory that grows
   with the number of drafts shows.
3. With --postgres URL: the same archive in a fresh PostgreSQL database,
   then four checkers at once (250 drafts each) while an `archive add` of
   20,000 further articles runs: each checker's drafts per second and peak
   memory, the add's time, and whether every process ended well.

Each draft is six attributed paragraphs of different real articles, so it
reads like copy assembled from several wires; the drafts are written to the
work directory only (a temporary one unless --work is given), never to the
repository.

Usage: tools/eval_load.py [--isnad target/release/isnad] [--work DIR]
       [--archive news.db] [--drafts 1000] [--postgres postgres://...]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_archive import (ALL, CORPORA, ROOT, fresh_archive, read_articles,  # noqa: E402
                          size_of, synthetic, timed)

CUES = ("قال", "أكد", "أضاف", "أوضح", "نفى", "صرح", "أشار")


def make_drafts(work, n, rng):
    paras = []
    for path in ALL:
        for k, a in enumerate(read_articles(path, 15000)):
            for p in a.get("text", "").split("\n"):
                if 60 < len(p) < 500 and any(c in p for c in CUES):
                    paras.append((k, p.strip()))
    rng.shuffle(paras)
    path = os.path.join(work, f"drafts-{n}.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in range(n):
            chosen = paras[d * 6:(d + 1) * 6]
            f.write(json.dumps({"id": f"draft-{d}", "text": "\n".join(p for _, p in chosen)},
                               ensure_ascii=False) + "\n")
    return path


def hwm_mb(pid):
    """The process's peak resident memory so far, in MB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_check(isnad, drafts, archive, marks=(100,)):
    """Run one check, reading its JSON as it streams; returns (seconds,
    {drafts done: peak MB}, exit code, drafts seen)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([isnad, "check", drafts, "--archive", archive, "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err = []
    threading.Thread(target=lambda: err.extend(p.stderr), daemon=True).start()
    seen, at = set(), {}
    last_hwm = 0
    for line in p.stdout:
        rec = json.loads(line)
        if rec.get("type") == "finding":
            seen.add(rec["draft"])
            h = hwm_mb(p.pid)
            last_hwm = h or last_hwm
            for m in marks:
                if len(seen) > m and m not in at:
                    # Past the mark: the first `m` drafts are done.
                    at[m] = last_hwm
    code = p.wait()
    secs = time.perf_counter() - t0
    at["end"] = last_hwm
    if code not in (0, 1):
        print("".join(err[-5:]), file=sys.stderr)
    return secs, at, code, len(seen)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--work", default="")
    ap.add_argument("--archive", default="", help="an archive of both corpora, to reuse")
    ap.add_argument("--drafts", type=int, default=1000)
    ap.add_argument("--postgres", default="", help="a PostgreSQL URL to measure too")
    args = ap.parse_args()
    if not all(os.path.exists(p) for p in ALL):
        sys.exit(f"the shared corpora are not at {CORPORA}: nothing to measure")
    work = args.work or tempfile.mkdtemp(prefix="isnad-load-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(20261129)
    drafts = make_drafts(work, args.drafts, rng)
    print(f"{args.drafts} drafts of 6 attributed paragraphs each", flush=True)

    db = args.archive
    if not db:
        db = os.path.join(work, "news.db")
        secs, _, _ = fresh_archive(args.isnad, db, ALL)
        print(f"archive of both corpora: {secs:.1f} s, {size_of(db) / 1e6:.0f} MB", flush=True)

    secs, at, code, seen = run_check(args.isnad, drafts, db, marks=(100,))
    print(f"SQLite, one checker: {args.drafts} drafts in {secs:.1f} s = "
          f"{args.drafts / secs:.1f} drafts/s; peak RSS after 100 drafts {at.get(100, 0):.0f} MB, "
          f"after {args.drafts} {at['end']:.0f} MB; exit {code}; {seen} drafts had findings",
          flush=True)

    if args.postgres:
        name = "isnad_load"
        base = args.postgres.rsplit("/", 1)[0]
        for sql in [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"]:
            subprocess.run(["psql", args.postgres, "-q", "-c", sql], check=True, capture_output=True)
        url = f"{base}/{name}"
        secs, _, p = timed([args.isnad, "archive", "add", url, *ALL])
        print(f"PostgreSQL archive of both corpora: {secs:.0f} s (exit {p.returncode})", flush=True)
        extra = synthetic(work, 20000, rng)
        # Four slices of the drafts, one per checker.
        slices = []
        with open(drafts, encoding="utf-8") as f:
            lines = f.readlines()
        for k in range(4):
            path = os.path.join(work, f"slice-{k}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(lines[k::4])
            slices.append(path)
        results = [None] * 4
        t0 = time.perf_counter()
        adder = subprocess.Popen([args.isnad, "archive", "add", url, extra],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def checker(k):
            results[k] = run_check(args.isnad, slices[k], url, marks=(25,))

        threads = [threading.Thread(target=checker, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        checked = time.perf_counter() - t0
        add_code = adder.wait()
        added = time.perf_counter() - t0
        n = len(lines)
        for k, (secs, at, code, seen) in enumerate(results):
            print(f"PostgreSQL checker {k}: {len(lines[k::4])} drafts in {secs:.1f} s, "
                  f"peak RSS after 25 {at.get(25, 0):.0f} MB, at the end {at['end']:.0f} MB, exit {code}")
        print(f"PostgreSQL, 4 checkers during an add: {n} drafts in {checked:.1f} s = "
              f"{n / checked:.1f} drafts/s; the add of 20,000 articles took {added:.0f} s "
              f"(exit {add_code}); checkers' exits {[r[2] for r in results]}", flush=True)
        os.remove(extra)


if __name__ == "__main__":
    main()
