package corpus

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/residentinsight/insight/diag"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// dumpStudy renders everything Load produced, for the golden file.
func dumpStudy(st *Study, probs diag.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "config: %+v\n", st.Config)
	for _, p := range st.Participants {
		fmt.Fprintf(&b, "participant %s line %d withdrawn=%v %v\n", p.ID, p.Line, p.Withdrawn, p.Attributes)
	}
	for i, d := range st.Documents {
		fmt.Fprintf(&b, "\ndocument %d %s path=%s kind=%s date=%q case=%q attrs=%v bodyline=%d withheld=%v\n",
			i, d.ID, d.Path, d.Kind, d.Date, d.Case, d.Attributes, d.BodyLine, d.Withheld)
		for ti, t := range d.Turns {
			fmt.Fprintf(&b, "  turn %d L%d %q %s time=%q withheld=%v\n", ti, d.Line(t.Start), t.Speaker, t.Role, t.Time, t.Withheld)
		}
		for _, s := range d.Segments {
			fmt.Fprintf(&b, "  seg %s doc=%d turn=%d L%d %q\n", s.ID, s.Doc, s.Turn, d.Line(s.Start), d.Text(s.Start, s.End))
		}
		for _, c := range d.Codes {
			fmt.Fprintf(&b, "  code %v L%d %q\n", c.Themes, c.Line, d.Text(c.Start, c.End))
		}
	}
	fmt.Fprintf(&b, "\nwithheld segments: %d\nproblems:\n%s\n", st.Withheld, probs.Error())
	return b.String()
}

