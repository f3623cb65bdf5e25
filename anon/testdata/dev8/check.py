import re,sys,glob,collections
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
tot=collections.Counter();per={}
grand_ids=0;grand_dec=0;lc_ids=0
for f in sorted(glob.glob('/work/dev8/0*.txt')):
    raw=open(f,encoding='utf-8').read()
    lines=raw.split('\n')
    decoys=[];allow=[]
    body=[]
    for l in lines:
        if l.startswith('%%'):
            if l.startswith('%% decoys:'): decoys+= [d.strip() for d in l[len('%% decoys:'):].split('|') if d.strip()]
            if l.startswith('%% allow:'): allow+=[a.strip() for a in l[9:].split(',')]
            continue
        body.append(l)
    text='\n'.join(body)
    plain='';spans=[];pos=0;c=collections.Counter()
    for m in re.finditer(r'\{\{([a-z-]+):(.*?)\}\}',text):
        plain+=text[pos:m.start()]
        k,v=m.group(1),m.group(2)
        assert k in KINDS,(f,k)
        assert '{' not in v and '}' not in v
        spans.append((len(plain),len(plain)+len(v),k,v)); plain+=v; pos=m.end(); c[k]+=1
    plain+=text[pos:]
    assert '{{' not in plain and '}}' not in plain,(f)
    for l in plain.split('\n'):
        if l.strip() and not re.match(r'^(P\d\d|Interviewer|Facilitator|W\d|[A-Z][a-z]+ \(\w+\)|NOTE|\w)',l): pass
    seen=collections.Counter()
    for d in decoys:
        seen[d]+=1; n=seen[d]; idx=-1
        for _ in range(n):
            idx=plain.find(d,idx+1)
            if idx<0: break
        if idx<0: print('MISSING decoy',f,repr(d),n); continue
        for s,e,k,v in spans:
            if idx<e and s<idx+len(d): print('OVERLAP',f,repr(d),k,v)
    n=sum(c.values())
    lc = text==text.lower() or 'raw' in f or 'stt' in f
    per[f]=(n,len(decoys),c,lc)
    grand_ids+=n;grand_dec+=len(decoys);tot+=c
    if 'stt' in f: lc_ids+=n
    print(f.split('/')[-1],n,len(decoys),dict(c))
print('TOTAL',grand_ids,'decoys',grand_dec,'lc',lc_ids,round(lc_ids/max(grand_ids,1),3))
print(dict(tot))
# unmarked-name audit
for f in sorted(glob.glob('/work/dev8/0*.txt')):
    raw=open(f,encoding='utf-8').read()
    text='\n'.join(l for l in raw.split('\n') if not l.startswith('%%'))
    names=set()
    for m in re.finditer(r'\{\{person:(.*?)\}\}',text):
        for w in m.group(1).split():
            if len(w)>2: names.add(w)
    stripped=re.sub(r'\{\{[a-z-]+:.*?\}\}',' ',text)
    for w in sorted(names):
        for m in re.finditer(r'\b'+re.escape(w)+r'\b',stripped):
            print('UNMARKED?',f.split('/')[-1],w,'|',stripped[max(0,m.start()-30):m.end()+30].replace('\n',' '))
