#!/usr/bin/env python3
"""Validate dev6 files: markers, decoys, validity of phones/NHS/NI/postcodes/vehicles; print counts."""
import re, sys, glob, os, collections, json
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
MK=re.compile(r"\{\{([a-z-]+):(.*?)\}\}")
W={'oh':'0','o':'0','zero':'0','nought':'0','one':'1','two':'2','three':'3','four':'4','five':'5','six':'6','seven':'7','eight':'8','nine':'9'}
def digits(t):
    t=t.lower().replace('-',' ').replace(',',' ')
    out='';toks=re.findall(r"[a-z]+|\d",t);i=0;mult=1
    for x in toks:
        if x=='double':mult=2;continue
        if x in('treble','triple'):mult=3;continue
        if x.isdigit():out+=x*mult;mult=1
        elif x in W:out+=W[x]*mult;mult=1
    return out
def nhs_ok(d):
    if len(d)!=10:return False
    s=sum(int(x)*w for x,w in zip(d[:9],range(10,1,-1)));c=11-s%11
    c=0 if c==11 else c
    return c!=10 and c==int(d[9])
PH=[r"07700900\d{3}",r"01174960\d{3}",r"01214960\d{3}",r"01614960\d{3}",r"01914980\d{3}",r"02079460\d{3}",r"02920180\d{3}",r"01632960\d{3}"]
LET={'ay':'a','bee':'b','see':'c','dee':'d','ee':'e','ef':'f','gee':'g','aitch':'h','jay':'j','kay':'k','el':'l','em':'m','en':'n','pee':'p','queue':'q','cue':'q','ar':'r','ess':'s','tee':'t','you':'u','vee':'v','ex':'x','why':'y','zed':'z',
 'alpha':'a','bravo':'b','charlie':'c','delta':'d','echo':'e','foxtrot':'f','golf':'g','hotel':'h','india':'i','juliet':'j','kilo':'k','lima':'l','mike':'m','november':'n','oscar':'o','papa':'p','quebec':'q','romeo':'r','sierra':'s','tango':'t','uniform':'u','victor':'v','whiskey':'w','whisky':'w','x-ray':'x','xray':'x','yankee':'y','zulu':'z'}
NUMW={'ten':'10','eleven':'11','twelve':'12','thirteen':'13','fourteen':'14','fifteen':'15','sixteen':'16','seventeen':'17','eighteen':'18','nineteen':'19','twenty':'20'}
TENS={'thirty':'3','forty':'4','fifty':'5','sixty':'6','seventy':'7'}
def alnum(t):
    t=t.lower().replace('x ray','xray').replace('-',' ')
    out=''
    for tok in re.findall(r"[a-z]+|\d+",t):
        if tok.isdigit():out+=tok
        elif tok in W:out+=W[tok] if tok!='o' else 'o'
        elif tok in NUMW:out+=NUMW[tok]
        elif tok in TENS:out+=TENS[tok]
        elif tok in LET:out+=LET[tok]
        elif tok=='double':out+='§'
        elif len(tok)<=3 and tok not in ('and','the'):out+=tok
        else:out+='?'+tok+'?'
    # expand double
    while '§' in out:
        i=out.index('§');out=out[:i]+out[i+1]*2+out[i+2:]
    return out.upper()
OUTW=set("SR1 SR2 SR3 SR4 SR5 SR6 SR7 SR8 EH1 EH3 EH4 EH5 EH6 EH7 EH8 EH11 EH12 EH14 EH15 EH16 EH17 DD1 DD2 DD3 DD4 DD5 AB10 AB11 AB15 AB16 AB24 AB25 IV1 IV2 IV3 TS1 TS3 TS4 TS5 TS6 DH1 DH7 DH8 HU1 HU3 HU4 HU5 HU7 HU8 HU9 PR1 PR2 PR5 BB1 BB2 BB3 BL1 BL2 BL3 BL4 CA1 CA2 CA3".split())
def pc_ok(t):
    a=alnum(t).replace('O','0') if False else alnum(t)
    m=re.fullmatch(r"([A-Z]{1,2}\d{1,2})(\d[ABD-HJLNP-UW-Z]{2})",a)
    return bool(m) and m.group(1) in OUTW, a
def ni_ok(t):
    a=alnum(t)
    m=re.fullmatch(r"([A-Z])([A-Z])(\d{6})([A-D])",a)
    if not m:return False,a
    f,s=m.group(1),m.group(2)
    if f in 'DFIQUV' or s in 'DFIQUVO' or f+s in('BG','GB','KN','NK','NT','TN','ZZ'):return False,a
    return True,a
