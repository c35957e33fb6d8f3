#!/usr/bin/env python3
"""Same facts or not: ANS (Arabic News Stance) headline pairs wrapped as
one speaker's statement.

ANS pairs a real headline (s1) with an annotator's sentence (s2) that
either says the same (`agree`) or contradicts it (`disagree`). Each pair
becomes a check: the reference is «وقال <الاسم> إن s1.» and the draft is
«وقال <الاسم> إن s2.», one invented speaker per headline (the pairs that
share a headline share a speaker). The verdict of the draft's attribution
is counted by stance:

- a contradiction must not be confirmed (`verified`/`varied`);
- a paraphrase must not raise an alarm (`altered`/`misattributed`/
  `conflicting`), and should be confirmed;
- `reworded` and `unsupported` are the honest middle.

Develop against train and dev; the test split is for the final figure.

Usage: tools/eval_ans.py [--split dev] [--isnad target/release/isnad]
       [--show disagree:varied] [--jobs 2]

No text is written anywhere but a temporary directory.
"""

import argparse
import collections
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANS = os.path.join(ROOT, "..", "shared", "corpora", "ans", "stance")
# Invented speakers, a title and a two-word name each: the extractor
# resolves them as persons, and no two are the same.
SPEAKERS = [
    "الوزير سالم العتيبي", "المتحدث باسم الحكومة نادر القاسمي", "السفير فهد الدوسري",
    "رئيس الوزراء كريم الحداد", "المدير العام هشام البنا", "النائب ماجد الشمري",
    "الوزيرة سلمى الخطيب", "المستشار عادل الفارس", "الرئيس مراد التونسي",
    "المحافظ طارق الجبوري", "السفيرة ليلى المصري", "الناطق العسكري زياد الربيعي",
]
VERDICTS = ["verified", "varied", "reworded", "unsupported", "altered", "misattributed", "conflicting"]
CONFIRM = {"verified", "varied"}
ALARM = {"altered", "misattributed", "conflicting"}


def wrap(speaker, sentence):
    sentence = sentence.strip().rstrip(".")
    return f"وقال {speaker} إن {sentence}.\n"


def run(isnad, tmp, k, speaker, s1, s2, extra):
    draft = os.path.join(tmp, f"d{k}.txt")
    ref = os.path.join(tmp, f"r{k}.txt")
    with open(draft, "w", encoding="utf-8") as f:
        f.write(wrap(speaker, s2))
    with open(ref, "w", encoding="utf-8") as f:
        f.write(wrap(speaker, s1))
    out = subprocess.run(
        [isnad, "check", draft, "--against", ref, "--format", "json", *extra],
        capture_output=True, text=True,
    ).stdout
    findings = [json.loads(l) for l in out.splitlines() if l.strip()]
    findings = [f for f in findings if f.get("type") == "finding"]
    return findings[0] if findings else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--isnad", default=os.path.join(ROOT, "target", "release", "isnad"))
    ap.add_argument("--show", default="", help="print the pairs of STANCE:VERDICT (disagree:varied)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--extra", action="append", default=[], help="an extra argument for isnad check")
    args = ap.parse_args()
    path = os.path.join(ANS, f"{args.split}.csv")
    if not os.path.exists(path):
        sys.exit(f"ANS is not at {ANS}: nothing to measure")
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["stance"] in ("agree", "disagree")]
    counts = {"agree": collections.Counter(), "disagree": collections.Counter()}
    shown = 0
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = []
        for k, r in enumerate(rows):
            speaker = SPEAKERS[zlib.crc32(r["s1"].encode("utf-8")) % len(SPEAKERS)]
            jobs.append(pool.submit(run, args.isnad, tmp, k, speaker, r["s1"], r["s2"], args.extra))
        for r, job in zip(rows, jobs):
            found = job.result()
            v = found["verdict"] if found else "none"
            counts[r["stance"]][v] += 1
            if args.show == f"{r['stance']}:{v}" and shown < 60:
                shown += 1
                print(f"--- {r['stance']} {v}")
                print(f"  s1: {r['s1']}")
                print(f"  s2: {r['s2']}")
                for d in (found or {}).get("differences", []):
                    print(f"    {d['kind']}: {d['draft']['text']!r} / {d['reference']['text']!r}")
    print(f"ANS {args.split}: {sum(map(sum, (c.values() for c in counts.values())))} pairs")
    for stance, c in counts.items():
        n = sum(c.values())
        print(f"  {stance} ({n})")
        for v in VERDICTS + ["none"]:
            if c[v]:
                print(f"    {v:<14}{c[v]:>5}  {100 * c[v] / max(n, 1):5.1f}%")
    d, a = counts["disagree"], counts["agree"]
    nd, na = max(sum(d.values()), 1), max(sum(a.values()), 1)
    conf_d = sum(d[v] for v in CONFIRM)
    alarm_a = sum(a[v] for v in ALARM)
    conf_a = sum(a[v] for v in CONFIRM)
    print(f"contradictions confirmed: {conf_d} = {100 * conf_d / nd:.1f}% (target <= 10%)")
    print(f"paraphrases alarmed:      {alarm_a} = {100 * alarm_a / na:.1f}% (target <= 10%)")
    print(f"paraphrases confirmed:    {conf_a} = {100 * conf_a / na:.1f}% (target >= 50%)")


if __name__ == "__main__":
    main()
