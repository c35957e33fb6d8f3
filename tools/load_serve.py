#!/usr/bin/env python3
"""isnad serve under load: concurrent desks checking 600-word drafts
against the archive of both shared corpora, through the JSON API.

1. An archive of every article of both corpora (built unless --archive
   names one).
2. Drafts of about 600 words, each made of attributed paragraphs of
   different real articles, so it reads like copy assembled from several
   wires; written to the work directory only, never to the repository.
3. `isnad serve --archive` on a free loopback port, warmed with one check,
   then --clients threads posting drafts to /api/v1/check one after the
   other (--requests each, in all). Reported: the latency of each check
   (median, 95th percentile, slowest), every status seen (a 503 is a busy
   answer, counted apart), checks per second, and the server's peak
   resident memory (VmHWM from /proc) at the end.

Usage: tools/load_serve.py [--isnad target/release/isnad] [--archive news.db]
       [--clients 8] [--requests 80] [--words 600] [--same] [--work DIR]

With --same every check sends one draft, as a desk does re-checking one
story (every decision reloads its review): what the archive keeps of the
documents it read is then used; without, each check is a different draft.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_archive import ALL, CORPORA, ROOT, fresh_archive, read_articles, size_of  # noqa: E402
from eval_load import CUES, hwm_mb  # noqa: E402


def make_drafts(n, words, rng):
    """`n` drafts of about `words` words from attributed paragraphs."""
    paras = []
    for path in ALL:
        for a in read_articles(path, 15000):
            for p in a.get("text", "").split("\n"):
                if 60 < len(p) < 700 and any(c in p for c in CUES):
                    paras.append(p.strip())
    rng.shuffle(paras)
    drafts, k = [], 0
    for _ in range(n):
        chosen, count = [], 0
        while count < words and k < len(paras):
            chosen.append(paras[k])
            count += len(paras[k].split())
            k += 1
        drafts.append("\n".join(chosen))
    return drafts


def start(isnad, archive, work):
    p = subprocess.Popen(
        [isnad, "serve", "--archive", archive, "--bind", "127.0.0.1:0",
         "--decisions", os.path.join(work, "decisions.db")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        if "http://" in line:
            url = "http://" + line.split("http://")[1].split("/")[0]
            threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
            return p, url
    sys.exit("isnad serve did not start: " + (p.stderr.read() if p.stderr else ""))


def check(url, text):
    body = json.dumps({"text": text}).encode()
    req = urllib.request.Request(f"{url}/api/v1/check", data=body,
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--archive", default="", help="an archive of both corpora, to reuse")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=80)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--work", default="")
    ap.add_argument("--same", action="store_true",
                    help="every check sends the same draft (a desk re-checking one story)")
    args = ap.parse_args()
    if not all(os.path.exists(p) for p in ALL):
        sys.exit(f"the shared corpora are not at {CORPORA}: nothing to measure")
    work = args.work or tempfile.mkdtemp(prefix="isnad-serve-load-")
    os.makedirs(work, exist_ok=True)
    db = args.archive
    if not db:
        db = os.path.join(work, "news.db")
        secs, _, _ = fresh_archive(args.isnad, db, ALL)
        print(f"archive of both corpora: {secs:.1f} s, {size_of(db) / 1e6:.0f} MB", flush=True)
    rng = random.Random(20261205)
    drafts = make_drafts(args.requests, args.words, rng)
    if args.same:
        drafts = [drafts[1]] * len(drafts)
    mean_words = statistics.mean(len(d.split()) for d in drafts)
    server, url = start(args.isnad, db, work)
    try:
        status, first = check(url, drafts[0])
        print(f"first check (warm-up): {first * 1000:.0f} ms, status {status}", flush=True)
        todo = list(range(args.requests))
        lock = threading.Lock()
        results = []

        def client():
            while True:
                with lock:
                    if not todo:
                        return
                    k = todo.pop()
                status, secs = check(url, drafts[k])
                with lock:
                    results.append((status, secs))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        peak = hwm_mb(server.pid)
    finally:
        server.terminate()
        server.wait()
    ok = sorted(s for st, s in results if st == 200)
    statuses = {}
    for st, _ in results:
        statuses[st] = statuses.get(st, 0) + 1
    p95 = ok[min(len(ok) - 1, int(round(0.95 * len(ok))) - 1)] if ok else float("nan")
    print(f"{args.clients} clients, {len(results)} checks of {mean_words:.0f}-word drafts "
          f"in {wall:.1f} s = {len(results) / wall:.1f} checks/s; statuses {statuses}")
    if ok:
        print(f"latency of answered checks: p50 {statistics.median(ok) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, slowest {ok[-1] * 1000:.0f} ms")
    print(f"server peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
