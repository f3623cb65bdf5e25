#!/usr/bin/env python3
"""Validate dev9 files: markers, decoys, counts. Usage: python3 check.py [--md]"""
import re, sys, glob, os, collections
KINDS = ["person","address","postcode","dob","age-with-name","school","gp-surgery",
         "employer","phone","nhs-number","ni-number","vehicle","email","url","handle"]
STT = {"05_stt_voicemails_derry.txt","06_stt_walk_and_talk_glasgow.txt","07_stt_parent_interview_aberdeen.txt"}
MK = re.compile(r"\{\{([a-z\-]+):(.*?)\}\}")
def parse(path):
    raw = open(path, encoding="utf-8").read()
    lines = raw.split("\n")
    allow, decoys, body = [], [], []
    for l in lines:
        if l.startswith("%%"):
            m = re.match(r"%%\s*allow:(.*)", l)
            if m: allow += [a.strip() for a in m.group(1).split(",") if a.strip()]
            m = re.match(r"%%\s*decoys:(.*)", l)
            if m: decoys += [d.strip() for d in m.group(1).split("|") if d.strip()]
        else: body.append(l)
    text = "\n".join(body)
    errs = []
    if "{{" in MK.sub("", text) or "}}" in MK.sub("", text): errs.append("stray braces")
    plain, spans, pos, last = [], [], 0, 0
    for m in MK.finditer(text):
        plain.append(text[last:m.start()]); pos += m.start()-last
        k, t = m.group(1), m.group(2)
        if k not in KINDS: errs.append("bad kind %s" % k)
        if "{{" in t: errs.append("nested %s" % t)
        spans.append((pos, pos+len(t), k, t)); plain.append(t); pos += len(t); last = m.end()
    plain.append(text[last:]); plain = "".join(plain)
    # decoys
    seen = collections.Counter(); dspans = []
    for d in decoys:
        seen[d] += 1; n = seen[d]; i = -1
        for _ in range(n):
            i = plain.find(d, i+1)
            if i < 0: break
        if i < 0: errs.append("decoy missing: %r #%d" % (d, n)); continue
        for s, e, k, t in spans:
            if i < e and s < i+len(d): errs.append("decoy overlaps: %r #%d with %s:%s" % (d, n, k, t))
        dspans.append((i, i+len(d), d))
    # unmarked person names
    names = set()
    for s, e, k, t in spans:
        if k == "person":
            for w in re.findall(r"[A-Za-z][A-Za-z'\-]+", t):
                if len(w) > 2: names.add(w)
    for nm in names:
        for m in re.finditer(r"(?<![A-Za-z])%s(?![A-Za-z])" % re.escape(nm), plain):
            if not any(s <= m.start() < e for s, e, k, t in spans):
                if not any(s <= m.start() < e for s, e, d in dspans):
                    errs.append("unmarked name %r at ...%s..." % (nm, plain[max(0,m.start()-30):m.end()+30].replace("\n"," ")))
    # decoys that are substrings also of allow? fine. spans in allow?
    return spans, decoys, errs, plain
def nhs_ok(d):
    s = sum(int(c)*w for c, w in zip(d[:9], range(10,1,-1))); r = 11 - s % 11; r = 0 if r == 11 else r
    return r != 10 and r == int(d[9])
files = sorted(f for f in glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "[0-9]*.txt")))
tot = collections.Counter(); rows = []; allerr = 0; tid = td = lid = 0
for f in files:
    b = os.path.basename(f); spans, decoys, errs, plain = parse(f)
    c = collections.Counter(k for *_, k, t in spans)
    tot.update(c); tid += len(spans); td += len(decoys)
    if b in STT: lid += len(spans)
    for *_, k, t in spans:
        if k == "nhs-number":
            dg = re.sub(r"\D", "", t)
            if len(dg) == 10 and not nhs_ok(dg): errs.append("NHS invalid %s" % t)
    for d in decoys:
        dg = re.sub(r"\D", "", d)
        if len(dg) == 10 and nhs_ok(dg): errs.append("decoy passes NHS mod11: %s" % d)
    rows.append((b, len(spans), len(decoys), c))
    for e in errs: print("ERR", b, e); allerr += 1
if "--md" in sys.argv:
    print("| file | style | identifiers | decoys |\n|---|---|---|---|")
    for b, n, d, c in rows: print("| %s | %s | %d | %d |" % (b, "raw STT (lower-case)" if b in STT else "tidied/mixed-case", n, d))
    print("\n| kind | count |\n|---|---|")
    for k in KINDS: print("| %s | %d |" % (k, tot[k]))
    print("\nTotal identifiers: %d; decoys: %d; in raw lower-case STT: %d (%.1f%%)" % (tid, td, lid, 100*lid/max(tid,1)))
else:
    for b, n, d, c in rows: print(b, n, d, dict(c))
    print("TOTAL", tid, "decoys", td, "stt", lid, "%.1f%%" % (100*lid/max(tid,1)), dict(tot), "errors", allerr)
