// The workbench page: a transcript list and a transcript view over the
// server's JSON API. Text from the study is only ever set as textContent,
// never as HTML.
"use strict";
const token = document.querySelector('meta[name="insight-token"]').content;
const coder = document.querySelector('meta[name="insight-coder"]').content;
const main = document.getElementById("main");
const panel = document.getElementById("panel");
const statusEl = document.getElementById("status");
let codebook = [], doc = null, version = "", recent = [], lastFocus = null, lastPlace = null;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// busy counts requests in flight (body data-busy), so tests and assistive
// tools can tell when the page has settled.
let busy = 0;
function setBusy(d) { busy += d; document.body.dataset.busy = busy; }

async function api(path, body) {
  setBusy(1);
  try { return await request(path, body); } finally { setBusy(-1); }
}

async function request(path, body) {
  const opts = { headers: { "X-Insight-Token": token } };
  if (body !== undefined) {
    opts.method = "POST";
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  if (!r.ok) throw new Error((await r.text()).trim() || r.statusText);
  return r.json();
}

function say(msg) { statusEl.textContent = msg; }

async function route() {
  closePanel();
  codebook = await api("/api/codebook");
  const m = location.hash.match(/^#\/doc\/(.+)$/);
  if (m) await showDoc(decodeURIComponent(m[1])); else await showList();
}

async function showList() {
  const data = await api("/api/docs");
  doc = null;
  document.title = "Transcripts — insight workbench";
  const coders = data.coders.map(c => c.coder);
  if (!coders.includes(coder)) coders.unshift(coder);
  const prog = el("ul", {}, ...data.coders.map(c =>
    el("li", {}, `${c.coder}: ${c.docs} of ${data.docs.length} documents coded, ${c.codings} codings`)));
  const head = el("tr", {}, el("th", { scope: "col" }, "Transcript"), el("th", { scope: "col" }, "Kind"),
    ...coders.map(c => el("th", { scope: "col" }, `Codings by ${c}`)));
  const rows = data.docs.map(d => el("tr", {},
    el("th", { scope: "row" }, el("a", { href: "#/doc/" + encodeURIComponent(d.id) }, d.id)),
    el("td", {}, d.kind || ""),
    ...coders.map(c => el("td", {}, String(d.counts[c] || 0)))));
  main.replaceChildren(el("h1", {}, "Transcripts"),
    el("h2", {}, "Progress"), data.coders.length ? prog : el("p", {}, "No codings yet."),
    el("h2", {}, "Transcripts"),
    el("table", {}, el("caption", {}, `${data.docs.length} transcripts; codings per coder`),
      el("thead", {}, head), el("tbody", {}, ...rows)));
}

function themeName(id) {
  const t = codebook.find(t => t.id === id);
  return t ? t.name : id;
}

async function showDoc(id) {
  doc = await api("/api/doc?id=" + encodeURIComponent(id));
  document.title = `${doc.id} — insight workbench`;
  const hide = document.body.classList.contains("hide-others");
  const toggle = el("input", { type: "checkbox", id: "others", checked: !hide, onchange: e => {
    document.body.classList.toggle("hide-others", !e.target.checked);
  } });
  const turns = doc.turns.map((t, i) => {
    if (t.withheld) return el("p", { class: "turn withheld" }, "(Turn withheld: the speaker withdrew consent.)");
    const text = el("span", { class: "text", "data-turn": i });
    renderTurn(text, t.text, i);
    return el("p", { class: "turn", tabindex: 0, "data-turn": i,
      "aria-label": `Turn ${i + 1}${t.speaker ? ", " + t.speaker : ""}: press Enter to code it, or select words first` },
      t.speaker ? el("span", { class: "speaker" }, t.speaker + ":") : null, text);
  });
  main.replaceChildren(el("h1", {}, doc.id),
    el("p", {}, doc.path),
    el("p", { class: "legend" }, el("span", {}, "Highlighted: your codings"), el("span", {}, "Blue: other coders"),
      el("span", {}, "Dashed: keyword suggestions (not evidence until accepted)")),
    el("p", {}, toggle, el("label", { for: "others" }, " Show other coders' codes")),
    el("p", {}, "Select words in a turn (or focus a turn and press Enter) to code them. Click a highlight to edit, remove or accept it."),
    el("div", { id: "transcript" }, ...turns));
}

// renderTurn splits a turn's text at every coding boundary and wraps each
// covered piece in a mark listing the codings over it. Offsets are code points.
function renderTurn(into, text, turn) {
  const cps = Array.from(text);
  const items = [];
  doc.codings.forEach((c, k) => c.parts.forEach(p => { if (p.turn === turn) items.push({ s: p.start, e: p.end, kind: "c", k, mine: c.coder === coder }); }));
  (doc.suggestions || []).forEach((c, k) => c.parts.forEach(p => { if (p.turn === turn) items.push({ s: p.start, e: p.end, kind: "s", k }); }));
  const cuts = new Set([0, cps.length]);
  items.forEach(it => { cuts.add(it.s); cuts.add(it.e); });
  const bounds = [...cuts].sort((a, b) => a - b);
  for (let j = 0; j + 1 < bounds.length; j++) {
    const a = bounds[j], b = bounds[j + 1];
    const piece = cps.slice(a, b).join("");
    const over = items.filter(it => it.s <= a && it.e >= b);
    if (!over.length) { into.append(piece); continue; }
    const cls = [];
    if (over.some(it => it.kind === "c" && it.mine)) cls.push("mine");
    if (over.some(it => it.kind === "c" && !it.mine)) cls.push("other");
    if (over.some(it => it.kind === "s")) cls.push("sugg");
    const names = over.map(it => it.kind === "s" ? "suggested: " + themeName(doc.suggestions[it.k].theme)
      : themeName(doc.codings[it.k].theme) + " (" + doc.codings[it.k].coder + ")");
    const m = el("mark", { class: cls.join(" "), tabindex: 0, role: "button", "aria-label": names.join("; ") + ": " + piece,
      title: names.join("; ") }, piece);
    m.wbItems = over;
    m.addEventListener("click", e => { if (!window.getSelection().isCollapsed) return; e.stopPropagation(); openCodings(over, m); });
    m.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); openCodings(over, m); } });
    into.append(m);
  }
}

