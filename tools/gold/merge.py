#!/usr/bin/env python3
"""Add converted articles to the gold files of their split.

usage: tools/gold/merge.py SELECTION.tsv CONVERTED.jsonl... [--gold gold]

SELECTION.tsv (from select.py) says which split each article belongs to.
Articles already in a gold file are kept as they are (an id is never
annotated twice into the gold); the files stay sorted by corpus, then id.
"""
import argparse, json, os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("selection")
    ap.add_argument("converted", nargs="+")
    ap.add_argument("--gold", default="gold")
    args = ap.parse_args()
    split = {}
    for line in open(args.selection, encoding="utf-8"):
        s, _corpus, _outlet, doc, *_ = line.rstrip("\n").split("\t")
        split[doc] = s
    files = {s: os.path.join(args.gold, f"{s}.jsonl") for s in ("dev", "test")}
    gold = {s: {} for s in files}
    for s, path in files.items():
        for line in open(path, encoding="utf-8"):
            if line.strip():
                a = json.loads(line)
                gold[s][a["id"]] = a
    added = {s: 0 for s in files}
    for path in args.converted:
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            a = json.loads(line)
            s = split[a["id"]]
            if any(a["id"] in g for g in gold.values()):
                continue
            gold[s][a["id"]] = a
            added[s] += 1
    for s, path in files.items():
        with open(path, "w", encoding="utf-8") as out:
            for a in sorted(gold[s].values(), key=lambda a: (a["corpus"], a["id"])):
                out.write(json.dumps(a, ensure_ascii=False) + "\n")
        n = sum(len(a["attributions"]) for a in gold[s].values())
        print(f"{path}: {len(gold[s])} articles (+{added[s]}), {n} attributions")


if __name__ == "__main__":
    main()
