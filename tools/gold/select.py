#!/usr/bin/env python3
"""Select the articles of the gold set's third round (see gold/README.md).

usage: tools/gold/select.py [--corpora ../shared/corpora] OUT_DIR

Writes OUT_DIR/dev-new.jsonl and OUT_DIR/test-new.jsonl: the selected articles
(id, source, date, title, text, corpus) for annotators, and OUT_DIR/selection.tsv
(split, corpus, outlet, id). The article texts stay outside the repository.
Deterministic: a fixed seed, articles sorted by id before shuffling, and the
ids already in gold/dev.jsonl and gold/test.jsonl left out.
"""
import argparse, gzip, json, os, random, re

SEED = 20261204
ANT = "ant-multisource/ant_multisource_v2.1_all.jsonl.gz"
SNN = "saudinewsnet/saudinewsnet_all.jsonl.gz"
ANT_OUTLETS = ["SkyNews", "Alarabia", "France24", "BBC", "CNN"]
ANT_CATEGORIES = {"internationalNews", "middleEast", "economy"}
# Every SaudiNewsNet outlet but the two sports papers.
SNN_OUTLETS = ["was", "aawsat", "okaz", "alriyadh", "alwatan", "sabq", "alweeam",
               "aljazirah", "alyaum", "aleqtisadiya", "almadina", "3alyoum"]
PER_OUTLET = {"ANT": (3, 7), "SNN": (2, 5)}   # (test, dev) articles per outlet
MIN_CUES = 4
CUES = re.compile(r"(?:^|[\s«\"“”(])(?:و|ف)?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|أشار|أشارت|"
                  r"ذكر|ذكرت|أعلن|أعلنت|صرح|صرحت|كشف|كشفت|نفى|نفت|حذر|حذرت|شدد|شددت|"
                  r"مضيفا|مشيرا|مؤكدا|موضحا|قائلا|بحسب|حسب|وفقا|وفق|نقلا|لفت|لفتت|اعتبر|اعتبرت)"
                  r"(?=[\s،,:])")


def articles(path, corpus):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            a["corpus"] = corpus
            yield a


def eligible(a, kind):
    n = len(a["text"].encode("utf-8"))
    if not 600 <= n <= 4000:
        return False
    if kind == "ANT":
        return a.get("category") in ANT_CATEGORIES
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--gold", default="gold")
    ap.add_argument("out")
    args = ap.parse_args()
    taken = set()
    for name in ("dev.jsonl", "test.jsonl"):
        with open(os.path.join(args.gold, name), encoding="utf-8") as f:
            taken.update(json.loads(l)["id"] for l in f if l.strip())
    pools = {}
    for kind, corpus, outlets in (("ANT", ANT, ANT_OUTLETS), ("SNN", SNN, SNN_OUTLETS)):
        for a in articles(os.path.join(args.corpora, corpus), corpus):
            if a["source"] in outlets and a["id"] not in taken and eligible(a, kind):
                pools.setdefault((kind, a["source"]), []).append(a)
    rng = random.Random(SEED)
    os.makedirs(args.out, exist_ok=True)
    out = {s: open(os.path.join(args.out, f"{s}-new.jsonl"), "w", encoding="utf-8") for s in ("dev", "test")}
    tsv = open(os.path.join(args.out, "selection.tsv"), "w", encoding="utf-8")
    for kind, outlets in (("ANT", ANT_OUTLETS), ("SNN", SNN_OUTLETS)):
        n_test, n_dev = PER_OUTLET[kind]
        for outlet in outlets:
            pool = sorted(pools[(kind, outlet)], key=lambda a: a["id"])
            rng.shuffle(pool)
            chosen = [a for a in pool if len(CUES.findall(a["text"])) >= MIN_CUES][: n_test + n_dev]
            for i, a in enumerate(chosen):
                split = "test" if i < n_test else "dev"
                keep = {k: a.get(k) for k in ("id", "source", "date", "title", "text", "corpus")}
                out[split].write(json.dumps(keep, ensure_ascii=False) + "\n")
                tsv.write(f"{split}\t{a['corpus']}\t{outlet}\t{a['id']}\t{len(CUES.findall(a['text']))}\n")


if __name__ == "__main__":
    main()
