#!/usr/bin/env python3
"""Validate the held-out files and print counts (written for this set only)."""
import re, sys, glob, os, json, collections
KINDS = ["person","address","postcode","dob","age-with-name","school","gp-surgery",
         "employer","phone","nhs-number","ni-number","vehicle","email","url","handle"]
MARK = re.compile(r"\{\{([a-z-]+):(.*?)\}\}")
NUM = {"oh":"0","o":"0","zero":"0","nought":"0","one":"1","two":"2","three":"3","four":"4",
       "five":"5","six":"6","seven":"7","eight":"8","nine":"9"}
PHONE_RANGES = ["07700900","01174960","01214960","01614960","01914980","02079460","02920180","01632960"]
BAD_NI_PAIRS = {"BG","GB","KN","NK","NT","TN","ZZ"}

def digits(s):
    toks = re.findall(r"[a-z]+|\d", s.lower().replace("-", " "))
    out = ""; mult = 1
    for t in toks:
        if t == "double": mult = 2; continue
        if t == "treble" or t == "triple": mult = 3; continue
        if t.isdigit(): out += t*mult; mult = 1; continue
        if t in NUM: out += NUM[t]*mult; mult = 1; continue
    return out

TEENS = {"ten":10,"eleven":11,"twelve":12,"thirteen":13,"fourteen":14,"fifteen":15,"sixteen":16,
         "seventeen":17,"eighteen":18,"nineteen":19}
TENS = {"twenty":2,"thirty":3,"forty":4,"fifty":5,"sixty":6,"seventy":7,"eighty":8,"ninety":9}
UNITS = {"one":1,"two":2,"three":3,"four":4,"five":5,"six":6,"seven":7,"eight":8,"nine":9}
def words2num(s):
    s = s.lower().replace("-", " ")
    s = re.sub(r"\b(" + "|".join(TENS) + r")\s+(" + "|".join(UNITS) + r")\b",
               lambda m: str(TENS[m.group(1)]*10 + UNITS[m.group(2)]), s)
    s = re.sub(r"\b(" + "|".join(TENS) + r")\b", lambda m: str(TENS[m.group(1)]*10), s)
    s = re.sub(r"\b(" + "|".join(TEENS) + r")\b", lambda m: str(TEENS[m.group(1)]), s)
    return s
def alnum(s):
    toks = re.findall(r"[a-z]+|\d", words2num(s))
    out = ""; mult = 1
    for t in toks:
        if t == "double": mult = 2; continue
        if t == "treble": mult = 3; continue
        if t.isdigit(): out += t*mult
        elif t in NUM and t != "o": out += NUM[t]*mult
        elif len(t) == 1: out += t.upper()*mult
        elif t in ("for","four"): out += "4"*mult
        else: out += t.upper()
        mult = 1
    return out

