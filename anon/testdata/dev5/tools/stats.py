#!/usr/bin/env python3
"""Print markdown tables of per-file and per-kind counts for README."""
import sys, os, glob, collections
sys.path.insert(0, os.path.dirname(__file__)); import check
root=os.path.join(os.path.dirname(__file__),"..")
files=sorted(glob.glob(os.path.join(root,"*.txt")))
style={"01":"tidied interview (parent)","02":"raw STT interview (kinship carer)","03":"tidied focus group (workers)",
       "04":"raw STT paired interview (young people)","05":"field notes","06":"raw STT joint interview (grandparents)",
       "07":"tidied interview (police sergeant)","08":"tidied focus group (parents/carers)"}
tot=collections.Counter(); T=D=S=0; rows=[]
for f in files:
    b=os.path.basename(f); text,plain,ids,allow,decoys,lines=check.parse(f)
    c=collections.Counter(k for k,*_ in ids); tot+=c; stt="_stt_" in b
    T+=len(ids); D+=len(decoys); S+=len(ids) if stt else 0
    rows.append(f"| {b} | {style[b[:2]]} | {len(ids)} | {c['person']} | {len(decoys)} | {'yes' if stt else 'no'} |")
print("| file | style | identifiers | of which person | decoys | raw lower-case STT |")
print("|---|---|---|---|---|---|"); print("\n".join(rows))
print(f"| **total** | | **{T}** | **{tot['person']}** | **{D}** | {S} in STT |")
print(); print("| kind | count |"); print("|---|---|")
for k in check.KINDS: print(f"| {k} | {tot[k]} |")
print(f"| **all** | **{T}** |")
print(); print(f"Identifiers inside raw lower-case STT files: {S} of {T} = {100*S/T:.1f}%.  Decoys: {D}.")
