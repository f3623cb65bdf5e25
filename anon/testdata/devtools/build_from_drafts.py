#!/usr/bin/env python3
"""Build a development set's *.txt files from its drafts: SETDIR/tools/drafts/*.src,
where identifiers are {{kind:text}} and decoys [[text]]. Writes SETDIR/NAME.txt with
a "%% decoys:" line made from the decoy brackets, and checks phones (Ofcom drama
ranges), NHS numbers (modulus 11; decoy numbers must fail it), NI numbers,
registrations, postcodes and unmarked repeats of marked names.
Usage: python3 anon/testdata/devtools/build_from_drafts.py anon/testdata/dev12"""
import re, sys, os, glob
if len(sys.argv) != 2:
    sys.exit(__doc__)
SETDIR=os.path.abspath(sys.argv[1])
KINDS={'person','address','postcode','dob','age-with-name','school','gp-surgery','employer','phone','nhs-number','ni-number','vehicle','email','url','handle'}
TOK=re.compile(r'\{\{([a-z-]+):(.*?)\}\}|\[\[(.*?)\]\]')
W={'oh':'0','o':'0','zero':'0','nought':'0','one':'1','two':'2','three':'3','four':'4','five':'5','six':'6','seven':'7','eight':'8','nine':'9'}
def digits(t):
    t=t.lower().replace('-',' ').replace(',',' ').replace('.',' ')
    out='';mult=1
    for w in t.split():
        if w=='double': mult=2; continue
        if w=='treble' or w=='triple': mult=3; continue
        if w.isdigit(): out+=w*mult if len(w)==1 else w; mult=1; continue
        if w in W: out+=W[w]*mult; mult=1; continue
    return out
PH=['07700900','01174960','01214960','01614960','01914980','02079460','02920180','01632960']
def nhs_ok(d):
    if len(d)!=10: return False
    s=sum(int(d[i])*(10-i) for i in range(9)); c=11-s%11
    c=0 if c==11 else c
    return c!=10 and c==int(d[9])
errs=[];summary={}
for src in sorted(glob.glob(os.path.join(SETDIR,'tools','drafts','*.src'))):
    name=os.path.basename(src)[:-4]
    lines=open(src,encoding='utf-8').read().split('\n')
    header=[l for l in lines if l.startswith('%%')]
    body=[l for l in lines if not l.startswith('%%')]
    plain=[];ids=[];decs=[];outlines=[];pos=0
    for l in body:
        p='';o='';i=0
        for m in TOK.finditer(l):
            seg=l[i:m.start()];p+=seg;o+=seg
            if m.group(1):
                k,t=m.group(1),m.group(2)
                if k not in KINDS: errs.append(f'{name}: bad kind {k}')
                if '{' in t or '[' in t: errs.append(f'{name}: nested {t}')
                ids.append((pos+len(p),pos+len(p)+len(t),k,t)); p+=t; o+=m.group(0)
            else:
                t=m.group(3); decs.append((pos+len(p),pos+len(p)+len(t),t)); p+=t; o+=t
            i=m.end()
        p+=l[i:];o+=l[i:]
        if '{{' in p or '}}' in p or '[[' in p or ']]' in p: errs.append(f'{name}: stray marker in {l[:60]}')
        plain.append(p);outlines.append(o);pos+=len(p)+1
    P='\n'.join(plain)
    # decoy checks
    from collections import defaultdict
    byS=defaultdict(list)
    for s,e,t in decs: byS[t].append(s)
    order=[]
    for t,starts in byS.items():
        occ=[];j=P.find(t)
        while j!=-1: occ.append(j); j=P.find(t,j+1)
        k=len(starts)
        if sorted(starts)!=occ[:k]: errs.append(f'{name}: decoy {t!r} marked at {sorted(starts)} but occurrences {occ[:k+2]}')
    for s,e,t in decs:
        for a,b,k,x in ids:
            if s<b and a<e: errs.append(f'{name}: decoy {t!r} overlaps id {x!r}')
    decs.sort()
    names=set(t.lower() for a,b2,k,t in ids if k=='person')
    names|=set(w.strip("'.") for n in list(names) for w in n.split() if len(w)>2 and w not in ('the','and','van','mrs','abdul'))
    low=P.lower()
    for nm in names:
        for m in re.finditer(r'(?<![a-z])'+re.escape(nm)+r'(?![a-z])',low):
            if not any(a<=m.start() and m.end()<=b2 for a,b2,k,t in ids) and not any(a<=m.start() and m.end()<=b2 for a,b2,t in decs):
                errs.append(f'{name}: WARN unmarked name {nm!r}: ...{P[max(0,m.start()-40):m.end()+20]!r}')
    # validity
    for a,b,k,t in ids:
        if k=='phone':
            d=digits(t)
            if not (len(d) in (10,11) and any(d.startswith(x) for x in PH) and len(d)==11): errs.append(f'{name}: phone {t!r} -> {d}')
        if k=='nhs-number':
            d=digits(t)
            if not nhs_ok(d): errs.append(f'{name}: nhs {t!r} -> {d}')
        if k=='ni-number':
            x=''.join(W.get(w,w) for w in t.lower().split()) if ' ' in t and not re.search(r'\d',t) else t
            x=re.sub(r'[^A-Za-z0-9]','',x).upper()
            if not re.fullmatch(r'[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]',x) or x[:2] in ('BG','GB','KN','NK','NT','TN','ZZ'): errs.append(f'{name}: ni {t!r}')
        if k=='vehicle' and re.search(r'\d',t):
            x=t.replace(' ','').upper()
            if not re.fullmatch(r'[A-HJ-PR-Y][A-HJ-PR-Y]\d\d[A-HJ-PR-Z]{3}',x): errs.append(f'{name}: veh {t!r}')
        if k=='postcode' and re.search(r'\d',t) and ' ' in t and len(t)<10:
            if not re.fullmatch(r'[A-Z]{1,2}\d{1,2}[A-Z]? \d[ABD-HJLNP-UW-Z]{2}',t): errs.append(f'{name}: pc {t!r}')
    for s,e,t in decs:
        d=re.sub(r'\D','',t)
        if len(d)==10 and nhs_ok(d): errs.append(f'{name}: decoy number passes mod11 {t}')
    hdr=[h for h in header if not h.startswith('%% decoys')]
    final=hdr+['%% decoys: '+' | '.join(t for s,e,t in decs)]+outlines
    while final and final[-1]=='': final.pop()
    open(os.path.join(SETDIR,name+'.txt'),'w',encoding='utf-8').write('\n'.join(final)+'\n')
    cnt={}
    for a,b,k,t in ids: cnt[k]=cnt.get(k,0)+1
    summary[name]={'ids':len(ids),'decoys':len(decs),'kinds':cnt}
for e in errs: print('ERR',e)
tot={};T=0;D=0
for n,s in summary.items():
    print(n,s['ids'],s['decoys'],s['kinds']); T+=s['ids'];D+=s['decoys']
    for k,v in s['kinds'].items(): tot[k]=tot.get(k,0)+v
print('TOTAL',T,D,tot)
lc=sum(s['ids'] for n,s in summary.items() if n.startswith('stt'))
print('lower-case share',lc,T and lc/T)