// offsetIn returns the code-point offset of (node, off) in the text of span.
function offsetIn(span, node, off) {
  const r = document.createRange();
  r.setStart(span, 0);
  r.setEnd(node, off);
  return Array.from(r.toString()).length;
}

function selectionInTurn() {
  const sel = window.getSelection();
  if (!sel.rangeCount || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const span = a => (a.nodeType === 1 ? a : a.parentElement).closest("span.text");
  const s1 = span(r.startContainer), s2 = span(r.endContainer);
  if (!s1 || s1 !== s2) { say("Select words within one turn."); return null; }
  const start = offsetIn(s1, r.startContainer, r.startOffset), end = offsetIn(s1, r.endContainer, r.endOffset);
  if (end <= start) return null;
  return { turn: +s1.dataset.turn, start, end, text: r.toString() };
}

document.addEventListener("mouseup", e => {
  if (!doc || panel.contains(e.target)) return;
  setTimeout(() => { const s = selectionInTurn(); if (s) openApply(s); }, 0);
});
document.addEventListener("keydown", e => {
  if (!doc || panel.contains(e.target) || e.key !== "Enter") return;
  const turn = e.target.closest && e.target.closest("p.turn[data-turn]");
  if (!turn || e.target.tagName === "MARK") return;
  e.preventDefault();
  let s = selectionInTurn();
  if (!s) {
    const i = +turn.dataset.turn;
    s = { turn: i, start: 0, end: Array.from(doc.turns[i].text).length, text: doc.turns[i].text };
  }
  openApply(s);
});

function openPanel(title, ...kids) {
  if (panel.hidden) { lastFocus = document.activeElement; lastPlace = focusPlace(); }
  panel.replaceChildren(el("h2", { id: "panel-title" }, title), ...kids);
  panel.hidden = false;
}
function closePanel() {
  if (panel.hidden) return;
  panel.hidden = true;
  panel.replaceChildren();
  if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
  else restoreFocus(lastPlace);
}
panel.addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); closePanel(); } });

function themeSelect(id, selected) {
  return el("select", { id, size: Math.min(8, Math.max(2, codebook.length)) },
    ...codebook.map(t => el("option", { value: t.id, selected: t.id === selected }, "\u00a0\u00a0".repeat(t.depth) + t.name + " (" + t.id + ")")));
}

