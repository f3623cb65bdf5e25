package privacy

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/residentinsight/insight/internal/exampletext"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/paths"
	"github.com/residentinsight/insight/themes"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runeSpan is the code point span of quote in the parsed document doc of dir.
func runeSpan(t *testing.T, dir, doc, quote string) (int, int) {
	t.Helper()
	st, _ := corpus.Load(context.Background(), os.DirFS(dir), dir)
	for _, d := range st.Documents {
		if d.ID == doc {
			i := strings.Index(d.Body, quote)
			if i < 0 {
				t.Fatalf("%q not in %s", quote, doc)
			}
			return d.RuneOffset(i), d.RuneOffset(i + len(quote))
		}
	}
	t.Fatalf("no document %s", doc)
	return 0, 0
}

func TestPseudonymise(t *testing.T) {
	dir := exampletext.Copy(t)
	tr := filepath.Join(dir, "transcripts")
	// The same name in two transcripts, once inside an inline code, and a
	// phone number inside an inline code.
	exampletext.Append(t, filepath.Join(tr, "int-001.md"), "\nP01: And my son Jayden, [he keeps asking when Jayden can go back]{.intervening-too-late}. [Ring me on 07700 900123 if]{.duplication} anything changes.\n")
	exampletext.Append(t, filepath.Join(tr, "int-002.md"), "\nP02: My brother Jayden says the same about the council.\n")
	quote := "my son Jayden, he keeps asking"
	start, end := runeSpan(t, dir, "int-001", quote)
	rec, _ := json.Marshal(map[string]any{"doc": "int-001", "theme": "duplication", "quote": quote, "start": start, "end": end, "memo": "Jayden again, see Mrs Okafor's notes", "extra": "kept"})
	exampletext.Append(t, filepath.Join(dir, "codings", "tom.jsonl"), string(rec)+"\n")
	ctx := context.Background()
	before, _ := openStudy(ctx, dirSource(dir))
	if len(before.Coded.Orphans) != 0 {
		t.Fatalf("the planted study has orphans: %+v", before.Coded.Orphans)
	}
	originals := snapshot(t, dir)

	out := filepath.Join(t.TempDir(), "copy")
	res, err := pseudonymise(ctx, dirSource(dir), PseudonymiseOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}

	after := snapshot(t, dir)
	if len(after) != len(originals) {
		t.Errorf("the study had %d files and has %d", len(originals), len(after))
	}
	for p, data := range originals {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s was changed", p)
		}
	}

	// The key is outside the copy and maps Jayden to one pseudonym.
	if res.Key != out+".key.csv" || paths.Inside(out, res.Key) {
		t.Errorf("key at %s, copy at %s", res.Key, out)
	}
	kf, err := os.Open(res.Key)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(kf).ReadAll()
	kf.Close()
	if err != nil {
		t.Fatal(err)
	}
	pseudonym := ""
	for _, r := range rows {
		if r[0] == "Jayden" && r[2] == "person" {
			pseudonym = r[1]
		}
		if r[0] == "07700 900123" && r[1] != "[phone]" {
			t.Errorf("phone replaced by %q", r[1])
		}
	}
	if pseudonym == "" || pseudonym == "Jayden" {
		t.Fatalf("no pseudonym for Jayden in the key: %v", rows)
	}

	// Nothing of the originals is left in the copy, and the pseudonym is used consistently.
	copied := snapshot(t, out)
	for p, data := range copied {
		for _, secret := range []string{"Jayden", "07700 900123", "Okafor"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s still holds %q", p, secret)
			}
		}
	}
	file := func(rel string) string { return string(copied[filepath.Join(out, rel)]) }
	for _, want := range []struct{ rel, text string }{
		{"transcripts/int-001.md", "my son " + pseudonym + ", [he keeps asking when " + pseudonym + " can go back]{.intervening-too-late}"},
		{"transcripts/int-001.md", "[Ring me on [phone] if]{.duplication}"},
		{"transcripts/int-002.md", "My brother " + pseudonym + " says"},
		{"codings/tom.jsonl", `"quote":"my son ` + pseudonym + `, he keeps asking"`},
		{"codings/tom.jsonl", `"extra":"kept"`},
		{"codings/tom.jsonl", pseudonym + " again"},
	} {
		if !strings.Contains(file(want.rel), want.text) {
			t.Errorf("%s lacks %q", want.rel, want.text)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".insight")); err == nil {
		t.Errorf("the copy has the study's cache, which holds the real names")
	}

	// Every coding is still anchored exactly, and the copy passes the guard.
	op, probs := openStudy(ctx, dirSource(out))
	if probs.HasErrors() {
		t.Fatalf("the copy has errors: %v", probs.Errors())
	}
	if len(op.Coded.Orphans) != 0 || len(op.Coded.Moved) != 0 {
		t.Errorf("copy: %d orphans, %d moved codings: %+v %+v", len(op.Coded.Orphans), len(op.Coded.Moved), op.Coded.Orphans, op.Coded.Moved)
	}
	if n, m := fmt.Sprint(countSources(before.Coded)), fmt.Sprint(countSources(op.Coded)); n != m {
		t.Errorf("applications by source: %v before, %v in the copy", n, m)
	}
	rep, err := Scan(ctx, dirSource(out), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("the copy still has findings: %+v", rep.Findings)
	}

	// A second run refuses to overwrite the copy or the key.
	if _, err := pseudonymise(ctx, dirSource(dir), PseudonymiseOptions{Out: out}); err == nil {
		t.Error("a second run wrote over the copy")
	}
}

