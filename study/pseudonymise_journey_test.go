package study

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/internal/exampletext"
	"github.com/residentinsight/insight/journey"
)

// TestPseudonymiseJourneysAndMessages: a pseudonymised copy is a whole
// study. Its contacts.csv is there, with names in notes replaced by the
// transcripts' pseudonyms, member labels renamed alike in contacts.csv and
// journey.members, and a withdrawn participant's rows left out; its
// messages.yaml has names replaced and every pinned quote still anchors.
// The copy builds without accepting any personal-data risk, and no
// original from the key is anywhere in its bytes.
func TestPseudonymiseJourneysAndMessages(t *testing.T) {
	ctx := context.Background()
	dir := exampletext.Copy(t)
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"),
		"\nP01: And my son Jayden is doing a lot better at school now, Mrs Okafor says so.\n")
	exampletext.Append(t, filepath.Join(dir, "messages.yaml"), `
  - id: named
    title: What Jayden's school saw
    statement: Mrs Okafor noticed first.
    themes: [duplication]
    quotes:
      - doc: int-001
        quote: "my son Jayden is doing a lot better"
      - doc: int-001
        quote: "Mrs Okafor says so"
`)
	const withheldNote = "zanzibar-withheld-note"
	exampletext.Append(t, filepath.Join(dir, "contacts.csv"),
		"H01,P01,2025-09-10,schools,meeting,school-attendance,case file (school),Jayden's teacher met Mrs Okafor\n"+
			"H01,Kayla,2025-09-11,health,visit,,case file (health visiting),Kayla seen at home\n"+
			"H09,P09,2025-06-01,police,call-out,antisocial-behaviour,case file (police),"+withheldNote+"\n")
	cfg := filepath.Join(dir, "insight.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	withKayla := strings.Replace(string(data), "H01: [P01, child-a, child-b, child-c]", "H01: [P01, child-a, child-b, child-c, Kayla]", 1)
	if withKayla == string(data) {
		t.Fatal("the example's journey.members no longer lists H01 as this test expects")
	}
	write(t, cfg, withKayla)

	before, probs := Open(ctx, Source{Dir: dir})
	if probs.HasErrors() {
		t.Fatalf("the planted study has errors: %v", probs.Errors())
	}
	pins := 0
	for _, m := range before.Messages {
		pins += len(m.Quotes)
	}

	out := filepath.Join(t.TempDir(), "copy")
	key := filepath.Join(t.TempDir(), "key.csv")
	res, err := Pseudonymise(ctx, Source{Dir: dir}, PseudonymiseOptions{Out: out, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	if res.WithheldContacts != before.Journeys.Withdrawn {
		t.Errorf("%d withdrawn contacts left out of the copy, the study counts %d", res.WithheldContacts, before.Journeys.Withdrawn)
	}

	// No original of the key, nor the withdrawn participant's note, in any byte of the copy.
	kf, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(kf)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	pseudonym := map[string]string{}
	secrets := []string{withheldNote}
	for _, r := range rows[1:] {
		secrets = append(secrets, r[0])
		pseudonym[r[0]] = r[1]
	}
	for _, name := range []string{"Jayden", "Kayla"} {
		if pseudonym[name] == "" {
			t.Fatalf("the key has no pseudonym for %s: %v", name, rows)
		}
	}
	grepCopy(t, out, secrets)

	// Contacts: the transcripts' pseudonym in the note, the label renamed
	// alike in both files, every consenting row kept.
	contacts, err := os.ReadFile(filepath.Join(out, journey.ContactsFile))
	if err != nil {
		t.Fatalf("the copy has no contacts.csv: %v", err)
	}
	for _, want := range []string{pseudonym["Jayden"] + "'s teacher met Mrs ", "H01," + pseudonym["Kayla"] + ",2025-09-11"} {
		if !strings.Contains(string(contacts), want) {
			t.Errorf("the copy's contacts.csv lacks %q:\n%s", want, contacts)
		}
	}
	copied, probs := Open(ctx, Source{Dir: out})
	if probs.HasErrors() {
		t.Fatalf("the copy has errors: %v", probs.Errors())
	}
	if got, want := len(copied.Journeys.Contacts), len(before.Journeys.Contacts); got != want || copied.Journeys.Withdrawn != 0 {
		t.Errorf("the copy has %d contacts (%d withdrawn), the study %d", got, copied.Journeys.Withdrawn, want)
	}
	if !strings.Contains(string(copied.Journeys.Settings.Members["H01"][4]), pseudonym["Kayla"]) {
		t.Errorf("journey.members.H01 in the copy: %v", copied.Journeys.Settings.Members["H01"])
	}

	// Messages: every pinned quote anchors, with the pseudonym in it.
	for _, p := range probs {
		if strings.Contains(p.Msg, "pinned quote") {
			t.Errorf("the copy: %v", p)
		}
	}
	n := 0
	for _, m := range copied.Messages {
		for _, q := range m.Quotes {
			n++
			if !q.Found {
				t.Errorf("pinned quote %q of %s does not anchor in the copy", q.Quote, m.ID)
			}
		}
	}
	if n != pins {
		t.Errorf("%d pinned quotes in the copy, %d in the study", n, pins)
	}
	msgs, _ := os.ReadFile(filepath.Join(out, "messages.yaml"))
	if !strings.Contains(string(msgs), "my son "+pseudonym["Jayden"]+" is doing a lot better") {
		t.Errorf("the pinned quote was not moved to the pseudonym:\n%s", msgs)
	}

	// The copy builds, with no personal-data risk to accept, and its site
	// leaks nothing either.
	site := filepath.Join(t.TempDir(), "site")
	if err := Build(ctx, Source{Dir: out}, BuildOptions{Out: site}); err != nil {
		t.Fatalf("the copy does not build: %v", err)
	}
	grepCopy(t, site, secrets)
	if _, err := os.Stat(filepath.Join(site, "resource-map.html")); err != nil {
		t.Errorf("the copy's site has no resource map: %v", err)
	}
}

// grepCopy fails for every file under dir holding any of secrets.
func grepCopy(t *testing.T, dir string, secrets []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s != "" && bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
