#!/usr/bin/env python3
"""Mark unmarked occurrences of given names as person (authoring helper). usage: automark.py file name1 name2 ..."""
import re, sys
f = sys.argv[1]; names = sys.argv[2:]
out = []
for line in open(f, encoding="utf-8").read().split("\n"):
    if line.startswith("%%"): out.append(line); continue
    parts = re.split(r"(\{\{.*?\}\})", line)
    for i in range(0, len(parts), 2):
        for nm in sorted(names, key=len, reverse=True):
            parts[i] = re.sub(r"(?<![A-Za-z{:])%s(?![A-Za-z}])" % re.escape(nm), "{{person:%s}}" % nm, parts[i])
        # collapse accidental double-marking
    out.append("".join(parts))
open(f, "w", encoding="utf-8").write("\n".join(out))
