package study

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/internal/exampletext"
)

// TestUnchangedStudyIsNotRebuilt: a build whose study, program, options and
// site are all as the last successful build left them does nothing and says
// so; any change to one of them builds again.
func TestUnchangedStudyIsNotRebuilt(t *testing.T) {
	ctx := context.Background()
	dir := exampletext.Copy(t)
	out := filepath.Join(t.TempDir(), "site")
	build := func(when string, opts BuildOptions, wantSkip bool) {
		t.Helper()
		var log bytes.Buffer
		opts.Out, opts.Log = out, &log
		if err := Build(ctx, Source{Dir: dir}, opts); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if skipped := strings.Contains(log.String(), "the site is up to date"); skipped != wantSkip {
			t.Errorf("%s: skipped = %v, want %v (log: %q)", when, skipped, wantSkip, log.String())
		}
	}
	build("first build", BuildOptions{}, false)
	build("nothing changed", BuildOptions{}, true)

	transcript := filepath.Join(dir, "transcripts", "int-001.md")
	exampletext.Append(t, transcript, "\nInterviewer: Thank you, that is all.\n")
	build("a transcript edited", BuildOptions{}, false)
	if data, _ := os.ReadFile(filepath.Join(out, "transcripts", "int-001.html")); !bytes.Contains(data, []byte("that is all")) {
		t.Error("the edited transcript's page lacks the new line")
	}
	build("after the edit", BuildOptions{}, true)

	page := filepath.Join(out, "methods.html")
	exampletext.Append(t, page, "edited in the site")
	build("a page edited in the site", BuildOptions{}, false)
	build("after the site was repaired", BuildOptions{}, true)

	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("a new file in the study"), 0o644)
	build("a file added to the study", BuildOptions{}, false)
	build("accepting personal-data risk", BuildOptions{AcceptPIIRisk: true}, false)
	build("the same again", BuildOptions{AcceptPIIRisk: true}, true)

	os.WriteFile(filepath.Join(out, "mine.txt"), []byte("x"), 0o644)
	if err := Build(ctx, Source{Dir: dir}, BuildOptions{Out: out, AcceptPIIRisk: true}); err == nil || !strings.Contains(err.Error(), "mine.txt") {
		t.Errorf("a site holding a foreign file: err = %v, want the usual refusal naming it", err)
	}
}
