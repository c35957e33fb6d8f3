#!/usr/bin/env python3
"""Mine the variant pack (packs/variants.toml) from real cross-outlet copy:
words that two outlets put in the same place when they report one event.

Sources, train split only:
  * the same-event clusters of both corpora (`*_crossoutlet_clusters`):
    two outlets' articles of one cluster, their sentences paired when they
    share most words (Jaccard >= 0.4, six words or more);
  * ANS train paraphrases (`ans/stance/train.csv`, stance `agree`).

In each sentence pair, aligned word by word (difflib), a single word
replaced by a single word next to shared words (on both sides, or on one
side in a sentence of eight words or more) is a substitution. A pair of words is kept when it is seen in at least
--min-clusters clusters (ANS pairs count one each), neither word is a
number, a month or weekday, a person name of packs/names.toml or a
function word, the two are not of one family already (the checker's light
stemmer explains those), not both place or nationality adjectives, and not
in the opposites of packs/compare.toml (mining also picks up ارتفع/انخفض).

The split: a cluster is held out when crc32(cluster_id) % 5 == 0; those
clusters' quote pairs are the test of `tools/eval_variants.py --split
test`. ANS dev and test are never read.

The output holds word pairs and counts only: no sentence leaves this tool.

Usage: python3 tools/mine_variants.py [--min-clusters 3] [--out packs/variants.toml]
       [--show 50]
"""

import argparse
import collections
import csv
import difflib
import gzip
import json
import os
import re
import sys
import tomllib
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
SETS = [
    ("ant-multisource", "ant_crossoutlet_clusters.jsonl.gz", "ant_crossoutlet_articles.jsonl.gz"),
    ("saudinewsnet", "snn_crossoutlet_clusters.jsonl.gz", "snn_crossoutlet_articles.jsonl.gz"),
]

_STRIP = {c: None for c in range(0x064B, 0x0660)}
_STRIP[0x0670] = None
_STRIP[0x0640] = None
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و"})
WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0670-\u06D3\w]+")
SENT = re.compile(r"[.!?؟\n]+")