func countSources(c *coding.Coded) map[string]int {
	n := map[string]int{}
	for _, a := range c.Apps {
		n[a.Source]++
	}
	return n
}

func TestPseudonymiseTargets(t *testing.T) {
	dir := exampletext.Copy(t)
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full")
	os.MkdirAll(full, 0o755)
	write(t, filepath.Join(full, "x"), "x")
	// Links that lead into the study, into a copy and nowhere (issue 12, F7).
	link := func(name, target string) string {
		t.Helper()
		p := filepath.Join(tmp, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	toStudy := link("to-study", dir)
	toTranscripts := link("to-transcripts", filepath.Join(dir, "transcripts"))
	os.MkdirAll(filepath.Join(tmp, "c3"), 0o755) // an empty folder is a fine place for a copy
	toCopy := link("to-copy", filepath.Join(tmp, "c3"))
	dangling := link("dangling", filepath.Join(dir, "not-yet"))
	keyDir := filepath.Join(tmp, "keys")
	os.MkdirAll(keyDir, 0o755)
	tests := []struct {
		name     string
		out, key string
		wantErr  string
	}{
		{"no out", "", "", "--out"},
		{"key inside the copy", filepath.Join(tmp, "c1"), filepath.Join(tmp, "c1", "key.csv"), "inside the copy"},
		{"copy inside the study", filepath.Join(dir, "anon"), "", "outside the study"},
		{"study inside the copy", filepath.Dir(dir), filepath.Join(tmp, "k0.csv"), "outside the study"},
		{"copy not empty", full, "", "already has files"},
		{"key exists", filepath.Join(tmp, "c2"), filepath.Join(full, "x"), "already exists"},
		{"copy inside the study through a link", filepath.Join(toStudy, "sub"), filepath.Join(tmp, "k1.csv"), "outside the study"},
		{"copy is a link to the study's folder", toTranscripts, filepath.Join(tmp, "k2.csv"), "outside the study"},
		{"key inside the study", filepath.Join(tmp, "c4"), filepath.Join(dir, "transcripts", "key.md"), "outside the study"},
		{"key inside the study through a link", filepath.Join(tmp, "c5"), filepath.Join(toTranscripts, "key.md"), "outside the study"},
		{"key inside the copy through a link", filepath.Join(tmp, "c3"), filepath.Join(toCopy, "key.csv"), "inside the copy"},
		{"copy inside the key's path", filepath.Join(keyDir, "copy"), keyDir, "inside the key"},
		{"copy through a link to nowhere", filepath.Join(dangling, "sub"), filepath.Join(tmp, "k3.csv"), "missing"},
	}
	before := snapshot(t, dir)
	for _, tc := range tests {
		_, err := pseudonymise(context.Background(), dirSource(dir), PseudonymiseOptions{Out: tc.out, Key: tc.key})
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: err = %v, want one saying %q", tc.name, err, tc.wantErr)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 7 {
		t.Errorf("refused runs left files behind: %v", entries)
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("refused runs wrote into the study: %d files before, %d after", len(before), len(after))
	}
}

// jsonText is every string value in a JSON-lines file, so a check sees a
// quote whatever JSON escaped in it.
func jsonText(data []byte) string {
	var b strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		var fields map[string]any
		if json.Unmarshal([]byte(line), &fields) != nil {
			continue
		}
		for _, v := range fields {
			if s, ok := v.(string); ok {
				b.WriteString(s + "\n")
			}
		}
	}
	return b.String()
}

// TestPseudonymiseWithheld pseudonymises the example, in which P09 withdrew
// consent, and looks for P09's words in every file of the copy and the key.
// A consenting participant's sentences are the control, so the search can fail.
func TestPseudonymiseWithheld(t *testing.T) {
	ctx := context.Background()
	src, probs := openStudy(ctx, exampleSource())
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var docsLeft []*corpus.Document
	turns, partly := 0, map[string]int{} // withheld turns in partly withheld documents
	speakers := map[string]bool{}
	for _, d := range src.Study.Documents {
		for _, turn := range d.Turns {
			if turn.Withheld && turn.Role == corpus.RoleParticipant {
				speakers[turn.Speaker] = true
				if !d.Withheld {
					turns++
					partly[d.Path]++
				}
			}
		}
		if d.Withheld {
			docsLeft = append(docsLeft, d)
		}
	}
	codingsLeft := 0
	for _, r := range src.Records {
		for _, d := range src.Study.Documents {
			if d.ID != r.Doc {
				continue
			}
			s, e, ok := coding.Anchor(d, r)
			if d.Withheld || ok && onWithheldTurn(d, s, e) {
				codingsLeft++
			}
		}
	}
	if len(docsLeft) == 0 || turns == 0 || codingsLeft == 0 || !speakers["P09"] || len(speakers) != 1 {
		t.Fatalf("the example should have P09 withdrawn, alone in a document, in a focus group and coded: %d documents, %d turns, %d codings, speakers %v",
			len(docsLeft), turns, codingsLeft, speakers)
	}
	secret, control := sentences(t, "P09"), sentences(t, "P06")

	out := filepath.Join(t.TempDir(), "copy")
	res, err := pseudonymise(ctx, exampleSource(), PseudonymiseOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"documents left out", res.WithheldDocs, len(docsLeft)},
		{"turns withheld", res.WithheldTurns, turns},
		{"codings left out", res.WithheldCodings, codingsLeft},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	notes := fmt.Sprint(res.Notes)
	for _, want := range []string{fmt.Sprintf("consent: %d (", len(docsLeft)), fmt.Sprintf("copy: %d", turns)} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q: %s", want, notes)
		}
	}

	// No file for a withheld document; [withheld] for each turn elsewhere.
	for _, d := range docsLeft {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(d.Path))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s, withheld, is in the copy (%v)", d.Path, err)
		}
	}
	for rel, n := range partly {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(data), "P09: [withheld]\n"); got != n {
			t.Errorf("%s has %d turns reading \"P09: [withheld]\", want %d", rel, got, n)
		}
	}

	// Every file of the copy and the key, JSON decoded, whitespace collapsed.
	var text strings.Builder
	files := snapshot(t, out)
	key, err := os.ReadFile(res.Key)
	if err != nil {
		t.Fatal(err)
	}
	files[res.Key] = key
	for p, data := range files {
		s := string(data)
		if strings.HasSuffix(p, ".jsonl") {
			s += "\n" + jsonText(data)
		}
		text.WriteString(p + "\n" + strings.Join(strings.Fields(s), " ") + "\n")
	}
	exampletext.AssertNoneOf(t, text.String(), secret, control)
	if strings.Contains(string(key), string(withheld)) {
		t.Errorf("the key has withheld entries:\n%s", key)
	}

	// The copy reads cleanly: codings all anchored, P09 still withheld.
	op, probs := openStudy(ctx, dirSource(out))
	if probs.HasErrors() {
		t.Fatalf("the copy has errors: %v", probs.Errors())
	}
	if len(op.Coded.Orphans) != 0 || len(op.Coded.Moved) != 0 || op.Coded.Withheld != 0 {
		t.Errorf("copy: %d orphans, %d moved, %d withheld codings", len(op.Coded.Orphans), len(op.Coded.Moved), op.Coded.Withheld)
	}
	if n, m := fmt.Sprint(countSources(src.Coded)), fmt.Sprint(countSources(op.Coded)); n != m {
		t.Errorf("applications by source: %v in the study, %v in the copy", n, m)
	}
	for _, r := range op.Records {
		for _, d := range op.Study.Documents {
			if s, e, ok := coding.Anchor(d, r); d.ID == r.Doc && ok && onWithheldTurn(d, s, e) {
				t.Errorf("%s:%d codes a withheld turn", r.File, r.Line)
			}
		}
	}
}

