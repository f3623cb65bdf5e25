package privacy

import (
	"strings"
	"testing"

	"github.com/residentinsight/insight/anon"
)

// A memo's findings are placed at their own line and column of the
// codings file, whatever comes before them: other lines, a byte-order
// mark, carriage returns, other findings on the same line, accents.
func TestScanMemosPlacesFindings(t *testing.T) {
	det := anon.NewDetector(anon.Options{})
	memo := `{"doc": "int-001", "theme": "x", "quote": "q", "memo": "é ask Mrs Okafor on 07700 900123, then Mrs Okafor again"}`
	plain := `{"doc": "int-001", "theme": "x", "quote": "q"}`
	for name, data := range map[string]string{
		"first line":   memo + "\n",
		"after others": plain + "\n" + plain + "\n\n" + memo + "\n" + plain,
		"bom and crlf": "\xEF\xBB\xBF" + plain + "\r\n" + memo + "\r\n",
		"lone cr":      plain + "\n" + memo + "\n" + plain + "\r",
	} {
		ms := scanMemos(det, "codings/x.jsonl", []byte(data), map[string]*piiEntry{}, nil)
		if len(ms) < 3 {
			t.Fatalf("%s: %d findings, want the name twice and the phone: %+v", name, len(ms), ms)
		}
		lines := strings.Split(normalise([]byte(data)), "\n")
		for _, m := range ms {
			line := []rune(lines[m.Line-1])
			at := string(line[m.Col-1 : min(len(line), m.Col-1+len([]rune(m.Text)))])
			if at != m.Text || lines[m.Line-1] != memo {
				t.Errorf("%s: %q placed at %d:%d, where the file has %q", name, m.Text, m.Line, m.Col, at)
			}
		}
	}
}