function filterBox(select) {
  const f = el("input", { type: "search", id: "filter", autocomplete: "off" });
  f.addEventListener("input", () => {
    const q = f.value.toLowerCase();
    let first = null;
    for (const o of select.options) {
      o.hidden = q !== "" && !o.textContent.toLowerCase().includes(q);
      if (!o.hidden && !first) first = o;
    }
    if (first && (select.selectedOptions[0] || {}).hidden !== false) first.selected = true;
  });
  f.addEventListener("keydown", e => {
    if (e.key === "ArrowDown") { e.preventDefault(); select.focus(); }
  });
  return f;
}

function openApply(sel) {
  const select = themeSelect("theme", recent[0]);
  const filter = filterBox(select);
  const memo = el("textarea", { id: "memo", rows: 2 });
  const apply = async () => {
    const theme = select.value;
    if (!theme) { say("Choose a theme first."); return; }
    try {
      const r = await api("/api/apply", { doc: doc.id, turn: sel.turn, start: sel.start, end: sel.end, theme, memo: memo.value });
      recent = [theme, ...recent.filter(t => t !== theme)].slice(0, 9);
      say(r.added ? `Saved: ${themeName(theme)}.` : "Already coded with that theme; nothing added.");
      window.getSelection().removeAllRanges();
      closePanel();
      await refresh();
    } catch (err) { say("Not saved: " + err.message); }
  };
  const keys = e => {
    if (e.key === "Enter" && e.target.tagName !== "TEXTAREA" && e.target.tagName !== "BUTTON") { e.preventDefault(); apply(); }
    if (/^[1-9]$/.test(e.key) && (e.target === filter ? filter.value === "" : e.target === select) && recent[+e.key - 1]) {
      e.preventDefault(); select.value = recent[+e.key - 1]; apply();
    }
  };
  filter.addEventListener("keydown", keys);
  select.addEventListener("keydown", keys);
  openPanel("Code this passage",
    el("p", { class: "quote" }, sel.text),
    recent.length ? el("p", { class: "recent" }, "Recent: " + recent.map((t, i) => `${i + 1} ${themeName(t)}`).join(", ")) : null,
    el("label", { for: "filter" }, "Filter themes"), filter,
    el("label", { for: "theme" }, "Theme"), select,
    el("label", { for: "memo" }, "Memo (optional)"), memo,
    el("div", { class: "row" }, el("button", { type: "button", onclick: apply }, "Apply"),
      el("button", { type: "button", onclick: closePanel }, "Cancel"),
      el("button", { type: "button", onclick: () => openNewTheme(() => openApply(sel)) }, "New theme…")),
    el("p", { class: "recent" }, "Enter applies, Esc cancels, digits pick a recent theme."));
  filter.focus();
}

function recordOf(c) { return { doc: c.doc, theme: c.theme, quote: c.quote, start: c.start, end: c.end, memo: c.memo || undefined }; }

function openCodings(items, mark) {
  const blocks = items.map((it, n) => {
    if (it.kind === "s") {
      const s = doc.suggestions[it.k];
      return el("section", { "aria-label": "Suggestion " + (n + 1) },
        el("h3", {}, "Keyword suggestion: " + themeName(s.theme)),
        el("p", { class: "quote" }, s.quote),
        el("div", { class: "row" },
          el("button", { type: "button", onclick: () => act("/api/accept", recordOf(s), "Accepted into your codings.") }, "Accept"),
          el("button", { type: "button", onclick: () => act("/api/reject", recordOf(s), "Rejected for this session.") }, "Reject")));
    }
    const c = doc.codings[it.k];
    if (c.coder !== coder) {
      return el("section", { "aria-label": "Coding " + (n + 1) },
        el("h3", {}, `${themeName(c.theme)} — by ${c.coder}`), el("p", { class: "quote" }, c.quote),
        c.memo ? el("p", {}, "Memo: " + c.memo) : null);
    }
    const sid = "t" + n, mid = "m" + n;
    const select = themeSelect(sid, c.theme);
    const memo = el("textarea", { id: mid, rows: 2 }, c.memo || "");
    return el("section", { "aria-label": "Your coding " + (n + 1) },
      el("h3", {}, `${themeName(c.theme)} — yours`), el("p", { class: "quote" }, c.quote),
      el("label", { for: sid }, "Theme"), select,
      el("label", { for: mid }, "Memo"), memo,
      el("div", { class: "row" },
        el("button", { type: "button", onclick: () => act("/api/edit", { line: c.line, was: recordOf(c), theme: select.value, memo: memo.value }, "Saved.") }, "Save"),
        el("button", { type: "button", onclick: () => act("/api/remove", { line: c.line, was: recordOf(c) }, "Removed.") }, "Remove")));
  });
  openPanel("Codings here", ...blocks, el("div", { class: "row" }, el("button", { type: "button", onclick: closePanel }, "Close")));
  const f = panel.querySelector("select, textarea, button");
  if (f) f.focus();
}

