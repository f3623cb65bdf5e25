package workbench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/study"
	"github.com/residentinsight/insight/themes"
	"github.com/residentinsight/insight/workbench"
)

const addr = "127.0.0.1:40123"

// A study small enough to read in a test: one transcript with non-ASCII
// text (so code points and bytes differ), a participant who withdrew, a
// keyword rule, and a codebook with comments.
var fixture = map[string]string{
	"insight.yaml":     "title: Workbench test\nfacilitators: [Interviewer]\n",
	"participants.csv": "id,role,consent\nP01,parent,yes\nP09,parent,withdrawn\n",
	"codebook.yaml": `# The codebook: comments must survive an added theme.
themes:
  # Housing first.
  - id: housing
    name: "Housing"
    keywords: [rent]
  - id: waiting
    name: Waiting   # trailing comment
`,
	"transcripts/int-001.md": "---\nid: int-001\nkind: interview\n---\n\n" +
		"Interviewer: Tell me about the café.\n\n" +
		"P01: The café — naïve 🙂 place. I was behind on the rent and nobody came.\n\n" +
		"P09: I never want this quoted, not ever.\n\n" +
		"P01: After that we waited months and months.\n",
}

type env struct {
	t   *testing.T
	dir string
	srv *workbench.Server
	h   http.Handler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	for name, text := range fixture {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := study.OpenWorkbench(context.Background(), study.Source{Dir: dir}, "amira")
	if err != nil {
		t.Fatal(err)
	}
	srv.SetAddr(addr)
	return &env{t: t, dir: dir, srv: srv, h: srv.Handler()}
}

// do sends a request as the workbench page does, with mod changing it.
func (e *env) do(method, path string, body any, mod ...func(*http.Request)) *httptest.ResponseRecorder {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	r := httptest.NewRequest(method, "http://"+addr+path, rd)
	r.Header.Set("X-Insight-Token", e.srv.Token())
	if method == http.MethodPost {
		r.Header.Set("Origin", "http://"+addr)
		r.Header.Set("Content-Type", "application/json")
	}
	for _, m := range mod {
		m(r)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

func (e *env) ok(w *httptest.ResponseRecorder) {
	e.t.Helper()
	if w.Code != http.StatusOK {
		e.t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func (e *env) coderFile() string { return filepath.Join(e.dir, "codings", "amira.jsonl") }

// records reads the coder's file as check does, failing on any problem.
func (e *env) records() []coding.Record {
	e.t.Helper()
	data, err := os.ReadFile(e.coderFile())
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	recs, probs := coding.ParseRecords(e.coderFile(), data)
	if len(probs) > 0 {
		e.t.Fatalf("the coder's file has problems: %v", probs)
	}
	return recs
}

type docView struct {
	Turns []struct {
		Speaker  string `json:"speaker"`
		Text     string `json:"text"`
		Withheld bool   `json:"withheld"`
	} `json:"turns"`
	Codings []struct {
		coding.Record
		Coder string `json:"coder"`
		Line  int    `json:"line"`
	} `json:"codings"`
	Suggestions []coding.Record `json:"suggestions"`
}

func (e *env) doc() docView {
	e.t.Helper()
	w := e.do("GET", "/api/doc?id=int-001", nil)
	e.ok(w)
	var v docView
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		e.t.Fatal(err)
	}
	return v
}

// selection returns the apply request for quote in turn, in code points
// of the turn's text, as the page computes them.
func (e *env) selection(turn int, quote, theme string) map[string]any {
	e.t.Helper()
	text := e.doc().Turns[turn].Text
	i := strings.Index(text, quote)
	if i < 0 {
		e.t.Fatalf("%q not in turn %d: %q", quote, turn, text)
	}
	s := len([]rune(text[:i]))
	return map[string]any{"doc": "int-001", "turn": turn, "start": s, "end": s + len([]rune(quote)), "theme": theme}
}

// body is the document body as the study reads it, to check offsets against.
func (e *env) body() string {
	e.t.Helper()
	op, probs := study.Open(context.Background(), study.Source{Dir: e.dir})
	if op == nil || probs.HasErrors() {
		e.t.Fatalf("the study no longer opens cleanly: %v", probs)
	}
	return op.Study.Documents[0].Body
}

func TestApplyWritesOneLineWithExactQuoteAndOffsets(t *testing.T) {
	e := newEnv(t)
	quote := "naïve 🙂 place"
	req := e.selection(1, quote, "housing")
	req["memo"] = "  first memo "
	e.ok(e.do("POST", "/api/apply", req))
	recs := e.records()
	if len(recs) != 1 {
		t.Fatalf("want 1 line, got %d", len(recs))
	}
	r := recs[0]
	if r.Quote != quote || r.Theme != "housing" || r.Doc != "int-001" || r.Memo != "first memo" {
		t.Fatalf("wrong record: %+v", r)
	}
	if got := string([]rune(e.body())[r.Start:r.End]); got != quote {
		t.Fatalf("offsets %d-%d give %q, not %q", r.Start, r.End, got, quote)
	}
	// The same selection again adds nothing.
	e.ok(e.do("POST", "/api/apply", req))
	if n := len(e.records()); n != 1 {
		t.Fatalf("applying twice: %d lines", n)
	}
	// A selection with white space around it is trimmed.
	sel := e.selection(3, " that we ", "waiting")
	e.ok(e.do("POST", "/api/apply", sel))
	if r := e.records()[1]; r.Quote != "that we" || string([]rune(e.body())[r.Start:r.End]) != "that we" {
		t.Fatalf("trimmed selection: %+v", r)
	}
}

func TestEditMemoThemeAndRemove(t *testing.T) {
	e := newEnv(t)
	// A line written by hand, and a malformed one, must survive every
	// change byte for byte.
	hand := `{"doc": "int-001", "theme": "waiting", "quote": "waited months", "start": 0, "end": 0}`
	if err := os.MkdirAll(filepath.Dir(e.coderFile()), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.coderFile(), []byte(hand+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok(e.do("POST", "/api/apply", e.selection(1, "behind on the rent", "housing")))
	v := e.doc()
	var line int
	var was coding.Record
	for _, c := range v.Codings {
		if c.Quote == "behind on the rent" {
			line, was = c.Line, c.Record
		}
	}
	if line != 2 {
		t.Fatalf("the new coding should be line 2, is %d", line)
	}
	memo := "rent arrears as the trigger"
	e.ok(e.do("POST", "/api/edit", map[string]any{"line": line, "was": was, "memo": memo}))
	recs := e.records()
	if len(recs) != 2 || recs[1].Memo != memo || recs[1].Theme != "housing" {
		t.Fatalf("after memo edit: %+v", recs)
	}
	// A stale edit (the page's copy says the old memo) is refused.
	if w := e.do("POST", "/api/edit", map[string]any{"line": line, "was": was, "memo": "x"}); w.Code != http.StatusConflict {
		t.Fatalf("stale edit: status %d", w.Code)
	}
	was.Memo = memo
	e.ok(e.do("POST", "/api/edit", map[string]any{"line": line, "was": was, "theme": "waiting"}))
	recs = e.records()
	if recs[1].Theme != "waiting" || recs[1].Memo != memo || recs[1].Quote != "behind on the rent" {
		t.Fatalf("after theme change: %+v", recs[1])
	}
	if w := e.do("POST", "/api/edit", map[string]any{"line": line, "was": recs[1], "theme": "no-such"}); w.Code != http.StatusBadRequest {
		t.Fatalf("unknown theme: status %d", w.Code)
	}
	e.ok(e.do("POST", "/api/remove", map[string]any{"line": line, "was": recs[1]}))
	data, _ := os.ReadFile(e.coderFile())
	if string(data) != hand+"\n" {
		t.Fatalf("after remove the file is %q, want only the hand-written line", data)
	}
}

func TestAcceptSuggestion(t *testing.T) {
	e := newEnv(t)
	v := e.doc()
	if len(v.Suggestions) != 1 || v.Suggestions[0].Theme != "housing" || !strings.Contains(v.Suggestions[0].Quote, "rent") {
		t.Fatalf("want one suggestion for rent, got %+v", v.Suggestions)
	}
	e.ok(e.do("POST", "/api/accept", v.Suggestions[0]))
	recs := e.records()
	if len(recs) != 1 || recs[0].Memo != coding.AcceptMemo || recs[0].Quote != v.Suggestions[0].Quote {
		t.Fatalf("after accept: %+v", recs)
	}
	if got := string([]rune(e.body())[recs[0].Start:recs[0].End]); got != recs[0].Quote {
		t.Fatalf("accepted offsets give %q", got)
	}
	if v := e.doc(); len(v.Suggestions) != 0 || len(v.Codings) != 1 {
		t.Fatalf("after accept the page shows %d suggestions, %d codings", len(v.Suggestions), len(v.Codings))
	}
	// A made-up suggestion is refused.
	fake := recs[0]
	fake.Quote = "I never want this quoted"
	if w := e.do("POST", "/api/accept", fake); w.Code != http.StatusNotFound {
		t.Fatalf("made-up suggestion: status %d", w.Code)
	}
}

func TestRejectHidesSuggestionAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	v := e.doc()
	e.ok(e.do("POST", "/api/reject", v.Suggestions[0]))
	if len(e.doc().Suggestions) != 0 {
		t.Fatal("rejected suggestion still shown")
	}
	if _, err := os.Stat(e.coderFile()); !os.IsNotExist(err) {
		t.Fatal("reject wrote the coder's file")
	}
}

func TestNewTheme(t *testing.T) {
	e := newEnv(t)
	cbFile := filepath.Join(e.dir, "codebook.yaml")
	e.ok(e.do("POST", "/api/theme", map[string]string{"id": "rent-arrears", "name": "Rent arrears", "parent": "housing", "description": "Owing rent."}))
	data, _ := os.ReadFile(cbFile)
	if !bytes.HasPrefix(data, []byte(fixture["codebook.yaml"])) {
		t.Errorf("the codebook's existing text changed:\n%s", data)
	}
	for _, c := range []string{"# The codebook: comments must survive", "# Housing first.", "# trailing comment"} {
		if !bytes.Contains(data, []byte(c)) {
			t.Errorf("comment %q lost:\n%s", c, data)
		}
	}
	cb, probs := themes.Parse(cbFile, data)
	if cb == nil || probs.HasErrors() {
		t.Fatalf("codebook no longer parses: %v\n%s", probs, data)
	}
	th := cb.Lookup("rent-arrears")
	if th == nil || th.Parent == nil || th.Parent.ID != "housing" || th.Description != "Owing rent." {
		t.Fatalf("new theme wrong: %+v\n%s", th, data)
	}
	if ids := []string{cb.All[0].ID, cb.All[1].ID, cb.All[2].ID}; ids[0] != "housing" || ids[1] != "rent-arrears" || ids[2] != "waiting" {
		t.Fatalf("order: %v", ids)
	}
	// It can be applied at once.
	e.ok(e.do("POST", "/api/apply", e.selection(1, "behind on the rent", "rent-arrears")))
	for _, bad := range []map[string]string{
		{"id": "rent-arrears", "name": "Again"},
		{"id": "Not A Slug", "name": "x"},
		{"id": "orphan", "name": "x", "parent": "nowhere"},
		{"id": "noname"},
	} {
		before, _ := os.ReadFile(cbFile)
		if w := e.do("POST", "/api/theme", bad); w.Code == http.StatusOK {
			t.Errorf("%v accepted", bad)
		}
		if after, _ := os.ReadFile(cbFile); !bytes.Equal(before, after) {
			t.Errorf("%v changed the codebook", bad)
		}
	}
}

func TestWithdrawnTurnNeitherShownNorCodable(t *testing.T) {
	e := newEnv(t)
	w := e.do("GET", "/api/doc?id=int-001", nil)
	if strings.Contains(w.Body.String(), "never want") {
		t.Fatal("the withdrawn participant's words are in the page data")
	}
	v := e.doc()
	if !v.Turns[2].Withheld || v.Turns[2].Text != "" {
		t.Fatalf("turn 2: %+v", v.Turns[2])
	}
	for _, turn := range []int{2} {
		w := e.do("POST", "/api/apply", map[string]any{"doc": "int-001", "turn": turn, "start": 0, "end": 5, "theme": "waiting"})
		if w.Code != http.StatusForbidden {
			t.Fatalf("coding a withheld turn: status %d", w.Code)
		}
	}
	if _, err := os.Stat(e.coderFile()); !os.IsNotExist(err) {
		t.Fatal("a refused request wrote the coder's file")
	}
}

// TestRefused sends requests the workbench must refuse and checks that
// nothing in the study changed.
func TestRefused(t *testing.T) {
	apply := map[string]any{"doc": "int-001", "turn": 1, "start": 0, "end": 3, "theme": "housing"}
	big := []byte(`{"doc":"int-001","turn":1,"start":0,"end":3,"theme":"housing","memo":"` + strings.Repeat("x", workbench.MaxBody) + `"}`)
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		mod    func(*http.Request)
		want   int
	}{
		{"no token", "POST", "/api/apply", apply, func(r *http.Request) { r.Header.Del("X-Insight-Token") }, 401},
		{"no token, get", "GET", "/api/doc?id=int-001", nil, func(r *http.Request) { r.Header.Del("X-Insight-Token") }, 401},
		{"wrong token", "POST", "/api/apply", apply, wrongToken, 401},
		{"cookie only on a write", "POST", "/api/apply", apply, func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: "insight-workbench", Value: r.Header.Get("X-Insight-Token")})
			r.Header.Del("X-Insight-Token")
		}, 401},
		{"foreign origin", "POST", "/api/apply", apply, func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }, 403},
		{"foreign origin, null", "POST", "/api/apply", apply, func(r *http.Request) { r.Header.Set("Origin", "null") }, 403},
		{"rebound host", "POST", "/api/apply", apply, func(r *http.Request) {
			r.Host = "evil.example:40123"
			r.Header.Set("Origin", "http://evil.example:40123")
		}, 421},
		{"other port", "GET", "/api/docs", nil, func(r *http.Request) { r.Host = "127.0.0.1:1" }, 421},
		{"oversized body", "POST", "/api/apply", big, nil, 413},
		{"unknown field", "POST", "/api/apply", map[string]any{"doc": "int-001", "path": "../x"}, nil, 400},
		{"doc path trick", "POST", "/api/apply", map[string]any{"doc": "../codebook", "turn": 0, "start": 0, "end": 3, "theme": "housing"}, nil, 404},
		{"doc path trick, get", "GET", "/api/doc?id=../../etc/passwd", nil, nil, 404},
		{"static path trick", "GET", "/static/../codebook.yaml", nil, nil, 307}, // to /codebook.yaml, which is not served:
		{"study file", "GET", "/codebook.yaml", nil, nil, 404},
		{"static encoded trick", "GET", "/static/%2e%2e/%2e%2e/codebook.yaml", nil, nil, 404},
		{"offsets outside the turn", "POST", "/api/apply", map[string]any{"doc": "int-001", "turn": 1, "start": 5, "end": 100000, "theme": "housing"}, nil, 400},
		{"negative offsets", "POST", "/api/apply", map[string]any{"doc": "int-001", "turn": 1, "start": -3, "end": 2, "theme": "housing"}, nil, 400},
		{"no such turn", "POST", "/api/apply", map[string]any{"doc": "int-001", "turn": 99, "start": 0, "end": 2, "theme": "housing"}, nil, 400},
		{"no such theme", "POST", "/api/apply", map[string]any{"doc": "int-001", "turn": 1, "start": 0, "end": 2, "theme": "nope"}, nil, 400},
		{"edit a line that is not there", "POST", "/api/edit", map[string]any{"line": 7, "was": map[string]any{"doc": "int-001"}, "memo": "x"}, nil, 409},
		{"theme with a path id", "POST", "/api/theme", map[string]string{"id": "../../x", "name": "x"}, nil, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			before := snapshot(t, e.dir)
			var mods []func(*http.Request)
			if c.mod != nil {
				mods = append(mods, c.mod)
			}
			w := e.do(c.method, c.path, c.body, mods...)
			if w.Code != c.want {
				t.Errorf("status %d, want %d: %s", w.Code, c.want, w.Body)
			}
			if after := snapshot(t, e.dir); after != before {
				t.Errorf("the study changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// wrongToken changes the token's first character to another one: replacing
// it with a fixed "0" left the token right whenever it began with 0 (one run
// in sixteen), and the request was let through.
func wrongToken(r *http.Request) {
	tok := r.Header.Get("X-Insight-Token")
	c := byte('0')
	if tok[0] == c {
		c = '1'
	}
	r.Header.Set("X-Insight-Token", string(c)+tok[1:])
}

func TestTokenInURLSetsCookie(t *testing.T) {
	e := newEnv(t)
	w := e.do("GET", "/?token="+e.srv.Token(), nil, func(r *http.Request) { r.Header.Del("X-Insight-Token") })
	if w.Code != http.StatusSeeOther || len(w.Result().Cookies()) != 1 {
		t.Fatalf("status %d, cookies %v", w.Code, w.Result().Cookies())
	}
	c := w.Result().Cookies()[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie %+v", c)
	}
	w = e.do("GET", "/", nil, func(r *http.Request) { r.Header.Del("X-Insight-Token"); r.AddCookie(c) })
	e.ok(w)
	if !strings.Contains(w.Body.String(), e.srv.Token()) || !strings.Contains(w.Body.String(), "amira") {
		t.Fatal("the page does not carry the token for its writes")
	}
	if w := e.do("GET", "/static/workbench.js", nil, func(r *http.Request) { r.Header.Del("X-Insight-Token"); r.AddCookie(c) }); w.Code != 200 {
		t.Fatalf("asset: %d", w.Code)
	}
}

func TestListAndVersion(t *testing.T) {
	e := newEnv(t)
	v1 := e.do("GET", "/api/version", nil).Body.String()
	e.ok(e.do("POST", "/api/apply", e.selection(1, "behind on the rent", "housing")))
	if v2 := e.do("GET", "/api/version", nil).Body.String(); v2 == v1 {
		t.Fatal("version did not move after a change")
	}
	w := e.do("GET", "/api/docs", nil)
	e.ok(w)
	var l struct {
		Docs []struct {
			ID     string         `json:"id"`
			Counts map[string]int `json:"counts"`
		} `json:"docs"`
		Coders []struct {
			Coder         string
			Docs, Codings int
		} `json:"coders"`
	}
	json.Unmarshal(w.Body.Bytes(), &l)
	if len(l.Docs) != 1 || l.Docs[0].Counts["amira"] != 1 || len(l.Coders) != 1 || l.Coders[0].Docs != 1 || l.Coders[0].Codings != 1 {
		t.Fatalf("list: %+v", l)
	}
}

func TestNewRefusesBadCoderName(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../x", "a/b", "", "auto", ".hidden"} {
		if _, err := study.OpenWorkbench(context.Background(), study.Source{Dir: dir}, name); err == nil {
			t.Errorf("coder %q accepted", name)
		}
	}
}

// snapshot lists every file of the study with its content.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || strings.HasPrefix(fi.Name(), ".") && strings.HasSuffix(fi.Name(), ".lock") {
			return err
		}
		data, _ := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return nil
	})
	return b.String()
}

