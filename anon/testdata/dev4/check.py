import re,glob,collections,sys
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
tot=collections.Counter(); ndec=0; nid=0; low=0; rows=[]
for f in sorted(glob.glob('0*.txt')):
    lines=open(f,encoding='utf-8').read().split('\n')
    decoys=[];body=[]
    for l in lines:
        if l.startswith('%%'):
            if l.startswith('%% decoys:'): decoys=[d.strip() for d in l[len('%% decoys:'):].split('|') if d.strip()]
        else: body.append(l)
    text='\n'.join(body)
    plain='';spans=[];pos=0;kc=collections.Counter()
    for m in re.finditer(r'\{\{([a-z-]+):(.*?)\}\}',text):
        plain+=text[pos:m.start()]; k,t=m.group(1),m.group(2)
        assert k in KINDS,(f,k); assert '{' not in t
        spans.append((len(plain),len(plain)+len(t),k,t)); plain+=t; pos=m.end()
    plain+=text[pos:]
    assert '{{' not in plain and '}}' not in plain, f
    seen=collections.Counter()
    for d in decoys:
        seen[d]+=1; idx=-1
        for _ in range(seen[d]):
            idx=plain.find(d,idx+1)
            if idx<0: break
        if idx<0: print('MISSING',f,d); continue
        for s,e,k,t in spans:
            if idx<e and s<idx+len(d): print('OVERLAP',f,d,t)
    content='\n'.join(re.sub(r'^[A-Za-z0-9]+: ','',l) for l in plain.split('\n'))
    islow = content==content.lower()
    for s,e,k,t in spans: kc[k]+=1
    tot+=kc; n=sum(kc.values()); nid+=n; ndec+=len(decoys)
    if islow: low+=n
    rows.append((f,islow,n,len(decoys),dict(kc)))
for r in rows: print(r)
print('ids',nid,'decoys',ndec,'lower',low,round(low/nid,3)); print(dict(tot))