// onWithheldTurn is onWithheld written again, so the test does not trust it.
func onWithheldTurn(d *corpus.Document, start, end int) bool {
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return true
		}
	}
	return false
}

// withheldStudy writes a small study in which P02 withdrew consent: body is
// its one focus group, fg, and each quote one of tom's codings on it.
func withheldStudy(t testing.TB, body string, quotes ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	for _, sub := range []string{"transcripts", "codings"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "insight.yaml"), "title: Withheld\ndescription: One focus group.\nfacilitators: [Facilitator]\n")
	write(t, filepath.Join(dir, themes.CodebookFile), "themes:\n  - id: dup\n    name: Asked again\n    description: Telling it twice.\n  - id: other\n    name: Other\n    description: Anything else.\n")
	write(t, filepath.Join(dir, "participants.csv"), "id,role,consent\nP01,parent,yes\nP02,parent,withdrawn\n")
	write(t, filepath.Join(dir, "transcripts", "fg.md"), "---\nkind: focus-group\n---\n"+body)
	var recs strings.Builder
	for _, q := range quotes {
		b, _ := json.Marshal(map[string]any{"doc": "fg", "theme": "dup", "quote": q, "start": 0, "end": len(q)})
		recs.Write(append(b, '\n'))
	}
	if len(quotes) > 0 {
		write(t, filepath.Join(dir, "codings", "tom.jsonl"), recs.String())
	}
	return dir
}