async function act(path, body, ok) {
  try {
    await api(path, body);
    say(ok);
    closePanel();
    await refresh();
  } catch (err) { say("Not saved: " + err.message); }
}

function openNewTheme(back) {
  const parent = el("select", { id: "nt-parent" }, el("option", { value: "" }, "(top level)"),
    ...codebook.map(t => el("option", { value: t.id }, "\u00a0\u00a0".repeat(t.depth) + t.name)));
  const id = el("input", { id: "nt-id", autocomplete: "off", pattern: "[a-z0-9]+(-[a-z0-9]+)*", "aria-describedby": "nt-id-help" });
  const name = el("input", { id: "nt-name", autocomplete: "off" });
  const desc = el("textarea", { id: "nt-desc", rows: 2 });
  const add = async () => {
    try {
      await api("/api/theme", { id: id.value, name: name.value, parent: parent.value, description: desc.value });
      codebook = await api("/api/codebook");
      recent = [id.value.trim(), ...recent].slice(0, 9);
      say(`Theme ${id.value} added to codebook.yaml.`);
      back();
    } catch (err) { say("Not added: " + err.message); }
  };
  openPanel("New theme",
    el("label", { for: "nt-id" }, "Id"), id, el("p", { id: "nt-id-help", class: "recent" }, "Lower-case words joined by hyphens, e.g. waiting-lists."),
    el("label", { for: "nt-name" }, "Name"), name,
    el("label", { for: "nt-parent" }, "Parent"), parent,
    el("label", { for: "nt-desc" }, "Description"), desc,
    el("div", { class: "row" }, el("button", { type: "button", onclick: add }, "Add theme"),
      el("button", { type: "button", onclick: back }, "Back")));
  id.focus();
}

async function refresh() {
  const v = await api("/api/version");
  version = v.version;
  const keep = window.scrollY, where = focusPlace();
  if (doc) await showDoc(doc.id); else await showList();
  window.scrollTo(0, keep);
  restoreFocus(where);
}

// focusPlace names the focused turn or highlight so that a re-render (after
// a save, or a change from another tab) does not throw keyboard users back
// to the top of the page.
function focusPlace() {
  const a = panel.hidden ? document.activeElement : lastFocus;
  if (!a || !a.closest) return null;
  const turn = a.closest("p.turn[data-turn]");
  if (!turn) return a.id ? { id: a.id } : null;
  const marks = [...turn.querySelectorAll("mark")];
  return { turn: turn.dataset.turn, mark: marks.indexOf(a) };
}
function restoreFocus(w) {
  if (!w) return;
  if (w.id) { const e = document.getElementById(w.id); if (e) e.focus(); return; }
  const turn = document.querySelector(`p.turn[data-turn="${w.turn}"]`);
  if (!turn) return;
  const marks = turn.querySelectorAll("mark");
  (w.mark >= 0 && marks[Math.min(w.mark, marks.length - 1)] || turn).focus();
}

// Another tab or another server may change the files: poll their version
// and reload what is shown when it moves (not while a panel is open).
setInterval(async () => {
  try {
    const v = await api("/api/version");
    if (v.version !== version && panel.hidden) { version = v.version; codebook = await api("/api/codebook"); await refresh(); }
  } catch (err) { say("The workbench server is not answering: " + err.message); }
}, 2000);

window.addEventListener("hashchange", () => route().catch(err => say(err.message)));
api("/api/version").then(v => { version = v.version; }).then(route).catch(err => say(err.message));
