import json,os,sys
sys.path.insert(0,os.path.dirname(__file__))
from check import KINDS
d=json.load(open(os.path.join(os.path.dirname(__file__),'counts.json')))
style={'01':'tidied interview (kinship carer, uncle) – Sunderland SR','02':'focus group, parents, cross-talk – Edinburgh EH','03':'hasty field notes, lower-case – Hull HU / Preston PR','04':'RAW STT interview (grandmother kinship carer) – Dundee DD','05':'RAW STT focus group, young people, cross-talk – Middlesbrough TS','06':'RAW STT interview (family support worker) – Blackburn BB / Bolton BL','07':'focus group, front-line workers, cross-talk – Carlisle CA / Durham DH','08':'tidied interview (mother) – Aberdeen AB / Inverness IV'}
print('| file | style | identifiers | person | decoys | raw STT |');print('|---|---|---:|---:|---:|:---:|')
for f,r in d['files'].items():
    print(f"| {f} | {style[f[:2]]} | {r['ids']} | {r['kinds'].get('person',0)} | {r['decoys']} | {'yes' if r['stt'] else ''} |")
print(f"| **total** | | **{d['total']}** | **{d['kinds']['person']}** | **{d['decoys']}** | |")
print();print('| kind | '+' | '.join(f[:2] for f in d['files'])+' | total |');print('|---|'+'---:|'*(len(d['files'])+1))
for k in KINDS:
    print(f'| {k} | '+' | '.join(str(r['kinds'].get(k,0)) for r in d['files'].values())+f" | {d['kinds'][k]} |")
fn=[r for f,r in d['files'].items() if f.startswith('03')][0]['ids']
print();print(f"Raw lower-case STT share: {d['stt']} / {d['total']} = {100*d['stt']/d['total']:.1f}%  (files 04, 05, 06).")
print(f"All lower-case text (STT + lower-case field notes 03): {d['stt']+fn} / {d['total']} = {100*(d['stt']+fn)/d['total']:.1f}%.")
