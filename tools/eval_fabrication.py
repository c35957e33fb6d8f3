#!/usr/bin/env python3
"""Fabrications must not pass: statements the team made up for the most
quoted speakers of the real corpora must never come out `verified` or
`varied` against an archive of those corpora.

tests/fabrication/statements.toml holds one-sentence drafts, each putting
words in the mouth of one of the 20 speakers most quoted in ant-multisource
and SaudiNewsNet, of three kinds: `invented` (never said), `reversed` (the
opposite of a position on record) and `bent` (a position on record with one
fact changed). Every draft is written to a temporary file and checked with
`isnad check DRAFT --archive ARCHIVE --format json`; the first finding (the
attribution over the draft's statement) is the statement's verdict. The
verdicts are counted by kind. The number of `verified` or `varied` findings
is the figure to watch: the target is 0. A draft whose attribution is not
resolved to the statement's speaker is counted apart (the checker did not
judge the intended speaker's words).

The archive is built once from both corpora:

    isnad archive add /tmp/both.db \\
        ../shared/corpora/ant-multisource/ant_multisource_v2.1_all.jsonl.gz \\
        ../shared/corpora/saudinewsnet/saudinewsnet_all.jsonl.gz

With `--speakers N` the tool instead counts the canonical speakers of both
corpora (`isnad extract --format json`) and prints the N most quoted, leaving
out unresolved, anonymous and group sources: that is how the speakers of the
statements were chosen (spellings of one speaker, ترامب / دونالد ترامب, are
counted apart here and were summed by hand).

Usage: tools/eval_fabrication.py [--isnad target/release/isnad]
       [--archive /tmp/both.db] [--statements tests/fabrication/statements.toml]
       [--show [VERDICTS]] [--list] [--jobs N] [--extra=--min-similarity=0.7]
       tools/eval_fabrication.py --speakers 60

When the archive (or, for --speakers, the corpora) is missing the tool says
so and exits 0: there is nothing to measure. No article text is written
anywhere but a temporary directory.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
ALL = [
    os.path.join(CORPORA, "ant-multisource", "ant_multisource_v2.1_all.jsonl.gz"),
    os.path.join(CORPORA, "saudinewsnet", "saudinewsnet_all.jsonl.gz"),
]
STATEMENTS = os.path.join(ROOT, "tests", "fabrication", "statements.toml")
KINDS = ["invented", "reversed", "bent"]
VERDICTS = ["verified", "varied", "altered", "misattributed", "conflicting", "unsupported"]
BAD = {"verified", "varied"}


def check(isnad, archive, draft_text, tmp, k, extra):
    """Check one draft; return (first finding or None, stderr)."""
    path = os.path.join(tmp, f"draft-{k:03d}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(draft_text + "\n")
    p = subprocess.run(
        [isnad, "check", path, "--archive", archive, "--format", "json", *extra],
        capture_output=True, text=True,
    )
    for line in p.stdout.splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj.get("type") == "finding":
            return obj, p.stderr
    return None, p.stderr


def speakers(args):
    """Print the most quoted canonical speakers of both corpora."""
    missing = [p for p in ALL if not os.path.exists(p)]
    if missing:
        print(f"the shared corpora are not there ({', '.join(missing)}): nothing to count")
        return
    count = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    for corpus in ALL:
        p = subprocess.run([args.isnad, "extract", corpus, "--format", "json"], capture_output=True, text=True)
        for line in p.stdout.splitlines():
            doc = json.loads(line)
            for a in doc.get("attributions") or []:
                src = a["source"]
                name = src.get("canonical") or ""
                if not name or src.get("kind") in ("unresolved", "anonymous", "group"):
                    continue
                count[name] += 1
                kinds[name][src["kind"]] += 1
    print(f"{'count':>6}  kind          speaker")
    for name, n in count.most_common(args.speakers):
        kind = kinds[name].most_common(1)[0][0]
        print(f"{n:>6}  {kind:<12}  {name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--archive", default="/tmp/both.db", help="a quote archive of both corpora (isnad archive add)")
    ap.add_argument("--statements", default=STATEMENTS)
    ap.add_argument("--show", nargs="?", const="verified,varied", default="", metavar="VERDICTS",
                    help="print the statements that came out verified or varied (or with the given comma-separated verdicts), with their differences and evidence")
    ap.add_argument("--list", action="store_true", help="print one line per statement: kind, verdict, speaker, difference kinds")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="checks run at once")
    ap.add_argument("--extra", action="append", default=[], help="an extra argument for isnad check (--extra=--min-similarity=0.7)")
    ap.add_argument("--speakers", type=int, default=0, metavar="N", help="instead: count the speakers of both corpora and print the N most quoted")
    args = ap.parse_args()

    if not os.path.exists(args.isnad):
        print(f"no isnad binary at {args.isnad} (cargo build --release): nothing to measure")
        return
    if args.speakers:
        speakers(args)
        return
    if not os.path.isdir(CORPORA):
        print(f"the shared corpora are not at {CORPORA}: nothing to measure")
        return
    archive_is_file = "://" not in args.archive
    if archive_is_file and (not os.path.exists(args.archive) or os.path.getsize(args.archive) == 0):
        print(f"no archive at {args.archive}: nothing to measure. Build it with")
        print(f"  {args.isnad} archive add {args.archive} {' '.join(os.path.relpath(p) for p in ALL)}")
        return
    with open(args.statements, "rb") as f:
        statements = tomllib.load(f)["statement"]
    for i, s in enumerate(statements):
        if s.get("kind") not in KINDS or not s.get("speaker") or not s.get("draft"):
            sys.exit(f"{args.statements}: statement {i + 1} needs speaker, draft and kind ({' | '.join(KINDS)})")

    with tempfile.TemporaryDirectory() as tmp:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(
                lambda ks: check(args.isnad, args.archive, ks[1]["draft"], tmp, ks[0], args.extra),
                enumerate(statements),
            ))

    table = collections.defaultdict(collections.Counter)  # kind -> verdict -> n
    no_attr = collections.Counter()
    other_speaker = []
    unconfirmed = 0
    bad = []
    shown = []
    show = set(filter(None, args.show.split(",")))
    for k, (s, (found, err)) in enumerate(zip(statements, results)):
        if found is None:
            no_attr[s["kind"]] += 1
            if err.strip():
                print(f"statement {k + 1}: {err.strip().splitlines()[-1]}", file=sys.stderr)
            continue
        got = found["attribution"]["source"]["canonical"]
        if got != s["speaker"]:
            other_speaker.append((k, s, got))
        v = found["verdict"]
        table[s["kind"]][v] += 1
        if v in show:
            shown.append((k, s, found))
        if v in BAD:
            bad.append((k, s, found))
            if found.get("speaker") == "unconfirmed":
                unconfirmed += 1
        if args.list:
            diffs = ",".join(sorted({d["kind"] for d in found["differences"]})) or "-"
            who = found.get("speaker") or "-"
            print(f"{k + 1:>3} {s['kind']:<9} {v:<14} speaker={who:<11} diff={diffs:<22} {s['speaker']}")
    if args.list:
        print()

    seen = [v for v in VERDICTS] + sorted({v for c in table.values() for v in c} - set(VERDICTS))
    width = max(len(v) for v in seen) + 2
    by_kind = collections.Counter(s["kind"] for s in statements)
    print(f"statements: {len(statements)} (" + ", ".join(f"{k} {by_kind[k]}" for k in KINDS) + ")")
    print(f"{'':<{width}}" + "".join(f"{k:>10}" for k in KINDS) + f"{'all':>8}")
    for v in seen:
        row = [table[k][v] for k in KINDS]
        print(f"{v:<{width}}" + "".join(f"{n:>10}" for n in row) + f"{sum(row):>8}")
    row = [no_attr[k] for k in KINDS]
    print(f"{'no attribution':<{width}}" + "".join(f"{n:>10}" for n in row) + f"{sum(row):>8}")
    print(f"verified or varied: {len(bad)} (target 0); of these with speaker unconfirmed: {unconfirmed}")
    if other_speaker:
        print(f"attribution resolved to another speaker than the statement's: {len(other_speaker)}")
        for k, s, got in other_speaker:
            print(f"  {k + 1}: {s['speaker']} -> {got or '(unresolved)'}")

    if args.show:
        for k, s, found in shown:
            print(f"\n--- {k + 1} {s['kind']} {found['verdict']} (speaker {found.get('speaker')}): {s['speaker']}")
            print(f"draft   : {s['draft']}")
            print(f"content : {found['attribution']['content']['text']}")
            for d in found["differences"]:
                print(f"  {d['kind']}: {d['draft']['text']!r} / {d['reference']['text']!r}")
            for e in found["evidence"][:3]:
                print(f"  evidence {e['similarity']} agrees={e.get('agrees')} {e['source']['canonical']} "
                      f"({e['document']}): {e['content']['text'][:160]}")


if __name__ == "__main__":
    main()
