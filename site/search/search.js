// search.js: the insight site's search, working from file:// and any web
// server alike. Index files are scripts (search/*.js) that call
// insightSearch.<kind>(key, data); this script adds <script> tags for the
// ones a query needs, never fetch or XHR, so nothing leaves the site. Each
// holds base-92 text (text.go) of deflate-raw bytes, inflated with the
// browser's DecompressionStream (see files.go for the layout).
// Text from the study reaches the page only through textContent.
(function () {
  'use strict';
  var me = document.currentScript;
  var base = me ? me.src.replace(/[^/]*$/, '') : 'search/';
  var data = { meta: null, terms: {}, postings: {}, records: {} };
  var S = window.insightSearch = {
    loaded: [], // file names loaded, for tests and measurement
    meta: function (k, d) { data.packedMeta = d; },
    terms: function (k, d) { data.terms[k] = d; },
    postings: function (k, d) { data.postings[k] = d; },
    records: function (k, d) { data.records[k] = d; }
  };
  var PAGE = 20;
  var valid = null; // bitmap of the ids that are segments, once meta.js is read

  // ---- loading ----
  var pending = {};
  // file loads a packed file and resolves to its inflated bytes, once.
  var inflated = {};
  function file(name, kind, key) {
    if (!inflated[name]) {
      inflated[name] = load(name).then(function () {
        var text = data[kind][key];
        delete data[kind][key];
        return inflate(text);
      });
    }
    return inflated[name];
  }
  // canInflate says whether this browser reads deflate-raw (Chromium 103+,
  // Firefox 113+, Safari 16.4+); older ones get a message, not results.
  var canInflate = (function () {
    try { return typeof Response === 'function' && !!new DecompressionStream('deflate-raw'); } catch (e) { return false; }
  })();
  function inflate(text) {
    if (!canInflate) {
      return Promise.reject(new Error('this browser cannot read the compressed search index (it lacks DecompressionStream for deflate-raw). ' +
        'Open the site in a current Chrome, Edge, Firefox or Safari.'));
    }
    var stream = new Blob([bytesOf(text)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  var utf8 = typeof TextDecoder === 'function' ? new TextDecoder('utf-8') : null;
  function json(bytes) { return JSON.parse(utf8.decode(bytes)); }
  function load(name) {
    if (!pending[name]) {
      pending[name] = new Promise(function (ok, fail) {
        var el = document.createElement('script');
        el.src = base + name;
        el.onload = function () { S.loaded.push(name); ok(); };
        el.onerror = function () { fail(new Error('could not read search/' + name)); };
        document.head.appendChild(el);
      });
    }
    return pending[name];
  }

  // ---- analysis: as bleve's text_en analyser in the study's index ----
  // Words by Unicode word boundaries (UAX #29), possessive 's dropped,
  // lower case, then go-porterstemmer's Porter stemmer.
  var segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('en', { granularity: 'word' }) : null;
  function words(text) {
    var out = [];
    if (segmenter) {
      for (var s of segmenter.segment(text)) { if (s.isWordLike) out.push(s.segment); }
      return out;
    }
    return text.match(/[\p{L}\p{N}\p{M}]+(?:['’.:][\p{L}\p{N}\p{M}]+)*/gu) || [];
  }
  function term(word) {
    var r = Array.from(word);
    var n = r.length;
    if (n >= 2 && (r[n - 1] === 's' || r[n - 1] === 'S') && (r[n - 2] === "'" || r[n - 2] === '\u2019' || r[n - 2] === '\uFF07')) {
      r = r.slice(0, n - 2);
    }
    for (var i = 0; i < r.length; i++) {
      var l = Array.from(r[i].toLowerCase())[0];
      if (l === '\u03C3' && r[i] !== l && i === r.length - 1) l = '\u03C2';
      r[i] = l;
    }
    return stem(r).join('');
  }
  S.term = term; // for the tests that compare it with Go
  S.terms_ = function (text) { return words(text).map(term); };

  // stem is a faithful port of github.com/blevesearch/go-porterstemmer's
  // StemWithoutLowerCasing, quirks included, over an array of code points.
  function cons(s, i) {
    var c = s[i];
    if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
    if (c === 'y') return i === 0 ? true : !cons(s, i - 1);
    return true;
  }
  function measure(s) {
    var n = s.length, m = 0, i = 0;
    if (n === 0) return 0;
    while (cons(s, i)) { i++; if (i >= n) return m; }
    for (;;) {
      while (!cons(s, i)) { i++; if (i >= n) return m; }
      while (cons(s, i)) { i++; if (i >= n) return m + 1; }
      m++;
    }
  }
  function ends(s, suf) {
    var n = s.length, k = suf.length;
    if (n - 1 <= k - 1) return false;
    for (var i = 0; i < k; i++) if (s[n - k + i] !== suf[i]) return false;
    return true;
  }
  function vowel(s) { for (var i = 0; i < s.length; i++) if (!cons(s, i)) return true; return false; }
  function dbl(s) { var n = s.length; return n >= 2 && s[n - 1] === s[n - 2] && cons(s, n - 1); }
  function cvc(s) { var n = s.length; return n >= 3 && cons(s, n - 3) && !cons(s, n - 2) && cons(s, n - 1); }
  function cut(s, k) { return s.slice(0, s.length - k); }
  function withLast(s, c) { s = s.slice(); s[s.length - 1] = c; return s; }
  function step1a(s) {
    if (ends(s, 'sses') || ends(s, 'ies')) return cut(s, 2);
    if (ends(s, 'ss')) return s;
    if (ends(s, 's')) return cut(s, 1);
    return s;
  }
  function step1bTail(s, sub, e) {
    if (ends(sub, 'at') || ends(sub, 'bl') || ends(sub, 'iz')) {
      var r = s.slice(0, sub.length + 1);
      return e ? withLast(r, 'e') : r;
    }
    var c = sub[sub.length - 1];
    if (c !== 'l' && c !== 's' && c !== 'z' && dbl(sub)) return cut(sub, 1);
    if (measure(sub) === 1 && cvc(sub) && c !== 'w' && c !== 'x' && c !== 'y') return withLast(s.slice(0, sub.length + 1), 'e');
    return sub;
  }
  function step1b(s) {
    if (ends(s, 'eed')) return measure(cut(s, 3)) > 0 ? cut(s, 1) : s;
    if (ends(s, 'ed')) { var a = cut(s, 2); return vowel(a) ? step1bTail(s, a, false) : s; }
    if (ends(s, 'ing')) { var b = cut(s, 3); return vowel(b) ? step1bTail(s, b, true) : s; }
    return s;
  }
  function step1c(s) {
    var n = s.length;
    if (n < 2) return s;
    if (s[n - 1] === 'y' && vowel(s.slice(0, n - 1))) return withLast(s, 'i');
    if (s[n - 1] === 'Y' && vowel(s.slice(0, n - 1))) return withLast(s, 'I');
    return s;
  }
  // [suffix, replacement] pairs: the first suffix that ends the word decides,
  // and applies only when the stem before it has measure > 0.
  var step2Rules = [['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
    ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'],
    ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'],
    ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log']];
  var step3Rules = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
  function replaceRule(s, rules) {
    for (var i = 0; i < rules.length; i++) {
      var suf = rules[i][0];
      if (ends(s, suf)) {
        var stemPart = cut(s, suf.length);
        return measure(stemPart) > 0 ? stemPart.concat(Array.from(rules[i][1])) : s;
      }
    }
    return s;
  }
  var step4Suffixes = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];
  function step4(s) {
    for (var i = 0; i < step4Suffixes.length; i++) {
      var suf = step4Suffixes[i];
      if (ends(s, suf)) {
        var sub = cut(s, suf.length);
        if (measure(sub) <= 1) return s;
        if (suf === 'ion') { var c = sub[sub.length - 1]; return c === 's' || c === 't' ? sub : s; }
        return sub;
      }
    }
    return s;
  }
  function step5a(s) {
    var n = s.length;
    if (s[n - 1] !== 'e') return s;
    var sub = cut(s, 1), m = measure(sub), c = sub[sub.length - 1];
    if (m > 1) return sub;
    if (m === 1 && !(cvc(sub) && c !== 'w' && c !== 'x' && c !== 'y')) return sub;
    return s;
  }
  function step5b(s) {
    var n = s.length;
    if (n > 2 && s[n - 2] === 'l' && s[n - 1] === 'l' && measure(cut(s, 1)) > 1) return cut(s, 1);
    return s;
  }
  function stem(s) {
    if (s.length <= 2) return s;
    s = step1a(s); s = step1b(s); s = step1c(s);
    s = replaceRule(s, step2Rules); s = replaceRule(s, step3Rules);
    s = step4(s); s = step5a(s); s = step5b(s);
    return s;
  }

  // ---- postings ----
  // bytesOf decodes base-92 text, as DecodeText in text.go does: 13 bits
  // in each pair of characters, 6 in a last lone one, least significant
  // first; the digits are printable ASCII but '"', backslash and '<'.
  var digit = (function () {
    var t = new Int16Array(128).fill(-1), n = 0;
    for (var c = 32; c < 127; c++) if (c !== 34 && c !== 92 && c !== 60) t[c] = n++;
    return t;
  })();
  S.bytes_ = function (s) { return Array.from(bytesOf(s)); }; // for tests
  function bytesOf(s) {
    var out = new Uint8Array(Math.floor(s.length * 13 / 16) + 1), o = 0, acc = 0, bits = 0;
    for (var i = 0; i < s.length; i += 2) {
      var a = digit[s.charCodeAt(i)], v = a, n = 6, b; // undefined past ASCII
      if (i + 1 < s.length) { b = digit[s.charCodeAt(i + 1)]; v = b < 0 ? -1 : a + 92 * b; n = 13; }
      if (!(a >= 0 && v >= 0 && v < 1 << n)) throw new Error('search: a corrupt index file (character ' + i + ')');
      acc |= v << bits; bits += n;
      while (bits >= 8) { out[o++] = acc & 255; acc >>>= 8; bits -= 8; }
    }
    return out.subarray(0, o);
  }
  // bitmap decodes postings bytes, 'd' and varint gaps, 'c' and the gaps of
  // the segments not listed, or 'b' and little-endian words, into a bitmap
  // of all n segments.
  function bitmap(enc, n, mask) {
    var words = (n + 31) >>> 5, bm = new Uint32Array(words), b = enc.subarray(1), i;
    if (enc[0] === 98) { // b
      for (i = 0; i < words; i++) bm[i] = (b[4 * i] | b[4 * i + 1] << 8 | b[4 * i + 2] << 16 | b[4 * i + 3] << 24) >>> 0;
      return bm;
    }
    var flip = enc[0] === 99, v = 0, mul = 1, at = -1; // c
    if (flip && mask) {
      bm.set(mask); // every segment, not the ids left free between documents
    } else if (flip) {
      bm.fill(0xffffffff);
      if (n & 31) bm[words - 1] = (1 << (n & 31)) - 1 >>> 0;
    }
    for (i = 0; i < b.length; i++) {
      v += (b[i] & 0x7f) * mul;
      if (b[i] & 0x80) { mul *= 128; continue; }
      at = at < 0 ? v : at + v;
      if (flip) bm[at >>> 5] &= ~(1 << (at & 31)); else bm[at >>> 5] |= 1 << (at & 31);
      v = 0; mul = 1;
    }
    return bm;
  }
  // for tests: valid lists the ids that are segments, or is null for all
  S.decode = function (text, n, valid) {
    var mask = null;
    if (valid) { mask = new Uint32Array((n + 31) >>> 5); valid.forEach(function (s) { mask[s >>> 5] |= 1 << (s & 31); }); }
    return ids(bitmap(bytesOf(text), n, mask));
  };
  function hash(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  // shard resolves to term shard k: its header {stem: [offset, length] or
  // p- file number} and the postings bytes the offsets point into.
  var shards = {};
  function shard(k) {
    if (!shards[k]) {
      shards[k] = file('t-' + k + '.js', 'terms', k).then(function (b) {
        var len = 0, mul = 1, i = 0;
        for (; b[i] & 0x80; i++) { len += (b[i] & 0x7f) * mul; mul *= 128; }
        len += b[i++] * mul;
        return { head: json(b.subarray(i, i + len)), blob: b.subarray(i + len) };
      });
    }
    return shards[k];
  }
  function postingsOf(st) {
    var m = data.meta, k = hash(st) % m.shards;
    return shard(k).then(function (sh) {
      if (!Object.prototype.hasOwnProperty.call(sh.head, st)) return new Uint32Array((m.n + 31) >>> 5);
      var e = sh.head[st];
      if (typeof e !== 'number') return bitmap(sh.blob.subarray(e[0], e[0] + e[1]), m.n, valid);
      return file('p-' + k + '-' + e + '.js', 'postings', k + '-' + e).then(function (b) { return bitmap(b, m.n, valid); });
    });
  }
  function and(a, b) { var r = new Uint32Array(a.length); for (var i = 0; i < a.length; i++) r[i] = a[i] & b[i]; return r; }
  function or(a, b) { var r = new Uint32Array(a.length); for (var i = 0; i < a.length; i++) r[i] = a[i] | b[i]; return r; }
  function andNot(a, b) { var r = new Uint32Array(a.length); for (var i = 0; i < a.length; i++) r[i] = a[i] & ~b[i]; return r; }
  function ids(bm) {
    var out = [];
    for (var w = 0; w < bm.length; w++) {
      var x = bm[w];
      while (x) { var t = x & -x; out.push(w * 32 + 31 - Math.clz32(t)); x ^= t; }
    }
    return out;
  }

  // ---- queries ----
  // parse reads the part of bleve's query-string syntax the site supports:
  // words (any may match), "quoted phrases", +required and -excluded.
  function parse(q) {
    var out = [], re = /([+-]?)(?:"([^"]*)"?|([^\s"]+))/g, m;
    while ((m = re.exec(q))) {
      var phrase = m[2] !== undefined;
      var stems = words(phrase ? m[2] : m[3]).map(term);
      if (stems.length) out.push({ op: m[1], phrase: phrase, stems: stems });
    }
    return out;
  }
  function clauseBitmap(c) {
    return Promise.all(c.stems.map(postingsOf)).then(function (bms) {
      return bms.reduce(c.phrase ? and : or);
    });
  }
  // candidates returns a bitmap of segments that may match and whether each
  // of them surely does (false when a phrase still needs its word order checked).
  function candidates(clauses, filters) {
    return Promise.all(clauses.map(clauseBitmap).concat(filters.map(filterBitmap))).then(function (bms) {
      var must = null, should = null, exact = true, i;
      var nots = [];
      for (i = 0; i < clauses.length; i++) {
        var c = clauses[i], bm = bms[i];
        var loose = c.phrase && c.stems.length > 1;
        if (c.op === '-') { if (loose) exact = false; else nots.push(bm); continue; }
        if (loose) exact = false;
        if (c.op === '+') must = must ? and(must, bm) : bm;
        else should = should ? or(should, bm) : bm;
      }
      var r = must || should;
      if (!r) return { bm: new Uint32Array((data.meta.n + 31) >>> 5), exact: true };
      nots.forEach(function (n) { r = andNot(r, n); });
      for (i = clauses.length; i < bms.length; i++) r = and(r, bms[i]);
      return { bm: r, exact: exact };
    });
  }
  var filterBitmap = postingsOf; // a filter is a stem no word has: ' t3', ' g0-2'

  function has(stems, phrase) {
    outer: for (var i = 0; i + phrase.length <= stems.length; i++) {
      for (var j = 0; j < phrase.length; j++) if (stems[i + j] !== phrase[j]) continue outer;
      return true;
    }
    return false;
  }
  function matches(clauses, stems) {
    var any = false, anyMust = false;
    for (var i = 0; i < clauses.length; i++) {
      var c = clauses[i];
      var hit = c.phrase ? has(stems, c.stems) : c.stems.some(function (s) { return stems.indexOf(s) >= 0; });
      if (c.op === '-') { if (hit) return false; continue; }
      if (c.op === '+') { if (!hit) return false; anyMust = true; continue; }
      if (hit) any = true;
    }
    return anyMust || any;
  }

  // ---- records ----
  // tokens reads where a record's words are: '' means as guess finds them,
  // else '=' and per word its gap and length as characters 0x30+n, or a
  // JSON list of the same numbers (see encodeTokens in analysis.go).
  function tokens(tok, text) {
    var nums = tok === '' ? guess(text) : tok.charAt(0) === '[' ? JSON.parse(tok) :
      Array.prototype.map.call(tok.slice(1), function (ch) { return ch.charCodeAt(0) - 0x30; });
    var out = [], pos = 0;
    for (var i = 0; i + 1 < nums.length; i += 2) { var s = pos + nums[i]; pos = s + nums[i + 1]; out.push([s, pos]); }
    return out;
  }
  // guess is guessTokens in analysis.go: ASCII letters and digits, joined
  // by one ' or ’ between two of them. No Unicode tables, so it is exact.
  function guess(text) {
    var out = [], re = /[A-Za-z0-9]+(?:['\u2019][A-Za-z0-9]+)*/g, m, prev = 0;
    while ((m = re.exec(text))) { out.push(m.index - prev, m[0].length); prev = m.index + m[0].length; }
    return out;
  }
  S.tokens = function (tok, text) { return tokens(tok, text); }; // for tests
  // meta resolves once meta.js is read: search.html loads it with a tag of
  // its own, beside this script. meta.blocks lists [document, segments]
  // per record block; documents' ids start where the one before left room
  // (capacity in search.go), and valid marks the ids that are segments.
  var metaRead = null, blocks = [];
  function meta() {
    if (!metaRead) {
      metaRead = (data.packedMeta ? Promise.resolve() : load('meta.js')).then(function () {
        return inflate(data.packedMeta);
      }).then(function (b) {
        var m = data.meta = json(b), f = m.blocks, base = 0, i = 0;
        valid = new Uint32Array((m.n + 31) >>> 5);
        while (i < f.length) {
          var d = f[i], total = 0;
          for (var k = 0; i < f.length && f[i] === d; i += 2, k++) {
            blocks.push({ name: d + '-' + k, start: base + total });
            total += f[i + 1];
          }
          for (var s = base; s < base + total; s++) valid[s >>> 5] |= 1 << (s & 31);
          base += capacity(total);
        }
      });
    }
    return metaRead;
  }
  function capacity(c) { var g = 1; while (g * 16 <= c) g *= 2; return (Math.floor(c / g) + 1) * g; }
  function blockOf(id) {
    var lo = 0, hi = blocks.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >>> 1; if (blocks[mid].start <= id) lo = mid; else hi = mid - 1; }
    return blocks[lo];
  }
  // textAnchor is textAnchor in records.go: the anchor of a sentence whose
  // record leaves it out, "s" and the first 4 bytes of the SHA-1 of its
  // text's UTF-8, in unpadded URL-safe base64. Only those 4 bytes (h0)
  // are kept.
  function textAnchor(text) {
    var b = new TextEncoder().encode(text), n = b.length, words = (((n + 8) >>> 6) + 1) * 16;
    var m = new Int32Array(words), w = new Int32Array(80), i, t;
    for (i = 0; i < n; i++) m[i >>> 2] |= b[i] << (24 - (i & 3) * 8);
    m[n >>> 2] |= 0x80 << (24 - (n & 3) * 8);
    m[words - 1] = n * 8; // a sentence is far below 2^29 bytes
    var h0 = 0x67452301, h1 = 0xEFCDAB89 | 0, h2 = 0x98BADCFE | 0, h3 = 0x10325476, h4 = 0xC3D2E1F0 | 0;
    for (var o = 0; o < words; o += 16) {
      for (t = 0; t < 16; t++) w[t] = m[o + t];
      for (t = 16; t < 80; t++) { var x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]; w[t] = (x << 1) | (x >>> 31); }
      var a = h0, bb = h1, c = h2, d = h3, e = h4;
      for (t = 0; t < 80; t++) {
        var f = t < 20 ? ((bb & c) | (~bb & d)) + 0x5A827999 : t < 40 ? (bb ^ c ^ d) + 0x6ED9EBA1 :
          t < 60 ? ((bb & c) | (bb & d) | (c & d)) + 0x8F1BBCDC : (bb ^ c ^ d) + 0xCA62C1D6;
        var tmp = (((a << 5) | (a >>> 27)) + f + e + w[t]) | 0;
        e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = tmp;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0; h4 = (h4 + e) | 0;
    }
    var s = String.fromCharCode(h0 >>> 24, (h0 >>> 16) & 255, (h0 >>> 8) & 255, h0 & 255);
    return 's' + btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }
  S.textAnchor = textAnchor; // for tests
  var recordBlocks = {};
  function record(id) {
    var b = blockOf(id);
    if (!recordBlocks[b.name]) recordBlocks[b.name] = file('r-' + b.name + '.js', 'records', b.name).then(json);
    return recordBlocks[b.name].then(function (blk) {
      var r = blk.recs[id - b.start], doc = blk.doc, toks = tokens(r[6], r[5]);
      return {
        id: id, docID: doc[0], href: doc[1] + '#' + (r[4] || textAnchor(r[5])), line: r[0], speaker: r[1], groups: r[2], themes: r[3], text: r[5],
        toks: toks, stems: toks.map(function (t) { return term(r[5].slice(t[0], t[1])); })
      };
    });
  }

  // Search runs a query: {q, theme, groups: {name: value}}. It resolves to
  // an object whose next(n) resolves to up to n more hits in document
  // order; total is exact when known, else lo..hi bound it.
  function Search(opts) {
    var self = this;
    this.clauses = parse(opts.q || '');
    this.terms = {};
    this.clauses.forEach(function (c) { if (c.op !== '-') c.stems.forEach(function (s) { self.terms[s] = true; }); });
    this.pos = 0; this.found = 0;
  }
  S.search = function (opts) {
    return meta().then(function () {
      var s = new Search(opts), m = data.meta, filters = [];
      if (opts.theme) {
        var t = m.themes.findIndex(function (x) { return x[0] === opts.theme; });
        if (t < 0) throw new Error('no theme ' + opts.theme);
        filters.push(' t' + t);
      }
      Object.keys(opts.groups || {}).forEach(function (name) {
        var g = m.groups.findIndex(function (x) { return x[0] === name; });
        var v = g < 0 ? -1 : m.groups[g][1].indexOf(opts.groups[name]);
        if (v < 0) throw new Error('no ' + name + ' ' + opts.groups[name]);
        filters.push(' g' + g + '-' + v);
      });
      if (!s.clauses.length) { s.ids = []; s.exact = true; return s; }
      return candidates(s.clauses, filters).then(function (c) {
        s.ids = ids(c.bm); s.exact = c.exact;
        return s;
      });
    });
  };
  Search.prototype.done = function () { return this.pos >= this.ids.length; };
  Search.prototype.total = function () { return this.exact || this.done() ? (this.exact ? this.ids.length : this.found) : null; };
  Search.prototype.next = function (n) {
    var self = this, out = [];
    function step() {
      if (out.length >= n || self.done()) return Promise.resolve(out);
      // Read as many candidates as are still wanted, all at once.
      var batch = self.ids.slice(self.pos, self.pos + Math.max(n - out.length, self.exact ? 0 : 8));
      self.pos += batch.length;
      return Promise.all(batch.map(record)).then(function (recs) {
        recs.forEach(function (r) {
          if (self.exact || matches(self.clauses, r.stems)) { out.push(r); self.found++; }
        });
        return step();
      });
    }
    return step();
  };
  // all lists every hit's segment number: for tests.
  S.all = function (opts) {
    return S.search(opts).then(function (s) {
      return s.next(Infinity).then(function (hits) { return hits.map(function (h) { return h.docID + ' ' + h.line + ' ' + h.text; }); });
    });
  };

  // ---- the page ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function render(s, h) {
    var m = data.meta, li = el('li', 'hit'), p = el('p', 'hit-text'), at = 0;
    h.toks.forEach(function (t, i) {
      if (!s.terms[h.stems[i]]) return;
      p.appendChild(document.createTextNode(h.text.slice(at, t[0])));
      p.appendChild(el('mark', 'hit-word', h.text.slice(t[0], t[1])));
      at = t[1];
    });
    p.appendChild(document.createTextNode(h.text.slice(at)));
    li.appendChild(p);
    var meta = el('p', 'hit-meta');
    var a = el('a', '', h.docID + ', line ' + h.line);
    a.href = h.href;
    meta.appendChild(a);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(el('b', 'hit-speaker', h.speaker));
    h.groups.forEach(function (v, g) {
      if (v > 0) meta.appendChild(document.createTextNode(' · ' + m.groups[g][0] + ': ' + m.groups[g][1][v]));
    });
    if (h.themes.length) {
      meta.appendChild(document.createTextNode(' · themes: '));
      h.themes.forEach(function (t, i) {
        if (i > 0) meta.appendChild(document.createTextNode(', '));
        var ta = el('a', 'hit-theme', m.themes[t][1]);
        ta.href = m.themes[t][2];
        meta.appendChild(ta);
      });
    }
    li.appendChild(meta);
    return li;
  }
  function status(s, shown) {
    var t = s.total();
    if (t !== null) return t === 0 ? 'No segments match.' : t + (t === 1 ? ' segment matches' : ' segments match') + (shown < t ? '; showing the first ' + shown + '.' : '.');
    return 'Showing ' + shown + ' matching segments; up to ' + (s.ids.length - s.pos + s.found) + ' more contain all the words of the phrase and are still to be checked.';
  }
  function page() {
    var form = document.getElementById('search-form'), out = document.getElementById('search-results');
    if (!form || !out) return;
    var params = new URLSearchParams(location.search), opts = { q: params.get('q') || '', theme: params.get('theme') || '', groups: {} };
    form.elements.q.value = opts.q;
    if (form.elements.theme) form.elements.theme.value = opts.theme;
    Array.prototype.forEach.call(form.querySelectorAll('select[data-group]'), function (sel) {
      var v = params.get(sel.name);
      if (v) { sel.value = v; opts.groups[sel.getAttribute('data-group')] = v; }
    });
    var header = document.getElementById('site-q');
    if (header && !header.value) header.value = opts.q;
    var msg = document.getElementById('search-status'), list = el('ol', 'hits'), more = el('button', 'more', 'Show more');
    more.type = 'button';
    if (!opts.q.trim()) {
      msg.textContent = 'Type words to look for, e.g. assessment or "same questions".';
      out.setAttribute('data-state', 'empty');
      return;
    }
    msg.textContent = 'Searching…';
    S.startedAt = performance.now();
    S.search(opts).then(function (s) {
      out.appendChild(list);
      function show() {
        more.disabled = true;
        return s.next(PAGE).then(function (hits) {
          hits.forEach(function (h) { list.appendChild(render(s, h)); });
          msg.textContent = status(s, list.children.length);
          if (s.done()) more.remove(); else { more.disabled = false; out.appendChild(more); }
          S.answeredAt = performance.now();
          out.setAttribute('data-state', 'done');
        });
      }
      more.addEventListener('click', show);
      return show();
    }).catch(function (err) {
      msg.textContent = 'Search failed: ' + err.message;
      S.error = err.message;
      out.setAttribute('data-state', 'failed');
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', page); else page();
})();