// TestSecondServerSeesChanges runs two workbenches on one coder's file:
// what one writes, the other shows and can edit.
func TestSecondServerSeesChanges(t *testing.T) {
	a := newEnv(t)
	srvB, err := study.OpenWorkbench(context.Background(), study.Source{Dir: a.dir}, "amira")
	if err != nil {
		t.Fatal(err)
	}
	srvB.SetAddr(addr)
	b := &env{t: t, dir: a.dir, srv: srvB, h: srvB.Handler()}
	b.doc() // B reads the file before A writes
	vB := b.do("GET", "/api/version", nil).Body.String()
	a.ok(a.do("POST", "/api/apply", a.selection(1, "behind on the rent", "housing")))
	if b.do("GET", "/api/version", nil).Body.String() == vB {
		t.Fatal("B's version did not move")
	}
	v := b.doc()
	if len(v.Codings) != 1 || v.Codings[0].Quote != "behind on the rent" {
		t.Fatalf("B shows %+v", v.Codings)
	}
	b.ok(b.do("POST", "/api/edit", map[string]any{"line": v.Codings[0].Line, "was": v.Codings[0].Record, "memo": "from B"}))
	if v := a.doc(); len(v.Codings) != 1 || v.Codings[0].Memo != "from B" {
		t.Fatalf("A shows %+v", v.Codings)
	}
	// A appends again after B's rewrite: its cached copy must not give a
	// wrong line number to the next edit.
	a.ok(a.do("POST", "/api/apply", a.selection(3, "waited months", "waiting")))
	v = a.doc()
	for _, c := range v.Codings {
		if c.Quote == "waited months" {
			a.ok(a.do("POST", "/api/remove", map[string]any{"line": c.Line, "was": c.Record}))
		}
	}
	if recs := a.records(); len(recs) != 1 || recs[0].Memo != "from B" {
		t.Fatalf("file: %+v", recs)
	}
}

