#!/usr/bin/env python3
"""Catching real edits: drafts built from real articles with known edits,
checked against the article they came from.

From a seeded sample of articles of ../shared/corpora, `isnad extract`
finds the attributions; for each usable one (content of 5+ words, a named
person or organisation as source) the draft is its paragraph, either
unedited or with one edit:

  number    a number inside the content changed (45 -> 54)
  negation  a negation inside the content added or removed
  source    the source's words replaced by another person of the article
            (a person introduced with a title, named in full)
  speaker   the source's words replaced by any other person or
            organisation the extractor names in the article (its
            canonical name), sharing no name word with the first
  foreign   a paragraph of an attribution from an article of another
            corpus (not among the references)

and `isnad check DRAFT --against ARTICLE` must answer: number -> altered
with a `number` difference, negation -> altered with a `negation`
difference, source and speaker -> misattributed, foreign -> unsupported, unedited ->
verified or varied.

Usage: tools/eval_edits.py [--isnad PATH] [--articles N] [--seed S]
       [--show KIND]

Article text is only written to a temporary directory.
"""

import argparse
import collections
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
FILES = [
    os.path.join(CORPORA, "ant-multisource", "ant_multisource_v2.1_all.jsonl.gz"),
    os.path.join(CORPORA, "saudinewsnet", "saudinewsnet_all.jsonl.gz"),
]
MONTHS = set("""يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين""".split())
NEGATIONS = ["لا", "لم", "لن", "ليس", "ليست"]
IMPERFECT = re.compile(r"^(?:[وف])?[يتن][\u0621-\u064A]{2,}$")
DIGITS = re.compile(r"(?<![\d.,٫٬:/])(\d{2,4}|[٠-٩]{2,4})(?![\d.,٫٬:/])")


def sample_articles(n, seed):
    """Reservoir-free seeded sample: every article kept with probability
    p, so the sample is the same on every run."""
    rng = random.Random(seed)
    out = []
    for path in FILES:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if rng.random() < n / 60000:
                    a = json.loads(line)
                    if a.get("text"):
                        out.append(a)
    return out


def extract(isnad, articles, tmp):
    path = os.path.join(tmp, "sample.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n")
    out = subprocess.run([isnad, "extract", "--format", "json", path], capture_output=True, text=True).stdout
    return {d["id"]: d for d in map(json.loads, out.splitlines()) if d.get("type") == "document"}


def paragraph(text_b, span):
    """The byte range of the paragraph around span."""
    s = text_b.rfind(b"\n", 0, span[0]) + 1
    e = text_b.find(b"\n", span[1])
    return s, (len(text_b) if e < 0 else e)


TITLES = set("""رئيس رئيسة وزير وزيرة نقيب متحدث متحدثة مسؤول مسؤولة مدير مديرة الرئيس الوزير المتحدث
المسؤول المدير الناطق ناطق أمين الأمين سفير السفير قائد القائد زعيم الشيخ الملك الأمير النائب نائب عضو
مستشار المستشار محافظ المحافظ مدرب المدرب لاعب اللاعب موقع وكالة بيان مصدر مصادر أحد إحدى""".split())


