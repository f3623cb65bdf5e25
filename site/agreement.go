package site

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/residentinsight/insight/agree"
	"github.com/residentinsight/insight/agree/units"
)

// Agreement is what the "Coding agreement" page shows: package agree's
// results as `insight agree` computes them, passed in so the site and the
// command always say the same. Result is nil when there is nothing to
// compare, and None says why.
type Agreement struct {
	Result *units.Result
	None   string
}

// agreeRow is one theme's agreement, formatted for a page.
type agreeRow struct {
	Theme                          themeRef
	Depth                          int
	Units, Coded                   int
	Agreement, Kappa, Alpha, Range string
	Verdict, Why                   string
}

type agreementView struct {
	Coders    string
	Unit      string
	Documents int
	Units     int
	Rows      []agreeRow
	Overall   agreeRow
	None      string
}

// verdicts put Krippendorff's reading of alpha in plain words.
var verdicts = map[string]string{
	"reliable":    "reliable: coders apply it alike",
	"tentative":   "tentative: draw only tentative conclusions",
	"unreliable":  "unreliable: coders apply it differently",
	"cannot tell": "cannot tell",
}

func (b *builder) agreeRow(r units.Row) agreeRow {
	s := r.Summary
	row := agreeRow{Theme: b.themeRef[r.Theme], Depth: r.Depth, Units: s.Units, Coded: r.Coded,
		Agreement: percentText(s.Percent), Kappa: statText(s.Kappa), Alpha: statText(s.Alpha), Verdict: verdicts[r.Verdict]}
	if s.Alpha.HasCI {
		row.Range = fmt.Sprintf("%.3f to %.3f", s.Alpha.Low, s.Alpha.High)
	}
	switch {
	case r.Coded == 0:
		row.Why = "No compared coder applied it."
	case !s.Alpha.Defined:
		row.Why = "Alpha is undefined: " + s.Alpha.Reason + "."
	case !s.Alpha.HasCI && s.Alpha.CIReason != "":
		row.Why = "No interval: " + strings.TrimPrefix(s.Alpha.CIReason, "no interval: ") + "."
	}
	return row
}

func statText(s agree.Stat) string {
	if !s.Defined {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", s.Value)
}

func percentText(s agree.Stat) string {
	if !s.Defined {
		return "undefined"
	}
	return fmt.Sprintf("%.1f%%", s.Value*100)
}

// agreement is Input.Agreement's, or nil when there is none.
func (b *builder) agreement() *Agreement {
	if b.in.Agreement == nil {
		return nil
	}
	return b.in.Agreement()
}

// themeAgreement is the agreement row of one theme, if there is one.
func (b *builder) themeAgreement(id string) *agreeRow {
	a := b.agreement()
	if a == nil || a.Result == nil {
		return nil
	}
	for _, r := range a.Result.Rows {
		if r.Theme == id {
			row := b.agreeRow(r)
			return &row
		}
	}
	return nil
}

func (b *builder) agreementPage() ([]byte, error) {
	v := agreementView{None: "This study has fewer than two coders' files, so there is no agreement to report."}
	if a := b.agreement(); a != nil {
		v.None = a.None
		if r := a.Result; r != nil {
			v.Coders, v.Unit, v.Documents, v.Units = strings.Join(r.Coders, " and "), r.Unit, r.Documents, r.Units
			for _, row := range r.Rows {
				v.Rows = append(v.Rows, b.agreeRow(row))
			}
			v.Overall = b.agreeRow(r.Overall)
		}
	}
	return b.exec("agreement", "Coding agreement", "", v)
}

// excerpt shortens text to about n characters at a word boundary.
func excerpt(s string, n int) string {
	if len(s) <= n && plainWords(s) {
		return s // what the rest would make of it, without its copies: every memo's quote passes here
	}
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// plainWords reports whether s is words with single spaces between
// them: no other space (unicode.IsSpace), no control byte, valid UTF-8.
// excerpt returns such a string as it is when it is short.
func plainWords(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || unicode.IsSpace(r) {
				return false
			}
			i += size - 1
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < 0x21 || c == 0x7f:
			return false
		}
	}
	return true
}