func TestPseudonymiseWithheldMarkup(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		quotes []string
		want   []string // in the copy of fg.md
		gone   []string // in no file of the copy, nor the key
		kept   int      // codings in the copy
		left   bool     // fg.md is not copied
	}{
		{name: "plain", body: "P01: I asked them twice about the form.\n\nP02: I never told anyone about the letter.\n\nP01: Then it came again.\n",
			want: []string{"P02: [withheld]\n\nP01: Then it came again."}, gone: []string{"never told"}},
		{name: "code inside the turn", body: "P02: Before that [the coded words of mine]{.dup} and after.\nP01: Yes.\n",
			want: []string{"P02: [withheld]\nP01: Yes."}, gone: []string{"coded words", "{.dup}", "after"}},
		{name: "code over the whole turn", body: "P02: [all of my words here]{.dup .other}\nP01: Yes.\n",
			want: []string{"P02: [withheld]\nP01"}, gone: []string{"my words", ".other"}},
		{name: "code from the turn's start", body: "P02: [my first words]{.dup} and more of mine.\nP01: Yes.\n",
			want: []string{"P02: [withheld]\n"}, gone: []string{"first words", "more of mine"}},
		{name: "nested and ordinary brackets", body: "P01: Yes.\nP02: [outer [laughs] [inner words]{.other} more]{.dup} end [sic].\n",
			want: []string{"P02: [withheld]\n"}, gone: []string{"laughs", "inner", "sic"}},
		{name: "escaped brackets", body: "P01: Yes.\nP02: a literal \\[bracket\\] in my words.\n",
			want: []string{"P02: [withheld]\n"}, gone: []string{"bracket", "\\"}},
		{name: "several paragraphs", body: "P02: first paragraph of mine.\n\nsecond paragraph of mine.\n\nP01: my reply.\n",
			want: []string{"P02: [withheld]\n\nP01: my reply."}, gone: []string{"paragraph"}},
		{name: "timestamped", body: "[00:01:02] P02: timed words of mine.\n[00:01:09] P01: Right.\n",
			want: []string{"[00:01:02] P02: [withheld]\n[00:01:09] P01: Right."}, gone: []string{"timed"}},
		{name: "not ASCII", body: "P02: café naïve — “quoted” words of mine.\nP01: après.\n",
			want: []string{"P02: [withheld]\nP01: après."}, gone: []string{"café", "naïve", "quoted"}},
		{name: "a code running into the next turn", body: "P02: start of [a span of mine\nP01: that ends here]{.dup} ok.\n",
			want: []string{"P02: [[withheld]\nP01: that ends here]{.dup} ok."}, gone: []string{"span of mine"}},
		{name: "a code running in from the turn before", body: "P01: my [words go on\nP02: into mine]{.dup} too.\n",
			want: []string{"P01: my [words go on\nP02: ]{.dup}[withheld]\n"}, gone: []string{"into mine"}},
		{name: "codings", body: "P01: I asked them twice about the form.\nP02: They lost my form again last week.\n",
			quotes: []string{"asked them twice", "lost my form again", "the form.\nP02: They lost"},
			want:   []string{"P02: [withheld]\n"}, gone: []string{"lost my form", "last week"}, kept: 1},
		{name: "a name in a withheld turn", body: "P01: Darren Pryce came round.\nP02: Darren Pryce is my neighbour, Kezia Lowther too.\n",
			want: []string{"P02: [withheld]\n"}, gone: []string{"Darren Pryce came", "neighbour", "Kezia", "Lowther"}},
		{name: "only the withdrawn participant speaks", body: "Facilitator: Hello.\nP02: Only my own words here.\n",
			quotes: []string{"my own words"}, gone: []string{"own words"}, left: true},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := withheldStudy(t, tc.body, tc.quotes...)
			src, _ := openStudy(ctx, dirSource(dir))
			out := filepath.Join(t.TempDir(), "copy")
			res, err := pseudonymise(ctx, dirSource(dir), PseudonymiseOptions{Out: out})
			if err != nil {
				t.Fatal(err)
			}
			files := snapshot(t, out)
			key, _ := os.ReadFile(res.Key)
			files[res.Key] = key
			copied, ok := files[filepath.Join(out, "transcripts", "fg.md")]
			if ok == tc.left {
				t.Fatalf("fg.md copied: %v, want %v", ok, !tc.left)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(copied), w) {
					t.Errorf("the copy lacks %q:\n%s", w, copied)
				}
			}
			for p, data := range files {
				for _, g := range tc.gone {
					if strings.Contains(string(data)+jsonText(data), g) {
						t.Errorf("%s holds %q:\n%s", p, g, data)
					}
				}
			}
			got := 0
			for _, line := range strings.Split(string(files[filepath.Join(out, "codings", "tom.jsonl")]), "\n") {
				if strings.TrimSpace(line) != "" {
					got++
				}
			}
			if got != tc.kept {
				t.Errorf("%d codings kept, want %d", got, tc.kept)
			}
			if res.WithheldCodings+tc.kept != len(tc.quotes) {
				t.Errorf("%d codings counted as left out of %d, %d kept", res.WithheldCodings, len(tc.quotes), tc.kept)
			}

			// The copy reads back with the same turns, P02's as [withheld].
			op, probs := openStudy(ctx, dirSource(out))
			if probs.HasErrors() {
				t.Fatalf("the copy has errors: %v", probs.Errors())
			}
			if len(op.Coded.Orphans) != 0 || len(op.Coded.Moved) != 0 {
				t.Errorf("%d orphans, %d moved", len(op.Coded.Orphans), len(op.Coded.Moved))
			}
			if tc.left {
				return
			}
			before, after := src.Study.Documents[0], op.Study.Documents[0]
			if len(after.Turns) != len(before.Turns) {
				t.Fatalf("%d turns in the copy, %d in the study", len(after.Turns), len(before.Turns))
			}
			for i, a := range after.Turns {
				b := before.Turns[i]
				text := after.Body[a.Start:a.End]
				switch {
				case a.Speaker != b.Speaker || a.Withheld != b.Withheld:
					t.Errorf("turn %d: %s (withheld %v) became %s (%v)", i, b.Speaker, b.Withheld, a.Speaker, a.Withheld)
				case a.Withheld && text != "[withheld]":
					t.Errorf("turn %d of %s reads %q", i, a.Speaker, text)
				case !a.Withheld && res.Replaced == 0 && text != before.Body[b.Start:b.End]:
					t.Errorf("turn %d of %s changed: %q", i, a.Speaker, text)
				}
			}
		})
	}
}

