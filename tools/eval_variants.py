#!/usr/bin/env python3
"""False alarms on legitimate variation: real quotes two outlets worded
differently must come out `verified` or `varied`.

For every pair of `*_quote_pairs.jsonl.gz` (in ../shared/corpora) labelled
`wording` with a speech cue before both sides, the draft is the paragraph
carrying the shorter rendering and the reference is the other outlet's
whole article. `isnad check --format json` runs on each pair; the finding
whose content overlaps the quote is the pair's verdict. Pairs where the
extractor finds no attribution over the quote are counted apart (there is
no verdict to judge).

Usage: tools/eval_variants.py [--isnad target/release/isnad] [--limit N]
       [--seed S] [--show VERDICT] [--split all|train|test]

`--split test` keeps the pairs of the clusters tools/mine_variants.py holds
out of the variant pack (crc32(cluster_id) % 5 == 0).

No article text is written anywhere but a temporary directory.
"""

import argparse
import collections
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
SETS = [
    ("ant-multisource", "ant_quote_pairs.jsonl.gz", "ant_crossoutlet_articles.jsonl.gz"),
    ("saudinewsnet", "snn_quote_pairs.jsonl.gz", "snn_crossoutlet_articles.jsonl.gz"),
]
GOOD = {"verified", "varied"}


def read_jsonl(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--limit", type=int, default=0, help="pairs to run (0: all)")
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--show", default="", help="print the pairs with this verdict (or `unconfirmed`: confirmed by another speaker's words only)")
    ap.add_argument("--split", default="all", choices=["all", "train", "test"], help="the clusters tools/mine_variants.py mined (train) or held out (test)")
    ap.add_argument("--extra", action="append", default=[], help="an extra argument for isnad check (--extra=--min-similarity=0.7)")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        sys.exit(f"the shared corpora are not at {CORPORA}: nothing to measure")

    pairs = []
    articles = {}
    for folder, pair_file, art_file in SETS:
        for a in read_jsonl(os.path.join(CORPORA, folder, art_file)):
            articles[a["id"]] = a
        for p in read_jsonl(os.path.join(CORPORA, folder, pair_file)):
            if p["kind"] == "wording" and p["speech_cue_before_a"] and p["speech_cue_before_b"]:
                test = zlib.crc32(p["cluster_id"].encode("utf-8")) % 5 == 0
                if args.split == "all" or (args.split == "test") == test:
                    pairs.append(p)
    random.Random(args.seed).shuffle(pairs)
    if args.limit:
        pairs = pairs[: args.limit]

    verdicts = collections.Counter()
    unconfirmed = 0
    no_attr = 0
    missing = 0
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, p in enumerate(pairs):
            qa, qb = p["quote_a"], p["quote_b"]
            if len(qa) <= len(qb):
                draft_id, quote, ref_id = p["article_a"], qa, p["article_b"]
            else:
                draft_id, quote, ref_id = p["article_b"], qb, p["article_a"]
            da, ra = articles.get(draft_id), articles.get(ref_id)
            if not da or not ra or quote not in da["text"]:
                missing += 1
                continue
            text = da["text"]
            at = text.index(quote)
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            para = text[start:end]
            q0 = len(para[: at - start].encode("utf-8"))
            q1 = q0 + len(quote.encode("utf-8"))
            draft = os.path.join(tmp, "draft.txt")
            ref = os.path.join(tmp, "ref.jsonl")
            with open(draft, "w", encoding="utf-8") as f:
                f.write(para + "\n")
            with open(ref, "w", encoding="utf-8") as f:
                f.write(json.dumps({k: ra.get(k) for k in ("id", "text", "source", "date", "title", "url")}, ensure_ascii=False) + "\n")
            out = subprocess.run(
                [args.isnad, "check", draft, "--against", ref, "--format", "json", *args.extra],
                capture_output=True, text=True,
            ).stdout
            found = None
            for line in out.splitlines():
                f = json.loads(line)
                if f.get("type") != "finding":
                    continue
                s, e = f["attribution"]["content"]["span"]
                if s < q1 and q0 < e:
                    found = f
                    break
            if found is None:
                no_attr += 1
                continue
            v = found["verdict"]
            verdicts[v] += 1
            if v in GOOD and found.get("speaker") == "unconfirmed":
                unconfirmed += 1
            shown_as = "unconfirmed" if v in GOOD and found.get("speaker") == "unconfirmed" else v
            if args.show and args.show in (v, shown_as) and shown < 40:
                shown += 1
                print(f"--- {draft_id} vs {ref_id}")
                print(f"draft quote : {quote}")
                print(f"other quote : {qb if quote == qa else qa}")
                print(f"content     : {found['attribution']['content']['text']}")
                print(f"source      : {found['attribution']['source']['canonical']}")
                for d in found["differences"]:
                    print(f"  {d['kind']}: {d['draft']['text']!r} / {d['reference']['text']!r}")
                for e in found["evidence"][:2]:
                    print(f"  evidence {e['similarity']} {e['source']['canonical']}: {e['content']['text'][:120]}")
    judged = sum(verdicts.values())
    bad = judged - sum(verdicts[v] for v in GOOD)
    print(f"pairs: {len(pairs)} (quote not found in its article: {missing}; no attribution over the quote: {no_attr})")
    print(f"judged: {judged}")
    for v in ["verified", "varied", "reworded", "unsupported", "altered", "misattributed", "conflicting"]:
        print(f"  {v:<14}{verdicts[v]:>6}  {100 * verdicts[v] / max(judged, 1):5.1f}%")
    alarms = sum(verdicts[v] for v in ("altered", "misattributed", "conflicting"))
    middle = verdicts["reworded"] + verdicts["unsupported"]
    print(f"not verified/varied: {bad} = {100 * bad / max(judged, 1):.1f}%")
    print(f"false alarms (altered/misattributed/conflicting): {alarms} = {100 * alarms / max(judged, 1):.1f}% (target <= 5%)")
    print(f"reworded or unsupported: {middle} = {100 * middle / max(judged, 1):.1f}% (goal <= 25%)")
    print(f"verified/varied with speaker unconfirmed (a warning): {unconfirmed} = {100 * unconfirmed / max(judged, 1):.1f}%")


if __name__ == "__main__":
    main()
