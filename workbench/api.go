package workbench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

var pageTmpl = template.Must(template.ParseFS(assets, "assets/index.html"))

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTmpl.Execute(w, map[string]string{"Token": s.token, "Coder": s.coder})
}

// httpError is an error with the status to answer it with.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func fail(code int, format string, args ...any) error {
	return &httpError{code, fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

func writeErr(w http.ResponseWriter, err error) {
	var he *httpError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		http.Error(w, he.msg, he.code)
	case errors.As(err, &mb):
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
	default:
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// decode reads a JSON body strictly.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return fail(http.StatusBadRequest, "bad request: %v", err)
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return err
	}
	return nil
}

// doc returns the document with id, refusing one withheld as a whole.
func (s *Server) doc(id string) (*corpus.Document, error) {
	i, ok := s.docs[id]
	if !ok {
		return nil, fail(http.StatusNotFound, "no document %q", id)
	}
	d := s.st.Corpus.Documents[i]
	if d.Withheld {
		return nil, fail(http.StatusForbidden, "document %q is withheld: its participants withdrew consent", id)
	}
	return d, nil
}

// touchesWithheld reports whether [start, end) of d's body overlaps a turn
// of a participant who withdrew consent.
func touchesWithheld(d *corpus.Document, start, end int) bool {
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return true
		}
	}
	return false
}

// has reports whether the coder's file already holds rec's doc, theme and quote.
func (s *Server) has(rec coding.Record) bool {
	for _, f := range s.files() {
		if f.coder != s.coder {
			continue
		}
		for _, r := range f.byDoc[rec.Doc] {
			if r.Theme == rec.Theme && r.Quote == rec.Quote {
				return true
			}
		}
	}
	return false
}

// noteAppend adds what this server just appended to its copy of the
// coder's file, when nobody else changed the file since it was read, so a
// long file is not parsed again after each coding.
func (s *Server) noteAppend(rec coding.Record, before, after int64, line int) {
	fi, err := os.Stat(s.file)
	if err != nil || fi.Size() != after {
		return
	}
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	name := filepath.Base(s.file)
	c := s.cache[name]
	if c == nil || c.size != before {
		return // read again on the next view
	}
	rec.Coder, rec.File, rec.Line = s.coder, s.file, line
	byDoc := maps.Clone(c.byDoc)
	byDoc[rec.Doc] = append(slices.Clip(byDoc[rec.Doc]), rec)
	s.cache[name] = &coderFile{coder: c.coder, size: fi.Size(), mtime: fi.ModTime(), byDoc: byDoc}
}

// coderFile is one coder's file as last read, its codings by document.
type coderFile struct {
	coder string
	size  int64
	mtime time.Time
	byDoc map[string][]coding.Record
}

// files returns every coder's file, re-reading only those whose size or
// modification time changed since the last call: a transcript view of a
// large study must not parse every coding of every document each time.
func (s *Server) files() []*coderFile {
	dir := filepath.Join(s.st.Dir, coding.CodingsDir)
	entries, _ := os.ReadDir(dir)
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	var out []*coderFile
	seen := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".jsonl") || name == ".jsonl" {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		seen[name] = true
		c := s.cache[name]
		if c == nil || c.size != fi.Size() || !c.mtime.Equal(fi.ModTime()) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			recs, _ := coding.ParseRecords(filepath.Join(dir, name), data)
			c = &coderFile{coder: strings.TrimSuffix(name, ".jsonl"), size: fi.Size(), mtime: fi.ModTime(), byDoc: map[string][]coding.Record{}}
			for _, r := range recs {
				c.byDoc[r.Doc] = append(c.byDoc[r.Doc], r)
			}
			s.cache[name] = c
		}
		out = append(out, c)
	}
	for name := range s.cache {
		if !seen[name] {
			delete(s.cache, name)
		}
	}
	return out
}

type docSummary struct {
	ID     string         `json:"id"`
	Path   string         `json:"path"`
	Kind   string         `json:"kind"`
	Counts map[string]int `json:"counts"` // coder -> codings in this document
}

type coderProgress struct {
	Coder   string `json:"coder"`
	Docs    int    `json:"docs"`
	Codings int    `json:"codings"`
}

