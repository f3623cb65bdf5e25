package study

import (
	"bytes"
	"context"
	"errors"
	"github.com/residentinsight/insight/internal/exampletext"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/privacy"
)

// planted is a passage for the example's int-001 with one identifier of each
// kind the acceptance test names; P01 is a consenting participant.
var planted = []struct {
	line string
	kind anon.Kind
	text string
}{
	{"P01: If anything changes you can ring me on 07700 900123, that's my mobile.", anon.Phone, "07700 900123"},
	{"P01: We moved in the end, we're at LS6 2AB now, nearer my mum.", anon.Postcode, "LS6 2AB"},
	{"P01: And my son Jayden is doing a lot better at school now.", anon.Person, "Jayden"},
}

func TestPlantedPIIStopsBuild(t *testing.T) {
	for _, p := range planted {
		t.Run(string(p.kind), func(t *testing.T) {
			dir := exampletext.Copy(t)
			exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"), "\n"+p.line+"\n")
			out := filepath.Join(t.TempDir(), "site")
			err := Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: out})
			var pe *privacy.UnreviewedError
			if !errors.As(err, &pe) {
				t.Fatalf("build of a study with a planted %s: err = %v, want a privacy.UnreviewedError", p.kind, err)
			}
			if len(pe.Report.Findings) != 1 || pe.Report.Findings[0].Kind != p.kind || pe.Report.Findings[0].Text != p.text {
				t.Errorf("findings %+v, want one %s %q", pe.Report.Findings, p.kind, p.text)
			}
			if !strings.Contains(err.Error(), "transcripts/int-001.md:") || !strings.Contains(err.Error(), p.text) {
				t.Errorf("the refusal does not list the finding:\n%v", err)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused build wrote %s", out)
			}

			var log bytes.Buffer
			err = Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: out, AcceptPIIRisk: true, Log: &log})
			if err != nil {
				t.Fatalf("build with --accept-pii-risk: %v", err)
			}
			if !strings.Contains(log.String(), "1 unreviewed") {
				t.Errorf("accepting the risk was not logged with the count: %q", log.String())
			}
			banner := "This site was published with 1 unreviewed possible personal-data findings (--accept-pii-risk)."
			pages := 0
			filepath.WalkDir(out, func(path string, e os.DirEntry, err error) error {
				if err != nil || !strings.HasSuffix(path, ".html") {
					return err
				}
				pages++
				if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte(banner)) {
					t.Errorf("%s lacks the banner", path)
				}
				return nil
			})
			if pages == 0 {
				t.Error("no pages written")
			}
		})
	}
}

func write(t testing.TB, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// sentences is exampletext.Sentences, failing the test when there are none.
func sentences(t *testing.T, speaker string) []string {
	t.Helper()
	out := exampletext.Sentences(speaker)
	if len(out) == 0 {
		t.Fatalf("the example has no sentences by %s", speaker)
	}
	return out
}

// TestWithdrawnParticipantLeavesNoTrace builds the example's site and
// index and greps every file for the withdrawn participant's sentences. A
// consenting participant's sentences are the control: they must be found,
// or the grep proves nothing.
func TestWithdrawnParticipantLeavesNoTrace(t *testing.T) {
	parts, _ := corpus.ParseParticipants("participants.csv", mustRead(t, example.Study(), "participants.csv"))
	var withdrawn string
	for _, p := range parts {
		if p.Withdrawn {
			withdrawn = p.ID
		}
	}
	secret, control := sentences(t, withdrawn), sentences(t, "P06")
	if withdrawn == "" || len(secret) < 5 || len(control) < 5 {
		t.Fatalf("the example needs a withdrawn participant with words: %q, %d sentences, %d control", withdrawn, len(secret), len(control))
	}
	ctx := context.Background()
	site := filepath.Join(t.TempDir(), "site")
	if err := Build(ctx, Source{Example: true}, BuildOptions{Out: site}); err != nil {
		t.Fatal(err)
	}
	dir := exampletext.Copy(t)
	ix, err := OpenIndex(ctx, Source{Dir: dir}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	// Every output file, tags stripped and entities decoded, whitespace collapsed.
	var text strings.Builder
	for _, root := range []string{site, filepath.Join(dir, CacheDir)} {
		for p, data := range snapshot(t, root) {
			s := html.UnescapeString(htmlTag.ReplaceAllString(string(data), ""))
			text.WriteString(p + "\n" + strings.Join(strings.Fields(s), " ") + "\n")
		}
	}
	exampletext.AssertNoneOf(t, text.String(), secret, control)

	// The search index may compress what it stores, so ask it too.
	search := func(s string) bool {
		w := strings.Fields(s)
		q := `"` + strings.Trim(strings.Join(w[:6], " "), `.,;:!?'"`) + `"`
		res, err := ix.Search(ctx, indexRequest(q))
		if err != nil {
			t.Fatalf("search %s: %v", q, err)
		}
		for _, h := range res.Hits {
			if strings.Contains(strings.Join(strings.Fields(h.Text), " "), strings.Join(w[:6], " ")) {
				return true
			}
		}
		return false
	}
	found := 0
	for _, s := range control {
		if search(s) {
			found++
		}
	}
	if found == 0 {
		t.Fatal("the index finds no sentence of a consenting participant: the search is broken")
	}
	for _, s := range secret {
		if search(s) {
			t.Errorf("the index finds a withdrawn participant's sentence: %q", s)
		}
	}
}

func mustRead(t testing.TB, fsys fs.FS, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func indexRequest(q string) index.Request { return index.Request{Query: q, Limit: 50} }

// snapshot reads every file under dir, keyed by slash path relative to dir,
// so snapshots of two folders (a rebuilt site and a fresh one) compare.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestUnreviewedPIILeavesSiteAsItWas: the site is prepared while the scan
// runs, but a build stopped by an unreviewed finding must not have written
// a byte of the site a previous build left: every file, its bytes and its
// time, and the folder beside it (where staging folders go), are as they were.
func TestUnreviewedPIILeavesSiteAsItWas(t *testing.T) {
	dir := exampletext.Copy(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	ctx := context.Background()
	if err := Build(ctx, Source{Dir: dir}, BuildOptions{Out: out}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	before := stamped(t, parent)
	if len(before) < 10 {
		t.Fatalf("the first build wrote %d files", len(before))
	}
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"), "\n"+planted[0].line+"\n")
	err := Build(ctx, Source{Dir: dir}, BuildOptions{Out: out})
	var pe *privacy.UnreviewedError
	if !errors.As(err, &pe) {
		t.Fatalf("build with a planted phone number: err = %v, want a privacy.UnreviewedError", err)
	}
	after := stamped(t, parent)
	for p, was := range before {
		if now, ok := after[p]; !ok {
			t.Errorf("%s was deleted", p)
		} else if now != was {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was written", p)
		}
	}
}

// stamped maps every file and folder under root to its size, time and,
// for a file, its bytes.
func stamped(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		v := info.ModTime().String() + " " + info.Mode().String()
		if !e.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			v += " " + string(data)
		}
		files[path] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
