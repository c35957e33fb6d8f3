#!/usr/bin/env python3
"""The quote archive measured on the shared corpora.

1. Build an archive of every article of both shared corpora: wall time,
   size on disk, peak memory (`isnad archive add`).
2. A draft of 20 attributions (real attributed paragraphs, in a temporary
   directory): `check --archive` against `check --against` the same
   corpora, medians of repeated runs, the ratio, and whether the findings
   are the same.
3. Growth (`--growth 10000,100000,1000000`): archives of synthetic articles
   made by recombining real sentences, and the check latency at each size.

With `--postgres URL` (a database psql can create databases from), the
growth step also measures a PostgreSQL archive in a fresh database per
size.

Usage: tools/eval_archive.py [--isnad target/release/isnad] [--work DIR]
       [--runs 5] [--growth 10000,100000] [--postgres postgres://...]

No article text is written anywhere but the work directory (a temporary
one unless --work is given).
"""

import argparse
import gzip
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
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
ALL = [
    os.path.join(CORPORA, "ant-multisource", "ant_multisource_v2.1_all.jsonl.gz"),
    os.path.join(CORPORA, "saudinewsnet", "saudinewsnet_all.jsonl.gz"),
]


def timed(cmd, **kw):
    """Run a command; return (seconds, peak RSS in MB or None, process)."""
    tool = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if tool:
        cmd = [tool, "-f", "__rss %M", *cmd]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    secs = time.perf_counter() - t
    rss = None
    for line in p.stderr.splitlines():
        if line.startswith("__rss "):
            rss = int(line.split()[1]) / 1024
    return secs, rss, p


def size_of(path):
    return sum(os.path.getsize(p) for p in [path, path + "-wal"] if os.path.exists(p))


def fresh_archive(isnad, db, paths):
    """Remove any archive at `db`, then add `paths` to a new one; returns
    (seconds, peak RSS in MB, process)."""
    for p in [db, db + "-wal", db + "-shm"]:
        if os.path.exists(p):
            os.remove(p)
    return timed([isnad, "archive", "add", db, *paths])


def read_articles(path, limit=None):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if limit is not None and k >= limit:
                return
            if line.strip():
                yield json.loads(line)


def make_draft(isnad, work, rng):
    """Attributed paragraphs of real articles until the draft has 20
    attributions."""
    paras = []
    for a in read_articles(ALL[0], 3000):
        for p in a.get("text", "").split("\n"):
            if 60 < len(p) < 400 and any(c in p for c in ("قال", "أكد", "أضاف", "أوضح")):
                paras.append(p)
    rng.shuffle(paras)
    draft = []
    n = 0
    for p in paras:
        draft.append(p)
        out = subprocess.run([isnad, "extract", "-", "--format", "json"], input="\n".join(draft),
                             capture_output=True, text=True).stdout
        n = len(json.loads(out.splitlines()[0])["attributions"])
        if n >= 20:
            break
    path = os.path.join(work, "draft.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(draft) + "\n")
    return path, n


def findings(out):
    return [l for l in out.splitlines() if '"type":"summary"' not in l]


def median_check(isnad, args, runs):
    times = []
    out = None
    for _ in range(runs):
        secs, _, p = timed([isnad, "check", *args, "--format", "json"])
        if p.returncode not in (0, 1):
            sys.exit(f"check failed: {p.stderr}")
        times.append(secs)
        out = p.stdout
    return statistics.median(times), out


def synthetic(work, n, rng):
    """n articles, each 6 sentences drawn from real articles of both
    corpora, written as .jsonl.gz."""
    sentences = []
    for path in ALL:
        for a in read_articles(path, 20000):
            for s in a.get("text", "").replace("\n", " ").split(". "):
                if 40 < len(s) < 400:
                    sentences.append(s.strip())
    path = os.path.join(work, f"synthetic-{n}.jsonl.gz")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        for k in range(n):
            text = ".\n".join(rng.choice(sentences) for _ in range(6)) + "."
            f.write(json.dumps({"id": f"syn-{k}", "text": text, "source": f"outlet-{k % 19}"},
                               ensure_ascii=False) + "\n")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--work", default="")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--growth", default="", help="synthetic archive sizes, e.g. 10000,100000")
    ap.add_argument("--postgres", default="", help="a PostgreSQL URL to measure too")
    ap.add_argument("--skip-full", action="store_true", help="only the growth step")
    args = ap.parse_args()
    if not all(os.path.exists(p) for p in ALL):
        sys.exit(f"the shared corpora are not at {CORPORA}: nothing to measure")
    work = args.work or tempfile.mkdtemp(prefix="isnad-archive-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(20261129)
    draft, n = make_draft(args.isnad, work, rng)
    print(f"draft: {n} attributions")

    if not args.skip_full:
        db = os.path.join(work, "news.db")
        secs, rss, p = fresh_archive(args.isnad, db, ALL)
        print(f"archive add, both corpora: {secs:.1f} s, peak RSS {rss or 0:.0f} MB, "
              f"{size_of(db) / 1e6:.0f} MB on disk; "
              f"{[l for l in p.stderr.splitlines() if not l.startswith('__rss')][-1]}")
        t_arch, out_arch = median_check(args.isnad, [draft, "--archive", db], args.runs)
        t_raw, out_raw = median_check(args.isnad, [draft, "--against", *ALL], max(1, args.runs // 2))
        same = findings(out_arch) == findings(out_raw)
        verdicts = lambda out: [json.loads(l)["verdict"] for l in findings(out)]
        print(f"check, {n} attributions: --archive {t_arch * 1000:.0f} ms, --against {t_raw:.2f} s "
              f"(medians): {t_raw / t_arch:.0f}x faster; findings identical: {same}; "
              f"verdicts identical: {verdicts(out_arch) == verdicts(out_raw)}")

    for size in [int(s) for s in args.growth.split(",") if s]:
        corpus = synthetic(work, size, rng)
        db = os.path.join(work, f"growth-{size}.db")
        secs, rss, _ = fresh_archive(args.isnad, db, [corpus])
        t, _ = median_check(args.isnad, [draft, "--archive", db], args.runs)
        line = (f"growth {size:>8} articles: add {secs:.0f} s (peak RSS {rss or 0:.0f} MB, "
                f"{size_of(db) / 1e6:.0f} MB); check {t * 1000:.0f} ms")
        if args.postgres:
            # A fresh database per size, made through psql.
            name = f"isnad_growth_{size}"
            base = args.postgres.rsplit("/", 1)[0]
            for sql in [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"]:
                subprocess.run(["psql", args.postgres, "-q", "-c", sql], check=True, capture_output=True)
            url = f"{base}/{name}"
            secs, _, _ = timed([args.isnad, "archive", "add", url, corpus])
            t, _ = median_check(args.isnad, [draft, "--archive", url], args.runs)
            line += f"; PostgreSQL: add {secs:.0f} s, check {t * 1000:.0f} ms"
        print(line, flush=True)
        os.remove(corpus)


if __name__ == "__main__":
    main()