func (s *Server) listDocs(w http.ResponseWriter, r *http.Request) {
	files := s.files()
	var out struct {
		Coder  string          `json:"coder"`
		Docs   []docSummary    `json:"docs"`
		Coders []coderProgress `json:"coders"`
	}
	out.Coder, out.Docs, out.Coders = s.coder, []docSummary{}, []coderProgress{}
	index := map[string]int{}
	for _, d := range s.st.Corpus.Documents {
		if d.Withheld {
			continue
		}
		index[d.ID] = len(out.Docs)
		out.Docs = append(out.Docs, docSummary{ID: d.ID, Path: d.Path, Kind: d.Kind, Counts: map[string]int{}})
	}
	for _, f := range files {
		p := coderProgress{Coder: f.coder}
		for doc, recs := range f.byDoc {
			if i, ok := index[doc]; ok {
				out.Docs[i].Counts[f.coder] = len(recs)
				p.Docs++
				p.Codings += len(recs)
			}
		}
		out.Coders = append(out.Coders, p)
	}
	writeJSON(w, out)
}

// part is the piece of a coding inside one turn, in code points of the
// turn's text as the page shows it.
type part struct {
	Turn  int `json:"turn"`
	Start int `json:"start"`
	End   int `json:"end"`
}

type codingView struct {
	coding.Record
	Coder string `json:"coder"`
	Line  int    `json:"line"`
	Parts []part `json:"parts"`
}

type turnView struct {
	Speaker  string `json:"speaker"`
	Role     string `json:"role"`
	Time     string `json:"time,omitempty"`
	Text     string `json:"text"`
	Withheld bool   `json:"withheld,omitempty"`
}

// parts splits [start, end) of d's body into its pieces per turn.
func parts(d *corpus.Document, start, end int) []part {
	var out []part
	for i, t := range d.Turns {
		a, b := max(start, t.Start), min(end, t.End)
		if a >= b {
			continue
		}
		text := d.Body[t.Start:t.End]
		out = append(out, part{i, utf8.RuneCountInString(text[:a-t.Start]), utf8.RuneCountInString(text[:b-t.Start])})
	}
	return out
}

func (s *Server) getDoc(w http.ResponseWriter, r *http.Request) {
	d, err := s.doc(r.URL.Query().Get("id"))
	if err != nil {
		writeErr(w, err)
		return
	}
	var out struct {
		ID          string       `json:"id"`
		Path        string       `json:"path"`
		Turns       []turnView   `json:"turns"`
		Codings     []codingView `json:"codings"`
		Suggestions []codingView `json:"suggestions"`
	}
	out.ID, out.Path = d.ID, d.Path
	out.Turns, out.Codings, out.Suggestions = []turnView{}, []codingView{}, []codingView{}
	for _, t := range d.Turns {
		if t.Withheld {
			out.Turns = append(out.Turns, turnView{Withheld: true})
			continue
		}
		out.Turns = append(out.Turns, turnView{Speaker: t.Speaker, Role: t.Role.String(), Time: t.Time, Text: d.Body[t.Start:t.End]})
	}
	have := map[[3]string]bool{}
	for _, f := range s.files() {
		for _, rec := range f.byDoc[d.ID] {
			have[[3]string{rec.Doc, rec.Theme, rec.Quote}] = true
			a, b, ok := coding.Anchor(d, rec)
			if !ok || touchesWithheld(d, a, b) {
				continue
			}
			v := codingView{Record: rec, Coder: f.coder, Line: rec.Line, Parts: parts(d, a, b)}
			v.Record.File = ""
			out.Codings = append(out.Codings, v)
		}
	}
	s.mu.Lock()
	for _, sg := range s.sugs {
		if sg.Doc != d.ID || have[[3]string{sg.Doc, sg.Theme, sg.Quote}] || s.rejected[key(sg)] {
			continue
		}
		a, b, ok := coding.Anchor(d, sg)
		if !ok || touchesWithheld(d, a, b) {
			continue
		}
		out.Suggestions = append(out.Suggestions, codingView{Record: sg, Parts: parts(d, a, b)})
	}
	s.mu.Unlock()
	writeJSON(w, out)
}

func key(r coding.Record) string { return r.Doc + "\x00" + r.Theme + "\x00" + r.Quote }

