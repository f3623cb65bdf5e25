import sys,re,glob,os,collections
sys.path.insert(0,os.path.dirname(__file__))
from check import parse
for f in sorted(glob.glob('0*.txt')):
    allow,decoys,plain,spans,errs=parse(f)
    cover=[False]*len(plain)
    for s,e,k,v in spans:
        for i in range(s,e):cover[i]=True
    al=' '.join(allow+decoys)
    c=collections.Counter()
    for m in re.finditer(r"\b[A-Z][\w'-]+",plain):
        w=m.group()
        if cover[m.start()] or w in al: continue
        c[w]+=1
    print(f[:3],' '.join(sorted(c)))
