package refi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/themes"
)

func TestMergeCodebookKeepsTheStudysCodebook(t *testing.T) {
	dir := t.TempDir()
	old := `# Our codebook: keep this comment.
themes:
  - id: waiting
    name: Waiting
    description: Time spent waiting for help.
    keywords: ["waiting list"] # rules stay
  - id: housing
    name: Housing
`
	if err := os.WriteFile(filepath.Join(dir, "codebook.yaml"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	qdc := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti Win 23.4.0">
 <Codes>
  <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Waiting" isCodable="true"><Description>Time spent waiting for help.</Description></Code>
  <Code guid="B52FB733-B6AF-4B31-BB78-3E733135171A" name="Housing" isCodable="true" color="#FF7800"><Description>Another definition.</Description>
   <Code guid="14C4E248-F726-42CB-B1CD-A65D6A86F296" name="Rent arrears" isCodable="true"/>
  </Code>
 </Codes>
 <Sets><Set name="group" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"/></Sets>
</CodeBook>`
	rep, err := MergeCodebook("in.qdc", []byte(qdc), dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Added, ",") != "rent-arrears" || strings.Join(rep.Same, ",") != "waiting" || len(rep.Conflicts) != 1 || rep.Sets != 1 {
		t.Fatalf("report: %+v", rep)
	}
	if !strings.Contains(rep.Conflicts[0], "housing") || !strings.Contains(rep.Conflicts[0], "Another definition") {
		t.Errorf("conflict line: %s", rep.Conflicts[0])
	}
	got, _ := os.ReadFile(filepath.Join(dir, "codebook.yaml"))
	for _, keep := range []string{"# Our codebook: keep this comment.", "# rules stay", "keywords: [\"waiting list\"]"} {
		if !strings.Contains(string(got), keep) {
			t.Errorf("lost %q:\n%s", keep, got)
		}
	}
	if strings.Index(string(got), "id: waiting") > strings.Index(string(got), "id: housing") {
		t.Error("order changed")
	}
	cb, probs := themes.Parse("codebook.yaml", got)
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	if h := cb.Lookup("housing"); h == nil || h.Description != "" || strings.EqualFold(h.Colour, "#FF7800") {
		t.Errorf("the study's housing theme was changed: %+v", h)
	}
	if r := cb.Lookup("rent-arrears"); r == nil || r.Parent == nil || r.Parent.ID != "housing" {
		t.Errorf("rent-arrears not added under housing: %+v", r)
	}
}

func TestMergeCodebookSharedExample(t *testing.T) {
	for _, file := range sharedExamples(t, "qdc") {
		if strings.Contains(file, "TRUNCATED") {
			data, _ := os.ReadFile(file)
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "codebook.yaml"), []byte("themes: []\n"), 0o644)
			if _, err := MergeCodebook(file, data, dir); err == nil || !strings.Contains(err.Error(), ".qdc:19:") {
				t.Errorf("truncated codebook: %v", err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "codebook.yaml")); string(b) != "themes: []\n" {
				t.Error("a refused merge changed codebook.yaml")
			}
		}
	}
}
