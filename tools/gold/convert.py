#!/usr/bin/env python3
"""Turn annotators' string lines into the gold set's offset form.

usage: tools/gold/convert.py ARTICLES.jsonl ANNOTATIONS.jsonl OUT.jsonl

ARTICLES.jsonl is what the annotators read (id, source, text, and `corpus`
when known); ANNOTATIONS.jsonl is their output in the form of
../shared/docs/gold-annotation.md (doc, mode, cue, source_text,
source_canonical, source_kind, content, occ, nested). OUT.jsonl gets one line
per annotated article in the form of gold/README.md (UTF-8 byte offsets).

Where each string is:
* content: its `occ`-th occurrence (first by default);
* cue: the occurrence nearest to the content, outside it, before it on a tie;
* source: the written source nearest to the cue; for a pro-drop source
  (empty source_text) the canonical name's last occurrence before the cue,
  else its nearest one.
Every span is checked to slice back to its string. Problems are printed with
the line number and the article is still written with what could be placed;
the exit code is 1 when there was any problem.
"""
import json, re, sys


def occurrences(text, s):
    out, i = [], text.find(s)
    while s and i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def loose(s):
    """A pattern for `s` that lets diacritics and tatweel stand between its
    letters, whichever side carries them."""
    marks = "[\u064b-\u0652\u0640]*"
    bare = re.sub("[\u064b-\u0652\u0640]", "", s)
    return re.compile(marks.join(re.escape(c) for c in bare))


def main():
    arts_path, ann_path, out_path = sys.argv[1:4]
    arts = {}
    for l in open(arts_path, encoding="utf-8"):
        if l.strip():
            a = json.loads(l)
            arts[a["id"]] = a
    per_doc, problems = {}, 0
    for ln, line in enumerate(open(ann_path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        doc = g.get("doc")
        if doc not in arts:
            print(f"{ann_path}:{ln}: unknown article {doc!r}")
            problems += 1
            continue
        per_doc.setdefault(doc, [])
        if g.get("none"):
            continue
        text = arts[doc]["text"]
        content = g.get("content", "")
        occ = occurrences(text, content)
        k = int(g.get("occ", 1))
        if not content.strip() or len(occ) < k:
            print(f"{ann_path}:{ln}: content not found in {doc}: {content[:50]!r}")
            problems += 1
            continue
        cs, ce = occ[k - 1], occ[k - 1] + len(content)

        def dist_to_content(i, n):
            if i + n <= cs:
                return (cs - (i + n), 0)
            if i >= ce:
                return (i - ce, 1)
            return None

        cue = g.get("cue", "") or ""
        cue_span = None
        if cue:
            found = [(i, len(cue)) for i in occurrences(text, cue)] or [
                (m.start(), m.end() - m.start()) for m in loose(cue).finditer(text)]
            cands = [(d, i, n) for i, n in found if (d := dist_to_content(i, n))]
            if cands:
                _, i, n = min(cands)
                cue_span = (i, i + n)
            else:
                print(f"{ann_path}:{ln}: cue {cue!r} not found outside the content in {doc}")
                problems += 1
        anchor = cue_span[0] if cue_span else cs
        src_span = None
        st = g.get("source_text", "") or ""
        if g.get("source_kind") != "unresolved" or st:
            if st:
                cands = occurrences(text, st)
                if cands:
                    i = min(cands, key=lambda i: abs(i - anchor))
                    src_span = (i, i + len(st))
            else:
                canon = g.get("source_canonical", "") or ""
                cands = occurrences(text, canon)
                before = [i for i in cands if i < anchor]
                if before:
                    i = before[-1]
                elif cands:
                    i = min(cands, key=lambda i: abs(i - anchor))
                else:
                    i = None
                if i is not None:
                    src_span = (i, i + len(canon))
            if src_span is None:
                print(f"{ann_path}:{ln}: source {st or g.get('source_canonical')!r} not found in {doc}")
                problems += 1
        b = lambda i: len(text[:i].encode("utf-8"))
        rec = {"mode": g["mode"],
               "cue": [b(cue_span[0]), b(cue_span[1])] if cue_span else None,
               "source": [b(src_span[0]), b(src_span[1])] if src_span else None,
               "source_kind": g.get("source_kind"),
               "content": [b(cs), b(ce)],
               "nested": bool(g.get("nested") or "nested_in" in g)}
        if g["mode"] not in ("direct", "indirect", "mixed", "according_to") or rec["source_kind"] not in (
                "person", "organization", "group", "anonymous", "unresolved"):
            print(f"{ann_path}:{ln}: bad mode or kind: {g['mode']!r} {rec['source_kind']!r}")
            problems += 1
            continue
        raw = text.encode("utf-8")
        assert raw[rec["content"][0]:rec["content"][1]].decode() == content
        per_doc[doc].append(rec)
    missing = [d for d in arts if d not in per_doc]
    for d in missing:
        print(f"{ann_path}: article {d} has no line (not annotated)")
        problems += 1
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in sorted(per_doc, key=lambda d: (arts[d].get("corpus", ""), d)):
            a = arts[doc]
            atts = sorted(per_doc[doc], key=lambda r: ((r["cue"] or r["content"])[0], r["content"][0]))
            out.write(json.dumps({"corpus": a.get("corpus"), "id": doc, "outlet": a["source"],
                                  "attributions": atts}, ensure_ascii=False) + "\n")
    print(f"{len(per_doc)} articles, {sum(len(v) for v in per_doc.values())} attributions, {problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