def nhs_ok(d):
    if len(d) != 10: return False
    s = sum(int(x)*w for x, w in zip(d[:9], range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(d[9])

def parse(path):
    raw = open(path, encoding="utf-8").read()
    allow, decoys, body = [], [], []
    for line in raw.split("\n"):
        if line.startswith("%%"):
            m = re.match(r"%%\s*allow:(.*)", line)
            if m: allow += [a.strip() for a in m.group(1).split(",") if a.strip()]
            m = re.match(r"%%\s*decoys:(.*)", line)
            if m: decoys += [d.strip() for d in m.group(1).split("|") if d.strip()]
            continue
        body.append(line)
    text = "\n".join(body)
    plain, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(text):
        plain.append(text[last:m.start()]); pos += m.start() - last
        k, t = m.group(1), m.group(2)
        spans.append((pos, pos + len(t), k, t))
        plain.append(t); pos += len(t); last = m.end()
    plain.append(text[last:])
    return allow, decoys, "".join(plain), spans, text

def main():
    files = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "*.txt")))
    errs = []; tot = collections.Counter(); per = []; lc_ids = 0; all_ids = 0; all_dec = 0
    for f in files:
        name = os.path.basename(f)
        allow, decoys, plain, spans, text = parse(f)
        if "{{" in plain or "}}" in plain: errs.append(f"{name}: stray/nested marker")
        kc = collections.Counter(k for *_, k, _ in spans)
        for s, e, k, t in spans:
            if k not in KINDS: errs.append(f"{name}: bad kind {k}")
            if t != t.strip() or not t: errs.append(f"{name}: untrimmed span {t!r}")
            if k == "person" and (t.endswith("'s") or t.lower().startswith(("mr ","mrs ","ms ","dr ","miss "))):
                errs.append(f"{name}: person span has title/possessive {t!r}")
            if k == "phone":
                d = digits(t)
                if not (len(d) == 11 and any(d.startswith(p) for p in PHONE_RANGES)):
                    errs.append(f"{name}: phone not in drama range {t!r} -> {d}")
            if k == "nhs-number":
                d = digits(t)
                if not nhs_ok(d): errs.append(f"{name}: NHS fails check {t!r} -> {d}")
            if k == "ni-number":
                a = alnum(t)
                ok = re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", a)
                if ok:
                    p = a[:2]
                    if set(p) & set("DFIQUV") or p[1] == "O" or p in BAD_NI_PAIRS: ok = None
                if not ok: errs.append(f"{name}: NI invalid {t!r} -> {a}")
            if k == "postcode":
                a = alnum(t)
                if not re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?\d[ABDEFGHJLNPQRSTUWXYZ]{2}", a):
                    errs.append(f"{name}: postcode shape {t!r} -> {a}")
            if k == "vehicle":
                a = alnum(t)
                if not re.fullmatch(r"[A-HJ-PR-Y]{2}\d{2}[A-HJ-PR-Z]{3}", a):
                    errs.append(f"{name}: vehicle shape {t!r} -> {a}")
        # decoys: n-th listing = n-th occurrence
        seen = collections.Counter()
        for d in decoys:
            seen[d] += 1; n = seen[d]; i = -1
            for _ in range(n):
                i = plain.find(d, i + 1)
                if i < 0: break
            if i < 0:
                errs.append(f"{name}: decoy #{n} {d!r} not found"); continue
            if (i > 0 and plain[i-1].isalnum() and d[0].isalnum()) or (i+len(d) < len(plain) and plain[i+len(d)].isalnum() and d[-1].isalnum()):
                errs.append(f"{name}: decoy {d!r} #{n} is inside a longer word")
            for s, e, k, t in spans:
                if i < e and s < i + len(d):
                    errs.append(f"{name}: decoy {d!r} #{n} overlaps {k}:{t!r}")
        # every occurrence of a person name marked (unless listed as a decoy occurrence)
        dec_pos = set()
        seen = collections.Counter()
        for d in decoys:
            seen[d] += 1; i = -1
            for _ in range(seen[d]):
                i = plain.find(d, i + 1)
            if i >= 0: dec_pos.add((i, i + len(d)))
        for nm in sorted({t for s, e, k, t in spans if k == "person" and len(t) > 2}):
            for m in re.finditer(r"(?<![A-Za-z])" + re.escape(nm) + r"(?![A-Za-z])", plain):
                if any(s <= m.start() < e for s, e, *_ in spans): continue
                if any(a <= m.start() < b for a, b in dec_pos): continue
                ctx = plain[max(0, m.start()-30):m.end()+30].replace("\n", " ")
                errs.append(f"{name}: unmarked occurrence of name {nm!r}: ...{ctx}...")
        # allow entries must occur
        for a in allow:
            pass  # declared vocabulary need not occur in every file
        lc = "raw" in name
        if lc:
            body = re.sub(r"^(P\d+|Interviewer|Facilitator):", "", plain, flags=re.M)
            if re.search(r"[A-Z]", body): errs.append(f"{name}: capitals in raw file: " + ", ".join(sorted(set(re.findall(r'\S*[A-Z]\S*', body)))[:10]))
            if re.search(r"[.,?!;]", body): errs.append(f"{name}: punctuation in raw file")
            lc_ids += len(spans)
        all_ids += len(spans); all_dec += len(decoys); tot += kc
        per.append((name, "raw speech-to-text (lower-case)" if lc else "", len(spans), len(decoys), dict(kc)))
    for e in errs: print("ERROR", e)
    print(json.dumps({"files": [(n, i, d) for n, _, i, d, _ in per], "identifiers": all_ids, "decoys": all_dec,
                      "lowercase_ids": lc_ids, "lowercase_share": round(lc_ids / max(all_ids, 1), 3),
                      "per_kind": {k: tot[k] for k in KINDS}}, indent=1))
    return per, tot, all_ids, all_dec, lc_ids, errs

if __name__ == "__main__":
    r = main()
    sys.exit(1 if r[5] else 0)
