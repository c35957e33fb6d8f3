#!/usr/bin/env python3
"""Recall of content per error class on a gold set, for two builds.

usage: tools/eval_classes.py GOLD.jsonl BEFORE_ISNAD AFTER_ISNAD [--corpora ../shared/corpora]

Classes are read from the gold attributions alone (the cue and source as
marked): a verbal noun as content after أعلن/أكد/نفى/كشف... with no
complementizer, an initial or dotted abbreviation in the source, the cues
ألمح/طلب/نسب, according-to, and the noun-object cues (اتهم، وصف X بـ،
عبر عن، أبدى، جدد، وعد، اعترف). A gold attribution is found when a predicted
content overlaps it by half of each span (as `isnad eval` matches).
"""
import json, gzip, subprocess, sys, re, os, tempfile
args = [a for a in sys.argv[1:] if not a.startswith("--corpora")]
corpora = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--corpora=")), "../shared/corpora")
if len(args) != 3:
    sys.exit(__doc__)
tmp = os.path.join(tempfile.mkdtemp(), 'in.jsonl')
gold=[json.loads(l) for l in open(args[0])]
ids={g['id'] for g in gold}
texts={}
for c in ('ant-multisource/ant_multisource_v2.1_all.jsonl.gz','saudinewsnet/saudinewsnet_all.jsonl.gz'):
    for l in gzip.open(os.path.join(corpora, c),'rt'):
        a=json.loads(l)
        if a['id'] in ids: texts[a['id']]=a
open(tmp,'w').write('\n'.join(json.dumps(texts[g['id']],ensure_ascii=False) for g in gold)+'\n')
def run(isn):
    out=subprocess.run([isn,'extract','--format','json',tmp],capture_output=True,text=True).stdout
    return {d['id']:d['attributions'] for d in map(json.loads,out.splitlines()) if d.get('type')=='document'}
def ov(a,b): return max(0,min(a[1],b[1])-max(a[0],b[0]))
def cm(p,g):
    o=ov(p,g)*2; return o>0 and o>=p[1]-p[0] and o>=g[1]-g[0]
fold=lambda s: re.sub('[\u064b-\u0652\u0640]','',s).translate(str.maketrans('أإآىة','اااية'))
VN={'اعلن','اكد','نفي','كشف','اظهر','اقر','توقع','رجح','استبعد','انكر'}
def classes(t,ga):
    cue=t[ga['cue'][0]:ga['cue'][1]].decode() if ga.get('cue') else ''
    c=re.sub('^[وف]','',fold(cue)).split()[0] if cue.strip() else ''
    src=t[ga['source'][0]:ga['source'][1]].decode() if ga.get('source') else ''
    between=fold(t[ga['cue'][1]:ga['content'][0]].decode('utf-8','replace')) if ga.get('cue') and ga['cue'][1]<=ga['content'][0] else ''
    out=[]
    if re.search(r'(^|\s)\w\.|\w\.\w', src): out.append('initials/abbreviation in source')
    stem=re.sub('(ت|ه|ا|وا|ون)$','',c)
    if any(c.startswith(v) or c.startswith('ي'+v[1:]) or c.startswith('ت'+v[1:]) for v in VN) or c.startswith(('مؤكد','موكد','معلن','كاشف','نافي')):
        if not re.search(r'(^|\s)(ان|بان|انه|انها|انهم|الى ان|على ان)(\s|$)', between): out.append('verbal-noun object')
    if c.startswith(('الم','يلم','تلم')) and 'لمح' in c or c.startswith(('طلب','يطلب','تطلب')) or c.startswith(('نسب','تنسب')): out.append('new cues (ألمح/طلب/نسب)')
    if ga['mode']=='according_to': out.append('according-to')
    if re.match('^(ي|ت)?(اتهم|تهم|وصف|صف|عبر|ابد|جدد|وعد|عد|اعترف|عترف)', c) or c.startswith(('متهم','واصف','معبر','مبدي','مجدد')):
        out.append('noun-object cues (اتهم، وصف، عبر، أبدى، جدد، وعد)')
    return out
res={}
for name,isn in (('before',args[1]),('after',args[2])):
    preds=run(isn)
    for g in gold:
        t=texts[g['id']]['text'].encode()
        for k,ga in enumerate(g['attributions']):
            for cl in classes(t,ga):
                hit=any(cm(p['content']['span'],ga['content']) for p in preds.get(g['id'],[]))
                r=res.setdefault(cl,{}).setdefault(name,[0,0]); r[0]+=hit; r[1]+=1
for cl,v in res.items():
    b,a=v['before'],v['after']
    print(f"{cl:<34} recall {b[0]/b[1]:.3f} -> {a[0]/a[1]:.3f}  ({b[0]} -> {a[0]} of {a[1]})")