PREFIXES = ["وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "وس", "و", "ف", "ب", "ل", "ك", "س"]
SUFFIXES = ["هما", "كما", "ات", "ون", "ين", "ان", "وا", "ها", "هم", "هن", "كم", "نا", "ني", "ه", "ي", "ت", "ا"]


def norm(w):
    return w.translate(_STRIP).translate(_FOLD)


def held_out(cluster_id):
    return zlib.crc32(cluster_id.encode("utf-8")) % 5 == 0


def family_keys(w):
    """The checker's light stemmer (src/text/arabic.rs, family_keys)."""
    w = w.replace("ء", "ي").replace("ئ", "ي")
    stems = [w] + [w[len(p):] for p in PREFIXES if w.startswith(p) and len(w) - len(p) >= 3]
    out = set()
    for s in stems:
        forms = [s] + [s[: -len(x)] for x in SUFFIXES if s.endswith(x) and len(s) - len(x) >= 3]
        for f in forms:
            if len(f) >= 3:
                out.add(f)
            sk = "".join(c for c in f if c not in "اويءئؤى").replace("غ", "ج")
            if sk.endswith("ه") and len(sk) >= 4:
                sk = sk[:-1]
            while len(sk) >= 4 and sk[0] in "تمني":
                sk = sk[1:]
            if len(sk) >= 3:
                out.add("~" + sk)
    return out


def bare(w):
    for p in ("و", "ف"):
        if w.startswith(p) and len(w) - 1 >= 2:
            return w[1:]
    return w


def words(text):
    return [norm(w) for w in WORD.findall(text)]


def load_pack_words():
    """Words never mined: function words, names, months, numbers, and the
    opposite pairs."""
    with open(os.path.join(ROOT, "packs", "compare.toml"), "rb") as f:
        cmp = tomllib.load(f)["compare"]
    with open(os.path.join(ROOT, "packs", "names.toml"), "rb") as f:
        names = tomllib.load(f)["names"]
    never = set()
    for key in ("negations", "stopwords", "modals", "hedge_links", "still_verbs", "not_names", "addressee_pronouns", "fillers"):
        never |= {norm(w) for w in cmp.get(key, [])}
    for table in ("hedges", "weekdays", "months", "day_parts", "relative_days"):
        for ws in cmp.get(table, {}).values():
            for w in ws:
                never |= {norm(x) for x in w.split()}
    never |= {norm(w) for w in cmp.get("numbers", {})}
    for key in ("given", "family"):
        text = names.get(key, "")
        for line in text.splitlines():
            if line.strip():
                never.add(norm(line.split("\t")[0].strip()))
    opposites = set()
    for entry in cmp.get("opposites", []):
        a, _, b = entry.partition("/")
        opposites.add((norm(a), norm(b)))
        opposites.add((norm(b), norm(a)))
    return never, opposites


def substitutions(a, b):
    """Single-word substitutions between shared words of two word lists."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    ops = sm.get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
            continue
        before = k > 0 and ops[k - 1][0] == "equal"
        after = k + 1 < len(ops) and ops[k + 1][0] == "equal"
        if not (before or after) or not (before and after or len(a) >= 8):
            continue
        out.append((a[i1], b[j1]))
    return out


def sentences(text):
    out = []
    for s in SENT.split(text):
        w = words(s)
        if len(w) >= 6:
            out.append(w)
    return out


def jaccard(x, y):
    x, y = set(x), set(y)
    return len(x & y) / max(len(x | y), 1)


def mine_clusters(counts):
    n_clusters = 0
    for folder, cl_file, art_file in SETS:
        base = os.path.join(CORPORA, folder)
        articles = {}
        with gzip.open(os.path.join(base, art_file), "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                articles[a["id"]] = a
        with gzip.open(os.path.join(base, cl_file), "rt", encoding="utf-8") as f:
            for line in f:
                c = json.loads(line)
                if held_out(c["cluster_id"]):
                    continue
                n_clusters += 1
                members = [articles[m] for m in c["members"] if m in articles]
                seen = set()
                for i in range(len(members)):
                    for j in range(i + 1, len(members)):
                        x, y = members[i], members[j]
                        if x.get("source") == y.get("source"):
                            continue
                        sy = sentences(y.get("text", ""))
                        index = collections.defaultdict(set)
                        for k, s in enumerate(sy):
                            for w in set(s):
                                index[w].add(k)
                        for s in sentences(x.get("text", "")):
                            cand = collections.Counter()
                            for w in set(s):
                                for k in index.get(w, ()):
                                    cand[k] += 1
                            for k, _ in cand.most_common(3):
                                if jaccard(s, sy[k]) >= 0.4:
                                    for p in substitutions(s, sy[k]):
                                        seen.add(tuple(sorted(p)))
                for p in seen:
                    counts[p].add(c["cluster_id"])
    return n_clusters


def mine_ans(counts):
    path = os.path.join(CORPORA, "ans", "stance", "train.csv")
    n = 0
    with open(path, encoding="utf-8") as f:
        for k, r in enumerate(csv.DictReader(f)):
            if r["stance"] != "agree":
                continue
            n += 1
            for p in substitutions(words(r["s1"]), words(r["s2"])):
                counts[tuple(sorted(p))].add(f"ans-{k}")
    return n


# Pairs the mining finds that do not say the same: read by a person and
# kept out (a visit is not "carried out"; a fall is not a death).
REJECT = {("زار", "قام"), ("سقوط", "مقتل")}


def keep(pair, never, opposites):
    a, b = pair
    if bare(a) in never or bare(b) in never or (a, b) in REJECT:
        return False
    if a == b or len(a) < 3 or len(b) < 3:
        return False
    for w in (a, b):
        if w in never or (w.startswith("ال") and w[2:] in never) or any(c.isdigit() for c in w):
            return False
    if family_keys(a) & family_keys(b):
        return False
    if (a, b) in opposites:
        return False
    nisba = lambda w: w.endswith("يه") or w.endswith("ي") or w.endswith("يين") or w.endswith("يون")
    if nisba(a) and nisba(b):
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-clusters", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "packs", "variants.toml"))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        sys.exit(f"the shared corpora are not at {CORPORA}: nothing to mine")
    never, opposites = load_pack_words()
    counts = collections.defaultdict(set)
    nc = mine_clusters(counts)
    na = mine_ans(counts)
    kept = sorted(
        ((p, len(s)) for p, s in counts.items() if len(s) >= args.min_clusters and keep(p, never, opposites)),
        key=lambda x: (-x[1], x[0]),
    )
    print(f"{nc} train clusters, {na} ANS train paraphrases: {len(counts)} substitutions, {len(kept)} kept", file=sys.stderr)
    if args.show:
        for (a, b), n in kept[: args.show]:
            print(f"{n:5d} {a}/{b}", file=sys.stderr)
    lines = [
        "# Words that say the same in news copy, mined by tools/mine_variants.py",
        "# from the train split of the shared corpora's same-event clusters and",
        "# of ANS paraphrases: two outlets (or an outlet and an annotator) put",
        f"# one for the other between shared words, in at least {args.min_clusters} clusters.",
        "# Only word pairs leave the tool; the counts are in the tool's --show.",
        "# A changed word the checker explains with one of these pairs is",
        "# `wording`; one it cannot explain is `reworded` (docs/check.md). A",
        "# newsroom adds pairs with a `[compare]` section of its own pack.",
        "# Regenerate with `python3 tools/mine_variants.py`, then",
        "# `ISNAD_CANONICAL=overwrite cargo test --test canonical`.",
        "",
        "[compare]",
        "variants = [",
    ]
    lines += [f'  "{a}/{b}",' for (a, b), _ in kept]
    lines.append("]")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
