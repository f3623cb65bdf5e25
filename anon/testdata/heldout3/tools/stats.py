#!/usr/bin/env python3
"""Print the README tables (per file and per kind) from tools/check.py."""
import io, contextlib, sys, os
sys.path.insert(0, os.path.dirname(__file__))
import check
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    per, tot, ids, dec, lc, errs = check.main()
STYLE = {"01": "tidied one-to-one interview (kinship carer, grandmother)",
         "02": "tidied focus group (parents/carers)",
         "03": "researcher field notes",
         "04": "raw speech-to-text, lower-case (young person, 17)",
         "05": "tidied interview (front-line worker, police/MASH)",
         "06": "raw speech-to-text, lower-case (focus group, parents/carers)",
         "07": "researcher field notes (home visits + job centre)",
         "08": "raw speech-to-text, lower-case (grandparent couple)"}
print("| file | style | identifiers | decoys |\n|---|---|---:|---:|")
for name, _, i, d, kc in per:
    print(f"| {name} | {STYLE.get(name[:2], '')} | {i} | {d} |")
print(f"| **total** | | **{ids}** | **{dec}** |\n")
print("| kind | count |\n|---|---:|")
for k in check.KINDS: print(f"| {k} | {tot[k]} |")
print(f"\nLower-case raw speech-to-text identifiers: {lc} of {ids} = {lc/ids:.1%}.")
print(f"Validation errors: {len(errs)}")
