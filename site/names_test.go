package site

import (
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	n := newNames("index")
	tests := []struct{ in, want string }{
		{"int-001", "int-001"},
		{"index", "index_2"},
		{"INT-001", "INT-001_2"}, // case-insensitive file systems
		{"../../etc/passwd", "______etc_passwd"},
		{"a b/c", "a_b_c"},
		{"", "_"},
		{"", "__2"},
		{"café", "caf_"},
		{"<script>", "_script_"},
		// Names of up to 8 bytes are kept packed, longer ones as text:
		// either way case is ignored, and lengths never mix.
		{"sAbCdEfG", "sAbCdEfG"},
		{"SaBcDeFg", "SaBcDeFg_2"},
		{"sAbCdEfGh", "sAbCdEfGh"},
		{"SABCDEFGH", "SABCDEFGH_2"},
		{"a", "a"},
		{"A", "A_2"},
		{"aa", "aa"},
		{"_a", "_a"},
	}
	for _, tt := range tests {
		if got := n.take(tt.in); got != tt.want {
			t.Errorf("take(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSegmentAnchor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"int-001/0a1b2c3d", "sChssPQ"}, // base64url of the hash's 4 bytes
		{"int-001/0a1b2c3d-2", "sChssPQ-2"},
		{"d/fbffbeef", "s-_--7w"},
		{"d/0a1b2c3", "s-0a1b2c3"}, // not 4 bytes of hex: kept
		{"d/0a1b2c3g", "s-0a1b2c3g"},
		{"a/b/\"onmouseover", "s-_onmouseover"},
		{"plain", "s-plain"},
		{"d/" + strings.Repeat("a", 80), "s-" + strings.Repeat("a", 80)},
		{"d/" + strings.Repeat("a", 81), "s-" + strings.Repeat("a", 80)},
		{"d/" + strings.Repeat("a", 79) + "é", "s-" + strings.Repeat("a", 79) + "_"},
	}
	for _, tt := range tests {
		if got := segmentAnchor(tt.in); got != tt.want {
			t.Errorf("segmentAnchor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
