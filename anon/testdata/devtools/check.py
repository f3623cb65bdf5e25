#!/usr/bin/env python3
"""Re-read a development set's final *.txt files exactly as a scorer would and report counts.
Checks: kinds valid, no nesting, every %% decoys listing exists (n-th listing = n-th
case-sensitive substring occurrence in the plain text) and overlaps no identifier."""
import re, glob, os, sys, collections
KINDS=['person','address','postcode','dob','age-with-name','school','gp-surgery','employer','phone','nhs-number','ni-number','vehicle','email','url','handle']
if len(sys.argv) != 2:
    sys.exit('usage: python3 anon/testdata/devtools/check.py SETDIR')
D=os.path.abspath(sys.argv[1])
tot=collections.Counter(); rows=[]; bad=0; T=0; L=0; DT=0
for f in sorted(glob.glob(os.path.join(D,'*.txt'))):
    lines=open(f,encoding='utf-8').read().split('\n')
    dec=[x.strip() for l in lines if l.startswith('%% decoys:') for x in l[len('%% decoys:'):].split('|') if x.strip()]
    body='\n'.join(l for l in lines if not l.startswith('%%'))
    plain='';spans=[];i=0;c=collections.Counter()
    for m in re.finditer(r'\{\{([a-z-]+):(.*?)\}\}',body):
        plain+=body[i:m.start()]; k,t=m.group(1),m.group(2)
        if k not in KINDS or '{{' in t: print('BAD id',f,m.group(0)); bad+=1
        spans.append((len(plain),len(plain)+len(t))); plain+=t; c[k]+=1; i=m.end()
    plain+=body[i:]
    if '{{' in plain or '}}' in plain: print('stray marker',f); bad+=1
    seen=collections.Counter()
    for d in dec:
        n=seen[d]; seen[d]+=1; j=-1
        for _ in range(n+1):
            j=plain.find(d,j+1)
            if j==-1: break
        if j==-1: print('MISSING decoy',os.path.basename(f),repr(d),n+1); bad+=1; continue
        if any(a<j+len(d) and j<b for a,b in spans): print('OVERLAP decoy',os.path.basename(f),repr(d)); bad+=1
    n=sum(c.values()); T+=n; DT+=len(dec); tot+=c
    if os.path.basename(f).startswith('stt'): L+=n
    rows.append((os.path.basename(f),n,len(dec),dict(c)))
for r in rows: print(*r)
print('TOTAL identifiers',T,'decoys',DT); print('per kind',{k:tot[k] for k in KINDS})
print('lower-case STT identifiers',L,'share %.1f%%'%(100*L/T)); print('problems',bad)
