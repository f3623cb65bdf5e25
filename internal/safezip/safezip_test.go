package safezip

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	for name, bad := range map[string]bool{
		"word/document.xml": false, "Sources/a..b.txt": false, "a/.../b": false,
		"../x": true, "a/../../x": true, "a/..": true, "/etc/passwd": true, `C:\x`: true, "C:/x": true, `a\b`: true,
	} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.CreateHeader(&zip.FileHeader{Name: name})
		zw.Close()
		_, err := Open(buf.Bytes(), Limits{})
		if bad != (err != nil) {
			t.Errorf("%q: err = %v, want refused = %v", name, err, bad)
		}
		if err != nil && !strings.Contains(err.Error(), "refused") {
			t.Errorf("%q: error %q does not say it was refused", name, err)
		}
	}
}

func TestReadWithinLimits(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("a.txt")
	w.Write([]byte("hello"))
	zw.Close()
	a, err := Open(buf.Bytes(), Limits{Total: 5, Entry: 5})
	if err != nil {
		t.Fatal(err)
	}
	if data, err := a.Read("a.txt"); err != nil || string(data) != "hello" {
		t.Errorf("read %q, %v", data, err)
	}
	if _, err := a.Read("b.txt"); err == nil {
		t.Error("read a missing entry")
	}
	if _, err := Open(buf.Bytes(), Limits{Total: 4}); err == nil {
		t.Error("5 bytes accepted under a 4-byte total")
	}
}