// FuzzPseudonymiseWithheld feeds transcripts in which P02 withdrew consent
// to Pseudonymise: it must never fail to read its copy back, and every
// withheld turn of the copy must read "[withheld]", never in the key.
func FuzzPseudonymiseWithheld(f *testing.F) {
	for _, s := range []string{
		"P01: I asked them twice about the form.\n\nP02: I never told anyone about the letter.\n",
		"P02: Before that [the coded words of mine]{.dup} and after.\nP01: Yes.\n",
		"P01: Yes.\nP02: [outer [laughs] [inner words]{.other} more]{.dup} end [sic].\n",
		"P01: Yes.\nP02: a literal \\[bracket\\] in my words.\n",
		"[00:01:02] P02: timed words of mine.\n[00:01:09] P01: Right, Darren Pryce said.\n",
		"P02: start of [a span of mine\nP01: that ends here]{.dup} ok.\n",
		"P01: my [words go on\nP02: into mine]{.dup} too.\n",
		"Facilitator: Hello.\nP02: Only my own words here.\n",
		"P02: [x]{.dup}[y]{.other}\\[\nP01: ]{.dup} [z]{#id} [w]{.dup key=\"]\"}\n",
	} {
		f.Add(s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, body string) {
		dir := withheldStudy(t, body)
		src, probs := openStudy(ctx, dirSource(dir))
		if src == nil || probs.HasErrors() {
			return // Pseudonymise refuses a study with errors, as check does
		}
		out := filepath.Join(t.TempDir(), "copy")
		res, err := pseudonymise(ctx, dirSource(dir), PseudonymiseOptions{Out: out})
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if key, _ := os.ReadFile(res.Key); strings.Contains(string(key), ","+string(withheld)) {
			t.Errorf("the key holds withheld words:\n%s", key)
		}
		op, _ := openStudy(ctx, dirSource(out))
		if op == nil || len(src.Study.Documents) != 1 {
			t.Fatalf("%q: the copy does not open", body)
		}
		if src.Study.Documents[0].Withheld {
			if len(op.Study.Documents) != 0 {
				t.Errorf("%q: a withheld document was copied", body)
			}
			return
		}
		n := 0
		for _, turn := range op.Study.Documents[0].Turns {
			if turn.Withheld {
				n++
				if text := op.Study.Documents[0].Body[turn.Start:turn.End]; text != "[withheld]" {
					t.Errorf("%q: a withheld turn reads %q in the copy", body, text)
				}
			}
		}
		if n != res.WithheldTurns {
			t.Errorf("%q: %d withheld turns in the copy, %d replaced", body, n, res.WithheldTurns)
		}
	})
}

