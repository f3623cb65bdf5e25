#!/usr/bin/env python3
"""Validate dev5 files: markers, decoys, unmarked names, validity rules, counts."""
import re, sys, glob, os, collections
KINDS = ["person","address","postcode","dob","age-with-name","school","gp-surgery","employer",
         "phone","nhs-number","ni-number","vehicle","email","url","handle"]
MARK = re.compile(r"\{\{([a-z-]+):(.*?)\}\}")
W = {"zero":"0","oh":"0","o":"0","one":"1","two":"2","three":"3","four":"4","five":"5","six":"6",
     "seven":"7","eight":"8","nine":"9"}
def digits(s):
    toks = re.findall(r"[a-z]+|\d", s.lower()); out=[]; mult=1
    for t in toks:
        if t=="double": mult=2; continue
        if t=="treble" or t=="triple": mult=3; continue
        if t.isdigit(): out.append(t*mult); mult=1
        elif t in W: out.append(W[t]*mult); mult=1
    return "".join(out)
def nhs_ok(d):
    if len(d)!=10: return False
    s=sum(int(x)*(10-i) for i,x in enumerate(d[:9])); r=11-s%11
    c=0 if r==11 else r
    return c!=10 and c==int(d[9])
PHONE=["07700900","01174960","01214960","01614960","01914980","02079460","02920180","01632960"]
def parse(path):
    raw=open(path,encoding="utf-8").read()
    allow=[];decoys=[];lines=[]
    for ln in raw.split("\n"):
        if ln.startswith("%%"):
            m=re.match(r"%%\s*allow:(.*)",ln)
            if m: allow+=[a.strip() for a in m.group(1).split(",") if a.strip()]
            m=re.match(r"%%\s*decoys:(.*)",ln)
            if m: decoys+=[a.strip() for a in m.group(1).split("|") if a.strip()]
            continue
        lines.append(ln)
    text="\n".join(lines)
    plain=[];ids=[];pos=0;last=0
    for m in MARK.finditer(text):
        plain.append(text[last:m.start()]); pos+=m.start()-last
        k,v=m.group(1),m.group(2)
        ids.append((k,v,pos,pos+len(v))); plain.append(v); pos+=len(v); last=m.end()
    plain.append(text[last:]); plain="".join(plain)
    return text,plain,ids,allow,decoys,lines
def check(path):
    errs=[]; text,plain,ids,allow,decoys,lines=parse(path)
    if "{{" in plain or "}}" in plain: errs.append("stray braces")
    for k,v,s,e in ids:
        if k not in KINDS: errs.append(f"bad kind {k}:{v}")
        if "{" in v or "}" in v: errs.append(f"nested {v}")
        if v!=v.strip() or not v: errs.append(f"whitespace span '{v}'")
        dv=digits(v); compact=re.sub(r"[^a-z0-9]","",v.lower())
        if k=="nhs-number" and not nhs_ok(dv): errs.append(f"NHS invalid {v} -> {dv}")
        if k=="phone":
            if not (len(dv)==11 and any(dv.startswith(p) for p in PHONE)): errs.append(f"phone bad {v}->{dv}")
        if k=="ni-number":
            L=""
            for t in re.findall(r"[A-Za-z]+|\d",v):
                if t.isdigit() or t.lower() in W or t.lower() in ("double","treble"): continue
                if len(t)<=2: L+=t.upper()
                else: L+="?"
            if len(L)!=3 or len(dv)!=6: errs.append(f"NI shape {v} {L} {dv}")
            else:
                p=L[:2]
                if p[0] in "DFIQUV" or p[1] in "DFIQUVO" or p in ("BG","GB","KN","NK","NT","TN","ZZ") or L[2] not in "ABCD":
                    errs.append(f"NI invalid {v}")
    # decoys
    dspans=[]
    cnt=collections.Counter()
    for d in decoys:
        cnt[d]+=1; n=cnt[d]
        occ=[m.start() for m in re.finditer(re.escape(d),plain)]
        if len(occ)<n: errs.append(f"decoy missing '{d}' #{n} (found {len(occ)})"); continue
        s=occ[n-1]; e=s+len(d); dspans.append((s,e,d))
        for k,v,a,b in ids:
            if s<b and a<e: errs.append(f"decoy '{d}'#{n} overlaps {k}:{v}")
    # unmarked person names
    names=set(v for k,v,a,b in ids if k=="person")
    covered=[(a,b) for k,v,a,b in ids]+[(s,e) for s,e,d in dspans]
    for nm in names:
        for m in re.finditer(r"(?<![A-Za-z])"+re.escape(nm)+r"(?![A-Za-z])",plain):
            if not any(a<=m.start() and m.end()<=b for a,b in covered):
                ctx=plain[max(0,m.start()-30):m.end()+30].replace("\n"," ")
                errs.append(f"UNMARKED? '{nm}': ...{ctx}...")
    # speaker lines
    for ln in lines:
        if ln.strip() and not re.match(r"^(P\d\d|Interviewer|Facilitator|Researcher|NOTE|\[)",ln):
            pass
    return ids,decoys,errs,plain
if __name__=="__main__":
    files=sorted(glob.glob(os.path.join(os.path.dirname(__file__),"..","*.txt")))
    if len(sys.argv)>1: files=sys.argv[1:]
    tot=collections.Counter(); totd=0; stt=0; allids=0
    for f in files:
        ids,decoys,errs,plain=check(f)
        c=collections.Counter(k for k,*_ in ids)
        isstt="_stt_" in os.path.basename(f)
        print(f"== {os.path.basename(f)}: ids={len(ids)} decoys={len(decoys)} stt={isstt}")
        print("   ",dict(c))
        for e in errs: print("   !!",e)
        tot+=c; totd+=len(decoys); allids+=len(ids); stt+=len(ids) if isstt else 0
    print("TOTAL ids",allids,"decoys",totd,"stt share %.1f%%"%(100*stt/max(allids,1)))
    for k in KINDS: print(f"  {k:14s}{tot[k]}")
