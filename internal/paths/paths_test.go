package paths

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755)
	os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link"))
	os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling"))
	tests := []struct {
		in, want, err string
	}{
		{in: "real/sub", want: "real/sub"},
		{in: "link", want: "real"},
		{in: "link/sub", want: "real/sub"},
		{in: "link/new/deeper", want: "real/new/deeper"},
		{in: "new", want: "new"},
		{in: "link/../x", want: "x"}, // Abs cleans first, as the shell's cd does
		{in: "dangling/x", err: "missing"},
	}
	for _, tc := range tests {
		got, err := Resolve(filepath.Join(dir, tc.in))
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Resolve(%s) = %q, %v; want an error saying %q", tc.in, got, err, tc.err)
			}
		case err != nil || got != filepath.Join(dir, tc.want):
			t.Errorf("Resolve(%s) = %q, %v; want %s", tc.in, got, err, filepath.Join(dir, tc.want))
		}
	}
}

func TestInside(t *testing.T) {
	for _, tc := range []struct {
		dir, p string
		want   bool
	}{
		{"/a", "/a", true},
		{"/a", "/a/b", true},
		{"/a", "/ab", false},
		{"/a/b", "/a", false},
		{"/a", "/a/..b", true},
		{"/", "/x", true},
	} {
		if got := Inside(tc.dir, tc.p); got != tc.want {
			t.Errorf("Inside(%s, %s) = %v", tc.dir, tc.p, got)
		}
	}
}