type themeView struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Depth       int    `json:"depth"`
	Parent      string `json:"parent,omitempty"`
	Colour      string `json:"colour,omitempty"`
}

func (s *Server) getCodebook(w http.ResponseWriter, r *http.Request) {
	cb, err := s.loadCodebook()
	if err != nil {
		writeErr(w, err)
		return
	}
	out := []themeView{}
	for _, t := range cb.All {
		v := themeView{ID: t.ID, Name: t.Name, Description: t.Description, Depth: t.Depth, Colour: t.Colour}
		if t.Parent != nil {
			v.Parent = t.Parent.ID
		}
		out = append(out, v)
	}
	writeJSON(w, out)
}

// version is what changes when a coder's file or the codebook does, so a
// page (or another tab, or another server's page) knows to reload.
func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	stat := func(p string) {
		if fi, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%s:%d:%d;", filepath.Base(p), fi.Size(), fi.ModTime().UnixNano())
		}
	}
	stat(s.st.CodebookFile)
	entries, _ := os.ReadDir(filepath.Join(s.st.Dir, coding.CodingsDir))
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".jsonl") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		stat(filepath.Join(s.st.Dir, coding.CodingsDir, n))
	}
	writeJSON(w, map[string]string{"version": b.String()})
}

// applyReq is a selection: code-point offsets into the text of one turn as
// the page shows it.
type applyReq struct {
	Doc   string `json:"doc"`
	Turn  int    `json:"turn"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Theme string `json:"theme"`
	Memo  string `json:"memo"`
}

// Selection maps a selection in a turn's text to a coding of the document
// body: byte offsets of the turn text plus the code points before it. The
// quote is trimmed of surrounding white space.
func Selection(d *corpus.Document, turn, start, end int) (coding.Record, error) {
	if turn < 0 || turn >= len(d.Turns) {
		return coding.Record{}, fail(http.StatusBadRequest, "no turn %d in %s", turn, d.ID)
	}
	t := d.Turns[turn]
	if t.Withheld {
		return coding.Record{}, fail(http.StatusForbidden, "this turn is withheld: its speaker withdrew consent")
	}
	text := d.Body[t.Start:t.End]
	bs, ok1 := byteAt(text, start)
	be, ok2 := byteAt(text, end)
	if !ok1 || !ok2 || bs >= be {
		return coding.Record{}, fail(http.StatusBadRequest, "selection %d–%d is not inside turn %d", start, end, turn)
	}
	q := text[bs:be]
	lead := len(q) - len(strings.TrimLeft(q, " \t\r\n"))
	q = strings.TrimSpace(q)
	if q == "" {
		return coding.Record{}, fail(http.StatusBadRequest, "the selection is only white space")
	}
	a := t.Start + bs + lead
	return coding.Record{Doc: d.ID, Quote: q, Start: d.RuneOffset(a), End: d.RuneOffset(a + len(q))}, nil
}

// byteAt returns the byte offset of code point n of s.
func byteAt(s string, n int) (int, bool) {
	if n < 0 {
		return 0, false
	}
	i := 0
	for b := range s {
		if i == n {
			return b, true
		}
		i++
	}
	return len(s), i == n
}

func (s *Server) apply(w http.ResponseWriter, r *http.Request) {
	var req applyReq
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	err := func() error {
		d, err := s.doc(req.Doc)
		if err != nil {
			return err
		}
		rec, err := Selection(d, req.Turn, req.Start, req.End)
		if err != nil {
			return err
		}
		if err := s.checkTheme(req.Theme); err != nil {
			return err
		}
		rec.Theme, rec.Memo = req.Theme, strings.TrimSpace(req.Memo)
		if s.has(rec) {
			writeJSON(w, map[string]any{"added": 0, "record": rec})
			return nil
		}
		before, after, line, err := coding.AppendRecord(s.file, rec)
		if err != nil {
			return err
		}
		s.noteAppend(rec, before, after, line)
		writeJSON(w, map[string]any{"added": 1, "record": rec})
		return nil
	}()
	if err != nil {
		writeErr(w, err)
	}
}

func (s *Server) checkTheme(id string) error {
	cb, err := s.loadCodebook()
	if err != nil {
		return err
	}
	if cb.Lookup(id) == nil {
		return fail(http.StatusBadRequest, "no theme %q in the codebook", id)
	}
	return nil
}

// lineReq names one line of the coder's file as the page saw it: a change
// is refused when the line no longer says that (another tab changed it).
type lineReq struct {
	Line  int           `json:"line"`
	Was   coding.Record `json:"was"`
	Theme string        `json:"theme,omitempty"`
	Memo  *string       `json:"memo,omitempty"`
}

func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	var req lineReq
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	if req.Theme != "" {
		if err := s.checkTheme(req.Theme); err != nil {
			writeErr(w, err)
			return
		}
	}
	err := s.changeLine(req, func(rec coding.Record) ([]byte, error) {
		if req.Theme != "" {
			rec.Theme = req.Theme
		}
		if req.Memo != nil {
			rec.Memo = strings.TrimSpace(*req.Memo)
		}
		return coding.EncodeRecord(rec)
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) remove(w http.ResponseWriter, r *http.Request) {
	var req lineReq
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	if err := s.changeLine(req, func(coding.Record) ([]byte, error) { return nil, nil }); err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, map[string]bool{"ok": true})
}

// changeLine replaces line req.Line of the coder's file by what change
// returns (nil: the line is removed), through the atomic writer, after
// checking the line still holds req.Was. Every other byte is kept.
func (s *Server) changeLine(req lineReq, change func(coding.Record) ([]byte, error)) error {
	return coding.EditFile(s.file, func(old []byte) ([]byte, error) {
		lines := bytes.Split(old, []byte("\n"))
		i := req.Line - 1
		if i < 0 || i >= len(lines) {
			return nil, fail(http.StatusConflict, "line %d is not in %s any more: reload", req.Line, s.file)
		}
		recs, _ := coding.ParseRecords(s.file, lines[i])
		if len(recs) != 1 || !sameRecord(recs[0], req.Was) {
			return nil, fail(http.StatusConflict, "line %d of %s changed since the page read it: reload", req.Line, s.file)
		}
		rec := recs[0]
		if d, err := s.doc(rec.Doc); err == nil {
			if a, b, ok := coding.Anchor(d, rec); ok && touchesWithheld(d, a, b) {
				return nil, fail(http.StatusForbidden, "this coding touches a withheld turn")
			}
		}
		repl, err := change(rec)
		if err != nil {
			return nil, err
		}
		out := make([][]byte, 0, len(lines))
		out = append(out, lines[:i]...)
		if repl != nil {
			out = append(out, repl)
		}
		out = append(out, lines[i+1:]...)
		return bytes.Join(out, []byte("\n")), nil
	})
}

func sameRecord(a, b coding.Record) bool {
	return a.Doc == b.Doc && a.Theme == b.Theme && a.Quote == b.Quote && a.Start == b.Start && a.End == b.End && a.Memo == b.Memo
}

// suggestion finds the current suggestion the request names.
func (s *Server) suggestion(req coding.Record) (coding.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sg := range s.sugs {
		if key(sg) == key(req) {
			return sg, nil
		}
	}
	return coding.Record{}, fail(http.StatusNotFound, "no such keyword suggestion")
}

func (s *Server) accept(w http.ResponseWriter, r *http.Request) {
	var req coding.Record
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	err := func() error {
		sg, err := s.suggestion(req)
		if err != nil {
			return err
		}
		d, err := s.doc(sg.Doc)
		if err != nil {
			return err
		}
		if a, b, ok := coding.Anchor(d, sg); !ok || touchesWithheld(d, a, b) {
			return fail(http.StatusForbidden, "this suggestion touches a withheld turn")
		}
		n, err := coding.AppendRecords(s.st.Dir, s.coder, []coding.Record{sg})
		if err != nil {
			return err
		}
		writeJSON(w, map[string]int{"added": n})
		return nil
	}()
	if err != nil {
		writeErr(w, err)
	}
}

// reject hides a suggestion for this run; rules stay suggestions, so
// nothing is written.
func (s *Server) reject(w http.ResponseWriter, r *http.Request) {
	var req coding.Record
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	sg, err := s.suggestion(req)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	s.rejected[key(sg)] = true
	s.mu.Unlock()
	writeJSON(w, map[string]bool{"ok": true})
}
