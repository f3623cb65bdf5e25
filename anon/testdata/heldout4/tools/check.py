import re,sys,glob,collections,json
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
MK=re.compile(r'\{\{([a-z-]+):(.*?)\}\}')
def parse(path):
    lines=open(path,encoding='utf-8').read().split('\n')
    allow=[];decoys=[];body=[]
    for l in lines:
        if l.startswith('%%'):
            m=re.match(r'%%\s*allow:(.*)',l)
            if m: allow+= [x.strip() for x in m.group(1).split(',') if x.strip()]
            m=re.match(r'%%\s*decoys:(.*)',l)
            if m: decoys+= [x.strip() for x in m.group(1).split('|') if x.strip()]
        else: body.append(l)
    text='\n'.join(body)
    plain='';ids=[];pos=0;errs=[]
    for m in MK.finditer(text):
        plain+=text[pos:m.start()]
        k,t=m.group(1),m.group(2)
        if k not in KINDS: errs.append('bad kind '+k)
        if '{{' in t or '}}' in t: errs.append('nested '+t)
        ids.append((k,t,len(plain),len(plain)+len(t)))
        plain+=t;pos=m.end()
    plain+=text[pos:]
    if '{{' in plain or '}}' in plain: errs.append('stray braces')
    cnt=collections.Counter();dspans=[]
    for d in decoys:
        cnt[d]+=1;n=cnt[d];i=-1
        for _ in range(n):
            i=plain.find(d,i+1)
            if i<0: break
        if i<0: errs.append(f'decoy missing: {d!r} #{n}');continue
        for k,t,s,e in ids:
            if s<e and i<e and s<i+len(d): errs.append(f'decoy overlaps: {d!r} #{n} with {k}:{t}')
        dspans.append((d,i))
    # nhs checks on written digits
    for k,t,s,e in ids:
        if k=='nhs-number':
            dg=re.sub(r'\D','',t)
            if len(dg)==10:
                sm=sum(int(dg[j])*(10-j) for j in range(9));c=(11-sm%11)%11
                if c!=int(dg[9]): errs.append('bad nhs '+t)
    for d in decoys:
        dg=re.sub(r'\D','',d)
        if len(dg)==10 and d.strip().isdigit():
            sm=sum(int(dg[j])*(10-j) for j in range(9));c=(11-sm%11)%11
            if c==int(dg[9]): errs.append('decoy nhs VALID '+d)
    # unmarked name check: every marked person text occurring unmarked elsewhere (whole word)
    marked=set(t for k,t,s,e in ids if k=='person')
    for nm in marked:
        for m in re.finditer(r'(?<![A-Za-z])'+re.escape(nm)+r'(?![A-Za-z])',plain):
            if not any(s<=m.start()<e for k,t,s,e in ids):
                if not any(i<=m.start()<i+len(d) for d,i in dspans):
                    errs.append(f'unmarked occurrence of {nm!r} at {m.start()}: ...{plain[max(0,m.start()-30):m.start()+30]!r}')
    return ids,decoys,errs,plain
if __name__=='__main__':
    for p in sorted(glob.glob('/work/heldout4/0*.txt')):
        ids,dec,errs,_=parse(p)
        print(p.split('/')[-1],len(ids),len(dec))
        for e in errs: print('   ',e)
