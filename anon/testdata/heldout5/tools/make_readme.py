import glob,collections
exec(open('check.py').read().split('tot=collections')[0])
style={'01':'tidied interview (kinship carer, grandmother), Glasgow','02':'tidied focus group (front-line workers), Belfast','03':'researcher field notes, Dundee','04':'raw speech-to-text, lower case (kinship carer, grandfather), Paisley','05':'raw speech-to-text, lower case (young person), Derry','06':'raw speech-to-text, lower case (single father), Aberdeen','07':'tidied interview (family support worker), Edinburgh','08':'tidied focus group (parents and carers), Kirkcaldy / Inverness'}
rows=[];tot=collections.Counter();N=D=LC=0
for f in sorted(glob.glob('0*.txt')):
    plain,spans,allow,decoys=parse(f)
    rows.append((f,style[f[:2]],len(spans),len(decoys)));N+=len(spans);D+=len(decoys)
    if 'stt' in f: LC+=len(spans)
    tot.update(k for *_,k,t in spans)
out=["| file | style | identifiers | decoys |","|---|---|---:|---:|"]
out+=[f"| {a} | {b} | {c} | {d} |" for a,b,c,d in rows]
out+=[f"| **total** | | **{N}** | **{D}** |","","| kind | count |","|---|---:|"]
out+=[f"| {k} | {tot[k]} |" for k in KINDS]
out+=["",f"Identifiers inside raw lower-case speech-to-text files: {LC} of {N} ({100*LC/N:.1f}%)."]
print('\n'.join(out))