def person_name(name, text):
    """A name that reads as a person's: two to four words, none a title
    or a clitic-led common word, whose last word (the family name) is
    written at least twice in the article (extractor slips such as
    «وكلمات لا يصح» are not names). Callers also require the mention to
    carry a title before the name."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w in TITLES or w[0] in "وبلف" and len(w) > 3 and w[1:] in text.split() for w in words):
        return False
    return text.count(words[-1]) >= 2


def usable(a):
    words = a["content"]["text"].split()
    return (
        len(words) >= 5
        and a["source"]["kind"] in ("person", "organization")
        and a["source"]["span"] is not None
        and a.get("nested_in") is None
    )


def edit_number(content):
    m = DIGITS.search(content)
    if not m:
        return None
    digits = m.group(1)
    if re.fullmatch(r"(19|20)\d\d", digits):
        return None  # a year is a time, not a quantity
    after = content[m.end(1):].split()
    if content[m.end(1):m.end(1) + 1] in ":/" or (after and after[0].strip("()،,.").split("/")[0] in MONTHS):
        return None  # a day of a date or a clock time: a time, not a quantity
    west = digits.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    new = str(int(west) * 2 + 1) if int(west) < 5000 else str(int(west) // 2 + 1)
    return content[: m.start(1)] + new + content[m.end(1):]


def edit_negation(content):
    words = content.split(" ")
    for k, w in enumerate(words):
        if w in NEGATIONS:
            return " ".join(words[:k] + words[k + 1:])
    for k, w in enumerate(words):
        if IMPERFECT.match(w) and k > 0:
            return " ".join(words[:k] + ["لا"] + words[k:])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--per-article", type=int, default=2, help="attributions used per article")
    ap.add_argument("--show", default="", help="print the failures of this kind")
    ap.add_argument("--extra", action="append", default=[], help="an extra argument for isnad check (--extra=--min-similarity=0.7)")
    args = ap.parse_args()
    for p in FILES:
        if not os.path.exists(p):
            sys.exit(f"missing {p}: the shared corpora are needed for this measure")
    rng = random.Random(args.seed)
    articles = sample_articles(args.articles, args.seed)
    results = collections.defaultdict(collections.Counter)
    shown = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        docs = extract(args.isnad, articles, tmp)
        by_id = {a["id"]: a for a in articles}
        pool = []  # (article, attribution) for foreign paragraphs
        for a in articles:
            d = docs.get(a["id"])
            if d:
                pool.extend((a, x) for x in d["attributions"] if usable(x))
        cases = []
        for a in articles:
            d = docs.get(a["id"])
            if not d:
                continue
            attrs = [x for x in d["attributions"] if usable(x)]
            rng.shuffle(attrs)
            people = {}
            for x in d["attributions"]:
                # A person introduced with a title (وزير الخارجية سامح شكري):
                # the canonical name after the title is a name, not a slip.
                titled = x["source"]["text"] != x["source"]["canonical"] and x["source"]["text"].endswith(x["source"]["canonical"])
                if (
                    x["source"]["kind"] == "person"
                    and x["source"]["resolution"] == "explicit"
                    and titled
                    and person_name(x["source"]["canonical"], a["text"])
                ):
                    people.setdefault(x["source"]["canonical"], x)
            text_b = a["text"].encode("utf-8")
            for x in attrs[: args.per_article]:
                ps, pe = paragraph(text_b, x["content"]["span"])
                para = text_b[ps:pe]
                cs, ce = x["content"]["span"][0] - ps, x["content"]["span"][1] - ps
                content = para[cs:ce].decode("utf-8")
                cases.append(("unedited", a, para.decode("utf-8"), (cs, ce), ""))
                for kind, fn in (("number", edit_number), ("negation", edit_negation)):
                    new = fn(content)
                    if new and new != content:
                        nb = new.encode("utf-8")
                        cases.append((kind, a, (para[:cs] + nb + para[ce:]).decode("utf-8"), (cs, cs + len(nb)), ""))
                # Another person of the same article, named in full.
                # Only a person named in full is swapped for another person
                # named in full, sharing no name word with the first.
                own = x["source"]["canonical"].split()
                others = [
                    n for n in people
                    if len(n.split()) >= 2 and not set(n.split()) & set(own) and n not in x["source"]["text"]
                ]
                swappable = x["source"]["canonical"] in people
                if swappable and others and x["source"]["span"][0] >= ps and x["source"]["span"][1] <= pe:
                    other = rng.choice(sorted(others)).encode("utf-8")
                    ss, se = x["source"]["span"][0] - ps, x["source"]["span"][1] - ps
                    shift = len(other) - (se - ss)
                    if ss < cs:
                        span = (cs + shift, ce + shift)
                    else:
                        span = (cs, ce)
                    cases.append(("source", a, (para[:ss] + other + para[se:]).decode("utf-8"), span, x["source"]["canonical"] + " -> " + other.decode("utf-8")))
                # Any other person or organisation the extractor names in
                # the article, as the article names it (canonical), sharing
                # no name word with the first: the "speaker" swap.
                named = {
                    y["source"]["canonical"]: y for y in d["attributions"]
                    if y["source"]["kind"] in ("person", "organization")
                    and y["source"]["resolution"] == "explicit"
                    and y["source"]["canonical"]
                }
                own_words = set(x["source"]["canonical"].split())
                candidates = sorted(
                    n for n in named
                    if not set(n.split()) & own_words and n not in x["source"]["text"]
                )
                if candidates and x["source"]["resolution"] == "explicit" and x["source"]["span"][0] >= ps and x["source"]["span"][1] <= pe:
                    pick = rng.choice(candidates)
                    pair = f'{x["source"]["kind"][:3]}>{named[pick]["source"]["kind"][:3]}'
                    other = pick.encode("utf-8")
                    ss, se = x["source"]["span"][0] - ps, x["source"]["span"][1] - ps
                    shift = len(other) - (se - ss)
                    span = (cs + shift, ce + shift) if ss < cs else (cs, ce)
                    cases.append(("speaker", a, (para[:ss] + other + para[se:]).decode("utf-8"), span, pair + " " + x["source"]["canonical"] + " -> " + other.decode("utf-8")))
                # A paragraph from an article of the other corpus.
                foreign = [p for p in pool if p[0]["id"][:3] != a["id"][:3] and p[0]["id"] != a["id"]]
                if foreign:
                    fa, fx = rng.choice(foreign)
                    fb = fa["text"].encode("utf-8")
                    fs, fe = paragraph(fb, fx["content"]["span"])
                    cases.append(("foreign", a, fb[fs:fe].decode("utf-8"), (fx["content"]["span"][0] - fs, fx["content"]["span"][1] - fs), ""))
        for kind, a, draft_text, (q0, q1), note in cases:
            draft = os.path.join(tmp, "draft.txt")
            ref = os.path.join(tmp, "ref.jsonl")
            with open(draft, "w", encoding="utf-8") as f:
                f.write(draft_text + "\n")
            with open(ref, "w", encoding="utf-8") as f:
                f.write(json.dumps({k: a.get(k) for k in ("id", "text", "source", "date", "url")}, ensure_ascii=False) + "\n")
            out = subprocess.run([args.isnad, "check", draft, "--against", ref, "--format", "json", *args.extra], capture_output=True, text=True).stdout
            found = None
            for line in out.splitlines():
                f = json.loads(line)
                if f.get("type") == "finding":
                    s, e = f["attribution"]["content"]["span"]
                    if s < q1 and q0 < e:
                        found = f
                        break
            if found is None:
                results[kind]["no attribution"] += 1
                continue
            kinds = {d["kind"] for d in found["differences"]}
            v = found["verdict"]
            right = {
                "unedited": v in ("verified", "varied"),
                "number": v == "altered" and "number" in kinds,
                "negation": v == "altered" and "negation" in kinds,
                "source": v == "misattributed",
                "speaker": v == "misattributed",
                "foreign": v == "unsupported",
            }[kind]
            results[kind]["right" if right else v] += 1
            if kind == "speaker":
                # By the kinds swapped: person>person, person>organization ...
                results["speaker " + note.split(" ")[0]]["right" if right else v] += 1
            if args.show == kind and not right and shown[kind] < 25:
                shown[kind] += 1
                print(f"--- {kind} {a['id']}: {v} {sorted(kinds)} {note}")
                print(f"draft  : {draft_text[:300]}")
                print(f"source : {found['attribution']['source']['canonical']}")
                for d in found["differences"][:3]:
                    print(f"  {d['kind']}: {d['draft']['text'][:80]!r} / {d['reference']['text'][:80]!r}")
                for e in found["evidence"][:2]:
                    print(f"  evidence {e['similarity']} {e['source']['canonical']}: {e['content']['text'][:100]}")
    print(f"articles: {len(articles)}")
    subkinds = sorted(k for k in results if k.startswith("speaker "))
    for kind in ("unedited", "number", "negation", "source", "speaker", *subkinds, "foreign"):
        c = results[kind]
        judged = sum(n for k, n in c.items() if k != "no attribution")
        rate = 100 * c["right"] / max(judged, 1)
        target = "<= 5% flagged" if kind == "unedited" else ">= 95% right"
        rest = ", ".join(f"{k} {n}" for k, n in sorted(c.items()) if k != "right")
        print(f"{kind:<9} judged {judged:>4}  right {c['right']:>4} = {rate:5.1f}%  ({target}; {rest})")


if __name__ == "__main__":
    main()
