import check,glob,collections
rows=[];tot=collections.Counter();raw=0;N=0;D=0
for p in sorted(glob.glob('/work/heldout4/0*.txt')):
    ids,dec,errs,plain=check.parse(p)
    assert not errs,(p,errs)
    style=open(p).readline()[3:].split('.')[0]
    rows.append((p.split('/')[-1],style,len(ids),len(dec)))
    for k,*_ in ids: tot[k]+=1
    N+=len(ids);D+=len(dec)
    if 'raw_stt' in p: raw+=len(ids)
out=['| file | style | identifiers | decoys |','|---|---|---|---|']
out+=[f'| {a} | {b} | {c} | {d} |' for a,b,c,d in rows]
out+=[f'| **total** | | **{N}** | **{D}** |','','| kind | count |','|---|---|']
out+=[f'| {k} | {tot[k]} |' for k in check.KINDS]
out+=['',f'Identifiers inside raw lower-case speech-to-text files: {raw} of {N} ({100*raw/N:.1f}%).']
print('\n'.join(out))
