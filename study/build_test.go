package study

import (
	"context"
	"github.com/residentinsight/insight/internal/exampletext"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildKeepsStudyInsideSite is issue 12's F1 as a user met it: a copy
// of the study saved inside a built site, then built into that site. The
// build must refuse and the copy must survive.
func TestBuildKeepsStudyInsideSite(t *testing.T) {
	ctx := context.Background()
	dir := exampletext.Copy(t)
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(ctx, Source{Dir: dir}, BuildOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	inner := filepath.Join(out, "mystudy")
	if err := os.CopyFS(inner, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, inner)
	err := Build(ctx, Source{Dir: inner}, BuildOptions{Out: out})
	if err == nil || !strings.Contains(err.Error(), "inside the output folder") {
		t.Fatalf("building a study into the site that holds it: err = %v, want a refusal", err)
	}
	after := snapshot(t, inner)
	if len(after) != len(before) {
		t.Errorf("the study inside the site had %d files and has %d", len(before), len(after))
	}
	// Another study built into that site is refused too: mystudy is foreign.
	err = Build(ctx, Source{Dir: dir}, BuildOptions{Out: out})
	if err == nil || !strings.Contains(err.Error(), "mystudy/") {
		t.Fatalf("replacing a site holding a study: err = %v, want a refusal naming mystudy/", err)
	}
	if len(snapshot(t, inner)) != len(before) {
		t.Error("the study inside the site lost files")
	}
}