// TestServeStopsCleanly: cancelling the context (Ctrl-C) shuts the server
// down and Serve returns without error.
func TestServeStopsCleanly(t *testing.T) {
	e := newEnv(t)
	ln, err := e.srv.Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ln.Addr().String(), "127.0.0.1:") {
		t.Fatalf("listening on %s, not loopback", ln.Addr())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- e.srv.Serve(ctx, ln) }()
	resp, err := http.Get(e.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

// TestAppliedCodeReachesTheSite: a code saved in the workbench is on the
// site's next incremental build — on its theme page, which had no quote
// before.
func TestAppliedCodeReachesTheSite(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(t.TempDir(), "site")
	build := func() string {
		t.Helper()
		err := study.Build(context.Background(), study.Source{Dir: e.dir}, study.BuildOptions{Out: out, AcceptPIIRisk: true, Log: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(out, "themes", "waiting.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(page)
	}
	const quote = "we waited months and months"
	if strings.Contains(build(), quote) {
		t.Fatalf("the waiting theme page quotes %q before anyone coded it", quote)
	}
	e.ok(e.do("POST", "/api/apply", e.selection(3, quote, "waiting")))
	if !strings.Contains(build(), quote) {
		t.Fatalf("after applying in the workbench, the rebuilt waiting theme page does not quote %q", quote)
	}
}
