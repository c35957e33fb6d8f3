#!/usr/bin/env python3
"""Agreement of two independent annotations of the same articles.

usage: tools/gold/agree.py [--corpora ../shared/corpora] FIRST.jsonl SECOND.jsonl

Both files are in the gold set's offset form. SECOND is scored against FIRST
the way `isnad eval` scores the extractor: contents match when they overlap by
half of each span, one to one, largest overlap first; sources agree when their
spans overlap or half of the shorter name's words occur in the other.
Prints precision, recall and F1 for content and content+source, and mode
agreement over matched pairs. Only articles present in both files count.
"""
import argparse, gzip, json, os, re, unicodedata


def load(path):
    return {json.loads(l)["id"]: json.loads(l) for l in open(path, encoding="utf-8") if l.strip()}


def texts(corpora, wanted):
    out = {}
    for corpus in sorted({c for c, _ in wanted}):
        with gzip.open(os.path.join(corpora, corpus), "rt", encoding="utf-8") as f:
            for l in f:
                a = json.loads(l)
                if (corpus, a["id"]) in wanted:
                    out[a["id"]] = a["text"].encode("utf-8")
    return out


def words(b):
    s = unicodedata.normalize("NFKC", b.decode("utf-8", "replace"))
    s = re.sub("[\u064b-\u0652\u0640]", "", s)
    s = s.translate(str.maketrans("أإآىة", "ااايه"))
    ws = {w for w in re.split(r"\W+", s) if w}
    return {w[2:] if w.startswith("ال") and len(w) > 3 else w for w in ws}


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("first")
    ap.add_argument("second")
    args = ap.parse_args()
    a, b = load(args.first), load(args.second)
    common = sorted(set(a) & set(b))
    txt = texts(args.corpora, {(a[d]["corpus"], d) for d in common})
    tp = fp = fn = stp = same_mode = 0
    for d in common:
        ga, gb = a[d]["attributions"], b[d]["attributions"]
        pairs = sorted(((overlap(x["content"], y["content"]), i, j)
                        for i, x in enumerate(ga) for j, y in enumerate(gb)
                        if 2 * overlap(x["content"], y["content"]) >= max(
                            x["content"][1] - x["content"][0], y["content"][1] - y["content"][0])
                        and overlap(x["content"], y["content"]) > 0), reverse=True)
        ua, ub = set(), set()
        for _, i, j in pairs:
            if i in ua or j in ub:
                continue
            ua.add(i); ub.add(j); tp += 1
            x, y = ga[i], gb[j]
            same_mode += x["mode"] == y["mode"]
            sx, sy = x["source"], y["source"]
            if sx is None or sy is None:
                ok = sx is None and sy is None
            elif overlap(sx, sy) > 0:
                ok = True
            else:
                wx, wy = words(txt[d][sx[0]:sx[1]]), words(txt[d][sy[0]:sy[1]])
                small = min(len(wx), len(wy))
                ok = small > 0 and 2 * len(wx & wy) >= small
            stp += ok
        fn += len(ga) - len(ua)
        fp += len(gb) - len(ub)
    def line(name, t):
        p, r = t / (tp + fp), t / (tp + fn)
        print(f"{name:<15} P {p:.3f}  R {r:.3f}  F1 {2*p*r/(p+r):.3f}")
    print(f"{len(common)} articles; first {sum(len(a[d]['attributions']) for d in common)} attributions, "
          f"second {sum(len(b[d]['attributions']) for d in common)}")
    line("content", tp)
    line("content+source", stp)
    print(f"same mode       {same_mode / max(tp, 1):.3f} of {tp} matched")


if __name__ == "__main__":
    main()
