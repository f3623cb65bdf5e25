package privacy

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/residentinsight/insight/example"
)

// TestScanContactsNotes finds personal data in contacts.csv's notes, with
// file:line, and never reads a withdrawn participant's rows.
func TestScanContactsNotes(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, example.Study()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "contacts.csv")
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("H01,P01,2025-09-09,housing,visit,,case file,rang her on 07700 900123\n")
	f.WriteString("H09,P09,2025-09-09,housing,visit,,case file,rang her on 07700 900456\n")
	f.Close()
	rep, err := Scan(context.Background(), dirSource(dir), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found, withdrawn := false, false
	for _, fd := range rep.Findings {
		if fd.File == "contacts.csv" && fd.Kind == "phone" {
			found = found || fd.Text == "07700 900123" && fd.Line > 100
			withdrawn = withdrawn || fd.Text == "07700 900456"
		}
	}
	if !found || withdrawn {
		t.Errorf("contacts.csv notes: phone found %v, withdrawn participant's row read %v; findings: %+v", found, withdrawn, rep.Findings)
	}
}
