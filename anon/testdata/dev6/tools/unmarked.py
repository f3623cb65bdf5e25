import sys,re,glob,os
sys.path.insert(0,os.path.dirname(__file__))
from check import parse
for f in sorted(glob.glob('0*.txt')):
    allow,decoys,plain,spans,errs=parse(f)
    toks=set()
    for s,e,k,v in spans:
        if k=='person':
            for t in re.findall(r"[\w'-]+",v.lower()):
                if len(t)>1: toks.add(t)
    cover=[False]*len(plain)
    for s,e,k,v in spans:
        for i in range(s,e):cover[i]=True
    for m in re.finditer(r"[\w-]+",plain):
        w=m.group().lower()
        if w in toks and not cover[m.start()]:
            ctx=plain[max(0,m.start()-30):m.end()+30].replace('\n',' ')
            print(f[:4],repr(w),'|',ctx)