func TestLoadGolden(t *testing.T) {
	st, probs := Load(context.Background(), os.DirFS("testdata/study"), "testdata/study")
	if probs.HasErrors() {
		t.Fatalf("errors:\n%v", probs)
	}
	for _, d := range st.Documents {
		checkInvariants(t, d)
	}
	got := dumpStudy(st, probs)
	const golden = "testdata/study.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("Load output differs from %s (run with -update if the change is intended):\n%s", golden, got)
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestLoad(t *testing.T) {
	base := map[string]string{
		"insight.yaml":     "title: T\nfacilitators: [Interviewer]\n",
		"participants.csv": "id,consent\nP1,yes\nP2,withdrawn\nP3,withdrawn\n",
	}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	tests := []struct {
		name     string
		dir      string
		files    map[string]string
		probs    []string
		docs     []string // ids in order
		withheld int
		check    func(t *testing.T, st *Study)
	}{
		{
			name:  "missing insight.yaml and transcripts",
			dir:   "my-study",
			files: map[string]string{"notes.txt": "x"},
			probs: []string{"my-study/insight.yaml: is missing", "run `insight init`", "my-study/transcripts: folder is missing"},
		},
		{
			name:  "other formats warned, hidden files ignored, nested folders read",
			files: with(map[string]string{"transcripts/a.odt": "x", "transcripts/c.pdf": "x", "transcripts/.DS_Store": "x", "transcripts/wave2/b.TXT": "Interviewer: Hi.\nP1: Hello."}),
			probs: []string{"transcripts/a.odt: warning: is not read: save it from your word processor as Word (.docx) or plain text (.txt)", "transcripts/c.pdf: warning: is not read: transcripts must be .docx, .md, .srt, .txt, .vtt files"},
			docs:  []string{"b"},
		},
		{
			name:  "duplicate ids name both files",
			dir:   "s/",
			files: with(map[string]string{"transcripts/a.md": "P1: One.", "transcripts/b.md": "---\nid: a\n---\nP1: Two."}),
			probs: []string{`s/transcripts/b.md:1: document id "a" is also used by s/transcripts/a.md`},
			docs:  []string{"a"},
		},
		{
			name: "broken documents left out, every problem reported",
			files: with(map[string]string{
				"transcripts/ok.md":  "P1: Fine.",
				"transcripts/bin.md": "\x00\x01",
				"transcripts/fm.md":  "---\nkind: chat\n---\nP1: x",
				"participants.csv":   "id,consent\nP1,maybe\n",
			}),
			probs:    []string{"transcripts/bin.md:1: contains NUL", `transcripts/fm.md:2: kind "chat"`, `participants.csv:2: consent "maybe"`},
			docs:     []string{"ok"},
			withheld: 1, // P1's unreadable consent fails safe: withdrawn
		},
		{
			name: "roles, unlisted warning once, withheld turns and documents",
			files: with(map[string]string{
				"transcripts/a.md": "Intro.\ninterviewer: Q one?\np1: A one. A two.\nP2: Withdrawn words.\nX9: Who?\nX9: Me.",
				"transcripts/b.md": "Interviewer: Q?\nP2: Gone. Gone too.\nP3: Also gone.",
			}),
			probs:    []string{`transcripts/a.md:5: warning: speaker "X9" is not in participants.csv`},
			docs:     []string{"a", "b"},
			withheld: 1 + 3 + 1, // P2 in a; P2 and P3 in b, plus b's facilitator turn
			check: func(t *testing.T, st *Study) {
				a, b := st.Documents[0], st.Documents[1]
				var roles []string
				for _, tu := range a.Turns {
					roles = append(roles, fmt.Sprintf("%s:%s:%v", tu.Speaker, tu.Role, tu.Withheld))
				}
				want := "|:observer:false Interviewer:facilitator:false P1:participant:false P2:participant:true X9:unlisted:false X9:unlisted:false"
				if got := "|" + strings.Join(roles, " "); got != want {
					t.Errorf("roles\n got %s\nwant %s", got, want)
				}
				if a.Withheld || !b.Withheld {
					t.Errorf("withheld a=%v b=%v, want false true", a.Withheld, b.Withheld)
				}
				if len(b.Segments) != 0 {
					t.Errorf("withheld document kept %d segments", len(b.Segments))
				}
				for _, s := range a.Segments {
					if a.Turns[s.Turn].Withheld || s.Doc != 0 {
						t.Errorf("segment %s of a withheld turn or wrong doc %d", s.ID, s.Doc)
					}
				}
				if n := strings.Count(st.Dir, "/"); n != 0 {
					t.Errorf("dir %q", st.Dir)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, probs := Load(context.Background(), mapFS(tt.files), tt.dir)
			containsAll(t, probs, tt.probs)
			var ids []string
			for _, d := range st.Documents {
				ids = append(ids, d.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.docs, ",") {
				t.Errorf("documents %q, want %q", ids, tt.docs)
			}
			if st.Withheld != tt.withheld {
				t.Errorf("withheld %d, want %d", st.Withheld, tt.withheld)
			}
			if st.Dir != tt.dir {
				t.Errorf("Dir %q, want %q", st.Dir, tt.dir)
			}
			if tt.check != nil {
				tt.check(t, st)
			}
		})
	}
}

func TestLoadCancelled(t *testing.T) {
	files := map[string]string{"insight.yaml": "title: T\n"}
	for i := range 50 {
		files[fmt.Sprintf("transcripts/t%02d.md", i)] = "P1: Hello."
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, probs := Load(ctx, mapFS(files), "")
	containsAll(t, probs, []string{"transcripts: reading stopped: context canceled"})
}

// interview generates a realistic interview of at least words words from
// the test speech, with timestamps, labels and inline codes.
func interview(tb testing.TB, words int) []byte {
	data, err := os.ReadFile("testdata/speech.txt")
	if err != nil {
		tb.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	var b strings.Builder
	b.WriteString("---\nid: int-bench\nkind: interview\ndate: 2024-05-01\ncase: hh-1\n---\nRecorded at the community centre.\n\n")
	n := 0
	for i := 0; n < words; i++ {
		p := paras[i%len(paras)]
		fmt.Fprintf(&b, "[%02d:%02d:%02d] Interviewer: Could you say more about that?\n\n", i/3600, i/60%60, i%60)
		if i%3 == 0 {
			// Code the first sentence.
			if k := strings.Index(p, ". "); k > 0 {
				p = "[" + p[:k+1] + "]{.theme-" + fmt.Sprint(i%7) + "}" + p[k+1:]
			}
		}
		fmt.Fprintf(&b, "P01: %s\n\n", p)
		n += len(strings.Fields(p)) + 6
	}
	return []byte(b.String())
}

func BenchmarkParseDocument(b *testing.B) {
	data := interview(b, 8000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, probs := ParseDocument("transcripts/int-bench.md", data); probs.HasErrors() {
			b.Fatal(probs)
		}
	}
}

// TestLoadOddTranscripts: a transcript whose name is not UTF-8 is an error
// naming it (not "invalid argument"); an empty one, or one of front matter
// only, is a warning (issue 12).
func TestLoadOddTranscripts(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"insight.yaml": "title: t\n", "participants.csv": "id\nP01\n", "transcripts/a.md": "P01: Hello.\n", "transcripts/x\xfey.md": "P01: Hi.\n",
		"transcripts/empty.md": "", "transcripts/blank.md": " \n\n", "transcripts/fm.md": "---\nid: fm\n---\n\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, probs := Load(context.Background(), os.DirFS(dir), "s")
	all := strings.Join(problemStrings(probs), "\n")
	for _, want := range []string{
		`s/transcripts/x\xfey.md: its name is not valid UTF-8`,
		"s/transcripts/empty.md:1: warning: has no text", "s/transcripts/blank.md:1: warning: has no text", "s/transcripts/fm.md:4: warning: has no text",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "invalid argument") || strings.Contains(all, "a.md") {
		t.Errorf("unexpected problems:\n%s", all)
	}
}
