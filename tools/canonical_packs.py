#!/usr/bin/env python3
"""Rewrite packs/cues.toml and packs/lexicon.toml into canonical order.

Cue blocks are sorted by the normalised spelling of their lemma; every
lexicon list is sorted by normalised spelling and de-duplicated. The test
`data_files_are_in_canonical_form` fails until this has been run.
Usage: python3 tools/canonical_packs.py
"""
import re
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FOLD = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي'}


def norm(w):
    return ''.join(FOLD.get(c, c) for c in w
                   if not (0x064B <= ord(c) <= 0x065F or ord(c) in (0x0670, 0x0640)))


def cues():
    p = ROOT / 'packs/cues.toml'
    s = p.read_text()
    head, _, body = s.partition('[[cue]]')
    blocks = ['[[cue]]' + b for b in ('[[cue]]' + body).split('[[cue]]')[1:]]
    blocks = [b.rstrip() + '\n' for b in blocks]
    blocks.sort(key=lambda b: norm(re.search(r'lemma = "([^"]*)"', b).group(1)))
    p.write_text(head + '\n'.join(blocks))


def lexicon():
    p = ROOT / 'packs/lexicon.toml'
    s = p.read_text()

    def fix(m):
        name, body = m.group(1), m.group(2)
        seen = {}
        for it in re.findall(r'"([^"]*)"', body):
            seen.setdefault(norm(it), it)
        items = [seen[k] for k in sorted(seen)]
        one = '%s = [%s]' % (name, ', '.join('"%s"' % i for i in items))
        if len(one) <= 100:
            return one
        lines, cur = [], '  '
        for it in items:
            piece = '"%s", ' % it
            if len(cur) + len(piece) > 98:
                lines.append(cur.rstrip())
                cur = '  '
            cur += piece
        lines.append(cur.rstrip())
        return '%s = [\n%s\n]' % (name, '\n'.join(lines))

    p.write_text(re.sub(r'^(\w+) = \[(.*?)\]', fix, s, flags=re.S | re.M))


cues()
lexicon()
