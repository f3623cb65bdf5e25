import re,sys,glob,json
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
M=re.compile(r'\{\{([a-z-]+):(.*?)\}\}')
def parse(path):
    lines=[l for l in open(path,encoding='utf-8').read().split('\n')]
    decoys=[];allow=[]
    body=[]
    for l in lines:
        if l.startswith('%%'):
            if l.startswith('%% decoys:'): decoys=[d.strip() for d in l[len('%% decoys:'):].split('|') if d.strip()]
            if l.startswith('%% allow:'): allow=[a.strip() for a in l[len('%% allow:'):].split(',')]
            continue
        body.append(l)
    raw='\n'.join(body)
    plain='';spans=[];pos=0
    for m in M.finditer(raw):
        plain+=raw[pos:m.start()]
        s=len(plain);plain+=m.group(2);spans.append((m.group(1),s,len(plain),m.group(2)))
        pos=m.end()
    plain+=raw[pos:]
    if '{{' in plain or '}}' in plain: print(path,'STRAY BRACES')
    return plain,spans,decoys,allow
tot={k:0 for k in KINDS};rows=[];err=0
for f in sorted(glob.glob('0*.txt')):
    plain,spans,decoys,allow=parse(f)
    for k,s,e,t in spans:
        if k not in KINDS: print(f,'BAD KIND',k,t);err+=1
    # decoys
    seen={}
    for d in decoys:
        n=seen.get(d,0)+1;seen[d]=n
        idx=-1
        for i in range(n):
            idx=plain.find(d,idx+1)
            if idx<0: break
        if idx<0: print(f,'DECOY MISSING',repr(d),n);err+=1;continue
        for k,s,e,t in spans:
            if idx<e and s<idx+len(d): print(f,'DECOY OVERLAP',repr(d),k,t);err+=1
        if '-v' in sys.argv: print('  D',repr(plain[max(0,idx-25):idx+len(d)+25]))
    # unmarked person names
    names=set(t.lower() for k,s,e,t in spans if k=='person')
    low=plain.lower()
    for nm in names:
        for m in re.finditer(r'(?<![a-z])'+re.escape(nm)+r'(?![a-z])',low):
            if not any(s<=m.start()<e for k,s,e,t in spans):
                ctx=plain[max(0,m.start()-30):m.end()+30].replace('\n',' ')
                if '-u' in sys.argv: print(f,'UNMARKED?',nm,'|',ctx)
    c={k:0 for k in KINDS}
    for k,s,e,t in spans: c.get(k) is not None and c.__setitem__(k,c[k]+1)
    for k in c: tot[k]+=c[k]
    islow = plain==plain.lower()
    rows.append((f,len(spans),len(decoys),islow,c))
for r in rows: print(r[0],'ids',r[1],'decoys',r[2],'lower',r[3])
print(json.dumps(tot));print('TOTAL ids',sum(tot.values()),'decoys',sum(r[2] for r in rows),'lowershare',sum(r[1] for r in rows if r[3])/max(1,sum(r[1] for r in rows)))
json.dump({'rows':rows,'tot':tot},open('/tmp/dev7counts.json','w'))
