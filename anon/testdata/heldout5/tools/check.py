import re,sys,glob,collections
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
M=re.compile(r'\{\{([a-z-]+):(.*?)\}\}')
def parse(path):
    raw=open(path,encoding='utf-8').read()
    lines=raw.split('\n')
    allow=[];decoys=[]
    body=[]
    for l in lines:
        if l.startswith('%%'):
            if l.startswith('%% allow:'): allow=[x.strip() for x in l[9:].split(',') if x.strip()]
            if l.startswith('%% decoys:'): decoys=[x.strip() for x in l[10:].split('|') if x.strip()]
            continue
        body.append(l)
    text='\n'.join(body)
    plain='';spans=[];pos=0
    for m in M.finditer(text):
        plain+=text[pos:m.start()]
        k,t=m.group(1),m.group(2)
        if k not in KINDS: print(path,'BAD KIND',k)
        if '{' in t or '}' in t: print(path,'NESTED',t)
        spans.append((len(plain),len(plain)+len(t),k,t))
        plain+=t;pos=m.end()
    plain+=text[pos:]
    if '{{' in plain or '}}' in plain: print(path,'STRAY BRACES')
    return plain,spans,allow,decoys
tot=collections.Counter();perfile={};lc=0;alln=0;dtot=0
for f in sorted(glob.glob('0*.txt')):
    plain,spans,allow,decoys=parse(f)
    seen=collections.Counter()
    for d in decoys:
        seen[d]+=1;n=seen[d]
        occ=[m.start() for m in re.finditer(re.escape(d),plain)]
        if len(occ)<n: print(f,'DECOY MISSING',repr(d),n,len(occ));continue
        s=occ[n-1];e=s+len(d)
        for a,b,k,t in spans:
            if a<e and s<b: print(f,'DECOY OVERLAP',repr(d),n,k,t)
    for a in allow:
        for s0,b,k,t in spans:
            if t==a: print(f,'ALLOW==ID',a)
    c=collections.Counter(k for *_,k,t in spans)
    perfile[f]=(len(spans),len(decoys),c)
    tot+=c;alln+=len(spans);dtot+=len(decoys)
    if 'stt' in f:
        lc+=len(spans)
        for i,l in enumerate(plain.split('\n')):
            body=re.sub(r'^(Interviewer|Facilitator|P\d+):','',l)
            if re.search(r"[A-Z.,?!;'\"&@/-]",body): print(f,'STT caps/punct line',i,body[:60])
    # format checks
    for a,b,k,t in spans:
        if k=='nhs-number' and re.fullmatch(r'[\d ]+',t):
            d=t.replace(' ','');s=sum(int(d[i])*(10-i) for i in range(9));cd=(11-s%11)%11
            if len(d)!=10 or cd!=int(d[9]): print(f,'BAD NHS',t)
        if k=='ni-number' and re.fullmatch(r'[A-Z]{2}[\d ]+[A-D]',t):
            p=t[:2]
            if p[0] in 'DFIQUV' or p[1] in 'DFIQUVO' or p in ('BG','GB','KN','NK','NT','TN','ZZ'): print(f,'BAD NI',t)
        if k=='postcode' and re.fullmatch(r'[A-Z0-9 ]+',t):
            if not re.fullmatch(r'(G|EH|AB|DD|KY|PA|IV|BT|FK|ML|KA)\d{1,2} \d[ABD-HJLNP-UW-Z]{2}',t): print(f,'CHECK PC',t)
        if k=='vehicle' and re.fullmatch(r'[A-Z0-9 ]+',t):
            if not re.fullmatch(r'[A-HJ-PR-Y][A-HJ-PR-Y]\d\d [A-HJ-PR-Y]{3}',t): print(f,'CHECK VRM',t)
        if k=='phone' and re.fullmatch(r'[\d ]+',t):
            d=t.replace(' ','')
            if not re.match(r'(07700900|01174960|01214960|01614960|01914980|02079460|02920180|01632960)\d{3}$',d): print(f,'BAD PHONE',t)
for f,(n,d,c) in perfile.items(): print(f,n,d,dict(c))
print('TOTAL ids',alln,'decoys',dtot,'lowercase ids',lc,round(lc/max(alln,1),3))
print(dict(tot))