def veh_ok(t):
    a=alnum(t)
    return bool(re.fullmatch(r"[A-HJ-PR-Y][A-HJ-PR-Y](0[2-9]|[1-7]\d|5[1-9]|6\d|7[0-5])[A-HJ-PR-Z]{3}",a)) and 'I' not in a[4:] and 'Q' not in a[4:],a
def parse(path):
    raw=open(path,encoding='utf-8').read()
    lines=raw.split('\n');allow=[];decoys=[];keep=[]
    for ln in lines:
        if ln.startswith('%%'):
            c=ln[2:].strip()
            if c.startswith('allow:'):allow=[x.strip() for x in c[6:].split(',') if x.strip()]
            if c.startswith('decoys:'):decoys=[x.strip() for x in c[7:].split('|') if x.strip()]
            continue
        keep.append(ln)
    txt='\n'.join(keep)
    plain='';spans=[];pos=0;errs=[]
    for m in MK.finditer(txt):
        plain+=txt[pos:m.start()];k,v=m.group(1),m.group(2)
        if k not in KINDS:errs.append('bad kind '+k)
        if '{{' in v or '}}' in v:errs.append('nested '+v)
        spans.append((len(plain),len(plain)+len(v),k,v));plain+=v;pos=m.end()
    plain+=txt[pos:]
    if '{{' in plain or '}}' in plain:errs.append('stray braces')
    return allow,decoys,plain,spans,errs
def main(files):
    tot=collections.Counter();totd=0;lc=0;report={}
    for f in files:
        allow,decoys,plain,spans,errs=parse(f)
        c=collections.Counter(k for *_,k,v in spans)
        # decoys
        seen=collections.Counter();dpos=[]
        for d in decoys:
            seen[d]+=1;n=seen[d];i=-1
            for _ in range(n):
                i=plain.find(d,i+1)
                if i<0:break
            if i<0:errs.append(f'decoy missing #{n}: {d!r}');continue
            e=i+len(d)
            for s0,e0,k,v in spans:
                if s0<e and i<e0:errs.append(f'decoy overlaps {k}:{v!r}: {d!r}')
            if (i>0 and plain[i-1].isalnum()) or (e<len(plain) and plain[e].isalnum()):errs.append(f'decoy mid-word: {d!r}')
            dpos.append(i)
        for s0,e0,k,v in spans:
            if k=='phone':
                d=digits(v)
                if not any(re.fullmatch(p,d) for p in PH):errs.append(f'phone invalid {v!r}->{d}')
            if k=='nhs-number':
                d=digits(v)
                if not nhs_ok(d):errs.append(f'nhs invalid {v!r}->{d}')
            if k=='ni-number':
                ok,a=ni_ok(v)
                if not ok:errs.append(f'ni invalid {v!r}->{a}')
            if k=='postcode':
                ok,a=pc_ok(v)
                if not ok:errs.append(f'postcode? {v!r}->{a}')
            if k=='vehicle':
                ok,a=veh_ok(v)
                if not ok:errs.append(f'vehicle? {v!r}->{a}')
            if (s0>0 and plain[s0-1].isalnum() and k!='person') :errs.append(f'span starts mid-word {k}:{v!r}')
        # decoy nhs-like strings must fail
        for d in decoys:
            dd=digits(d)
            if len(dd)==10 and nhs_ok(dd):errs.append(f'decoy {d!r} passes NHS check!')
        # speaker lines
        for ln in plain.split('\n'):
            if ln.strip() and not re.match(r"^[A-Za-z][A-Za-z0-9 ]{0,20}: ",ln) and 'fieldnotes' not in f:errs.append('no speaker: '+ln[:40])
        name=os.path.basename(f);stt='_stt_' in name
        n=len(spans);tot.update(c);totd+=len(decoys)
        if stt:lc+=n
        report[name]=dict(ids=n,decoys=len(decoys),stt=stt,kinds=dict(c))
        print(f'== {name}: ids={n} decoys={len(decoys)} stt={stt}');print('  ',dict(sorted(c.items())))
        for e in errs:print('   !!',e)
    N=sum(tot.values())
    print('TOTAL ids',N,'decoys',totd,'stt ids',lc,'share %.1f%%'%(100*lc/max(N,1)))
    for k in KINDS:print(f'  {k:14s}{tot[k]}')
    json.dump(dict(files=report,total=N,decoys=totd,stt=lc,kinds={k:tot[k] for k in KINDS}),open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'counts.json'),'w'),indent=1)
if __name__=='__main__':
    main(sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','0*.txt'))))
