import re,glob,collections
KINDS="person address postcode dob age-with-name school gp-surgery employer phone nhs-number ni-number vehicle email url handle".split()
style={'01':'raw lower-case STT, kinship-carer interview (Southampton)','02':'raw lower-case STT, phone call (Portsmouth)','03':'raw lower-case STT, young people focus group (Luton)',
'04':'tidied family group interview, overlapping talk (Reading)','05':'tidied workers\' case-discussion focus group (Ipswich/Cambridge)','06':'hasty field notes (Oxford/Peterborough)','07':'tidied grandparent interview (Brighton)'}
rows=[];tot=collections.Counter();T=D=L=0
for f in sorted(glob.glob('0*.txt')):
    body=[];dec=0
    for l in open(f,encoding='utf-8').read().split('\n'):
        if l.startswith('%% decoys:'): dec+=len([d for d in l[10:].split('|') if d.strip()])
        if not l.startswith('%%'): body.append(l)
    c=collections.Counter(m.group(1) for m in re.finditer(r'\{\{([a-z-]+):(.*?)\}\}','\n'.join(body)))
    n=sum(c.values()); T+=n; D+=dec; tot+=c
    if 'stt' in f: L+=n
    rows.append(f"| {f} | {style[f[:2]]} | {n} | {dec} | {c['person']} |")
out=["# dev8 – blind PII development set (South & East England)","",
"Written blind: the author never saw the detector, its code, tests or any other evaluation set; only /work/dev8 was used, no git.",
"All content is invented. Phones use Ofcom drama ranges; NHS numbers pass modulus-11 (decoy 10-digit references fail it);",
"NI numbers use valid prefixes and A–D suffixes; postcodes use real outward codes (SO, PO, LU, RG, IP, OX, PE, BN) with valid inward codes;",
"vehicle registrations are current format (AB12 CDE). `check.py` validates markers, decoy occurrences/overlaps and flags unmarked name occurrences",
"(the only ones left are deliberate decoys: 'crack of dawn', 'what a gift', 'precious little help', 'frank conversation', 'sunny out', 'Mark my words', 'Bill paying', 'down the Marina').","",
"Hard cases: self-corrections (two spans), names that are ordinary words (gift, precious, dawn, will, frank, sunny, bill, rose, sue, mark, chance, marina, grace) used both as names and as decoys,",
"surnames alone (the Ozola family, the Russos, the Thapas'), spoken postcodes/phones/NHS/emails/urls/handles/regs, dates in words, a PRU, schools without 'School', family firms ('& Sons', 'Ltd'), pub, care home, market stall, takeaway, car wash; declared place names inside identifiers (Portsmouth Hospitals Trust, Luton 24 Cars, Kemp Town Sea Cadets, Whitehawk Road Surgery).","",
"| file | style | identifiers | decoys | person |","|---|---|---|---|---|"]+rows+[f"| **total** | | **{T}** | **{D}** | **{tot['person']}** |","",
"## Counts per kind (computed by script)","","| kind | count |","|---|---|"]+[f"| {k} | {tot[k]} |" for k in KINDS]+["",
f"Lower-case raw speech-to-text share of identifiers: {L}/{T} = {L/T:.1%} (files 01–03)."]
open('README.md','w').write('\n'.join(out)+'\n')
print('\n'.join(out))
