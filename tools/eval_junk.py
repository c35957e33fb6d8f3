#!/usr/bin/env python3
"""Count junk speakers: sources that are not a plausible name, title, body or
description, but a month, a preposition, a verb fragment or a bare pronoun.

usage: tools/eval_junk.py [--isnad target/release/isnad] [--corpora ../shared/corpora]
                          [--articles 2000] [--seed 20261204] [--show 20]

Draws ARTICLES articles at random (half from each corpus, seeded), runs
`isnad extract --format json` on them and classifies every source that isnad
did not leave unresolved. The classes read the word lists of the packs
(months from packs/compare.toml, cue forms from packs/cues.toml). Prints the
count per class, the rate per 500 attributions, and examples (text
of the speaker only, never a sentence of the articles).
"""
import argparse, gzip, json, os, random, re, subprocess, sys, tempfile, tomllib

PREPOSITIONS = {"ل", "لـ", "ب", "بـ", "في", "من", "على", "عن", "إلى", "الى", "مع", "لدى", "عند",
                "منذ", "حول", "خلال", "بين", "ضد", "عبر", "نحو", "ك", "كـ", "و", "ف", "أو", "ثم"}
# Pronouns, demonstratives and relatives, and the pronoun-carrying phrases
# that stand where a speaker would (من جهته، من جانبه).
PRONOUNS = {"جهته", "جهتها", "جانبه", "جانبها", "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "أنتم", "هذا", "هذه", "ذلك", "تلك",
            "هؤلاء", "أولئك", "الذي", "التي", "الذين", "ما", "من", "ه", "ها"}
FRAGMENTS = {"ما تردد", "ما تردد عن", "ما يتردد", "ما أشيع", "ما نشر", "ما قيل", "ما جاء", "ما ذكر"}


def fold(s):
    s = re.sub("[\u064b-\u0652\u0640]", "", s)
    return s.translate(str.maketrans("أإآىة", "اااىه")).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--isnad", default="target/release/isnad")
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--dump", help="write every resolved source's text to this JSON file")
    args = ap.parse_args()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    comp = tomllib.load(open(os.path.join(here, "packs/compare.toml"), "rb"))["compare"]
    months = {fold(w) for m in comp["months"].values() for w in (m if isinstance(m, list) else [m])}
    month_words = {w for m in months for w in m.split()}
    cues = tomllib.load(open(os.path.join(here, "packs/cues.toml"), "rb"))["cue"]
    verbs = {fold(f) for c in cues for k in ("m", "f", "pl") for f in c.get(k, [])}
    rng = random.Random(args.seed)
    picked = []
    for corpus in ("ant-multisource/ant_multisource_v2.1_all.jsonl.gz", "saudinewsnet/saudinewsnet_all.jsonl.gz"):
        path = os.path.join(args.corpora, corpus)
        if not os.path.exists(path):
            sys.exit(f"eval_junk: {path} is missing: this measure needs the shared corpora")
        lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines()
        picked += rng.sample(lines, args.articles // 2)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(picked) + "\n")
        tmp = f.name
    out = subprocess.run([args.isnad, "extract", "--format", "json", tmp], capture_output=True, text=True)
    os.unlink(tmp)
    total, junk = 0, {}
    unresolved = 0
    sources = []
    for line in out.stdout.splitlines():
        d = json.loads(line)
        if d.get("type") != "document":
            continue
        for a in d["attributions"]:
            total += 1
            s = a["source"]
            if s["resolution"] == "unresolved" or not s.get("text"):
                unresolved += 1
                continue
            sources.append(s["text"])
            text = fold(s["text"])
            words = [w for w in re.split(r"[\s،,:\"«»“”()]+", text) if w]
            first = re.sub("^[وف]", "", words[0]) if words else ""
            cls = None
            if not words:
                cls = "empty"
            elif all(w.isdigit() or w in "/-." for w in words):
                cls = "number"
            elif all(w in month_words or w.isdigit() or w in "/-." for w in words):
                cls = "month"
            elif words[0] in PREPOSITIONS or words[0].rstrip("ـ") in PREPOSITIONS or text.startswith("لـ"):
                cls = "preposition"
            elif words[0] in PRONOUNS or words[0] in ("وهو", "وهي", "وهم"):
                cls = "pronoun"
            elif any(text.startswith(fold(f)) for f in FRAGMENTS) or first in verbs or words[0] in verbs:
                cls = "verb fragment"
            if cls:
                junk.setdefault(cls, []).append(s["text"])
    n = sum(len(v) for v in junk.values())
    if args.dump:
        json.dump(sources, open(args.dump, "w"), ensure_ascii=False)
    print(f"{args.articles} articles, {total} attributions, {unresolved} unresolved sources")
    print(f"junk speakers: {n} ({n / max(total, 1) * 500:.2f} per 500 attributions)")
    for cls, v in sorted(junk.items()):
        print(f"  {cls}: {len(v)}  e.g. " + " | ".join(sorted(set(v))[: args.show]))


if __name__ == "__main__":
    main()