// TestPseudonymiseSpoken checks that identifiers said aloud (issue 13) leave
// the copy as tags or as the spelling of the pseudonym, and reach the key.
func TestPseudonymiseSpoken(t *testing.T) {
	dir := exampletext.Copy(t)
	turn := "\nP01: It's Kayleigh, K-A-Y-L-E-I-G-H. Ring oh-seven-seven-double-oh, nine-double-oh, five-five-one. " +
		"Postcode's S-eleven, eight-R-T. She was born the fourteenth of February, twenty fifteen. " +
		"The website's www dot kezcakes dot co dot uk and I'm kez_b_1990 on TikTok.\n"
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"), turn)
	out := filepath.Join(t.TempDir(), "copy")
	res, err := pseudonymise(context.Background(), dirSource(dir), PseudonymiseOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "transcripts", "int-001.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, gone := range []string{"Kayleigh", "K-A-Y", "double-oh", "S-eleven", "fourteenth of February", "kezcakes", "kez_b_1990"} {
		if strings.Contains(got, gone) {
			t.Errorf("the copy still contains %q", gone)
		}
	}
	for _, tag := range []string{"[phone]", "[postcode]", "[dob]", "[url]", "[handle]"} {
		if !strings.Contains(got, tag) {
			t.Errorf("the copy lacks %s", tag)
		}
	}
	kf, err := os.ReadFile(res.Key)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(kf)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var name, spelled string
	for _, r := range rows {
		switch r[0] {
		case "Kayleigh":
			name = r[1]
		case "K-A-Y-L-E-I-G-H":
			spelled = r[1]
		}
	}
	if name == "" || spelled != strings.Join(strings.Split(strings.ToUpper(name), ""), "-") {
		t.Errorf("Kayleigh became %q and her spelling %q: the spelling should spell the pseudonym", name, spelled)
	}
	if !strings.Contains(got, name+", "+spelled+".") {
		t.Errorf("the turn does not read %q", name+", "+spelled+".")
	}
}
