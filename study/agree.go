package study

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/residentinsight/insight/agree"
	"github.com/residentinsight/insight/agree/units"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/report"
	"github.com/residentinsight/insight/site"
)

// AgreeOptions are the choices of `insight agree`.
type AgreeOptions struct {
	Coders []string // default: every coder
	Theme  string   // this theme and its children; default every theme
	Unit   units.Kind
	Log    io.Writer // the index's one-line messages
}

// Agreement opens what the units need — the stored table for segments and
// documents, the whole study for characters or when text is wanted — and
// rates the units. names maps theme ids to names.
func Agreement(ctx context.Context, src Source, o AgreeOptions, text bool) (units.Input, *units.Set, error) {
	var in units.Input
	if text || o.Unit == units.Character {
		op, err := openClean(ctx, src)
		if err != nil {
			return in, nil, err
		}
		in = units.Input{Table: op.Table, Study: op.Study, Coded: op.Coded, Declared: map[string][]string{}}
		for _, f := range op.Files {
			if f.Declared != nil {
				in.Declared[f.Coder] = f.Declared.Documents
			}
		}
	} else {
		ix, err := OpenIndex(ctx, src, false, o.Log)
		if err != nil {
			return in, nil, err
		}
		defer ix.Close()
		fsys, _ := src.fs()
		decl, err := coding.LoadDeclarations(fsys)
		if err != nil {
			return in, nil, fmt.Errorf("reading the coders' files: %w", err)
		}
		in = units.Input{Table: ix.Table, Declared: decl}
	}
	rows, err := themeRows(in.Table, o.Theme)
	if err != nil {
		return in, nil, err
	}
	coders := o.Coders
	if len(coders) == 0 {
		coders = units.Coders(in)
	}
	set, err := units.Build(in, coders, rows, o.Unit)
	return in, set, err
}

// Agree reports percent agreement, kappa and alpha per theme and overall.
func Agree(in units.Input, set *units.Set) *report.Report {
	t := in.Table
	var ids []string
	var depths []int
	for _, th := range set.Themes {
		ids, depths = append(ids, t.Themes[th]), append(depths, t.Depths[th])
	}
	res := units.Compute(set, ids, depths)
	r := &report.Report{
		Title: fmt.Sprintf("Agreement between %s, by %s", strings.Join(set.Coders, ", "), set.Kind),
		Columns: []report.Column{
			{Key: "theme"}, {Key: "depth", DataOnly: true},
			{Key: "units", Right: true}, {Key: "coded", Header: "coded by any", Right: true},
			{Key: "agreement", Right: true}, {Key: "kappa", Right: true}, {Key: "alpha", Right: true},
			{Key: "alpha_95ci", Header: "alpha 95% ci"}, {Key: "verdict"},
		},
		Data: agreeJSON(res),
	}
	undefined := map[string][]string{}
	add := func(row units.Row, name string) []any {
		s := row.Summary
		cells := []any{name, row.Depth, s.Units, row.Coded, percentCell(s.Percent), statCell(s.Kappa), statCell(s.Alpha), ciCell(s.Alpha), row.Verdict}
		note := func(why string) { undefined[why] = append(undefined[why], name) }
		if row.Coded == 0 {
			note("no compared coder applied the theme, so there is no variation to agree on: kappa and alpha are undefined")
			return cells
		}
		for stat, st := range map[string]agree.Stat{"agreement": s.Percent, "kappa": s.Kappa, "alpha": s.Alpha} {
			if !st.Defined {
				note(stat + " is undefined: " + st.Reason)
			}
		}
		if st := s.Alpha; st.Defined && !st.HasCI && set.Kind != units.Character {
			note("alpha has " + st.CIReason)
		}
		return cells
	}
	for _, row := range res.Rows {
		r.Rows = append(r.Rows, report.Row{Indent: row.Depth, Cells: add(row, row.Theme)})
	}
	r.Footer = []report.Row{{Cells: add(res.Overall, "overall")}}
	r.Notes = agreeNotes(res, set, undefined)
	return r
}

func agreeNotes(res units.Result, set *units.Set, undefined map[string][]string) []string {
	who := strings.Join(set.Coders, " and ")
	var notes []string
	switch set.Kind {
	case units.Segment:
		notes = append(notes, fmt.Sprintf("Units: the %d sentences of the %d documents %s all worked on (facilitators' words left out, as in counts). A coder rated a sentence 1 for a theme when any of their codings for it, or for a child of it, overlaps it.", res.Units, res.Documents, who))
	case units.Document:
		notes = append(notes, fmt.Sprintf("Units: the %d documents %s all worked on. A coder rated a document 1 for a theme when they coded it, or a child of it, anywhere in it (facilitators' words left out).", res.Documents, who))
	case units.Character:
		notes = append(notes, fmt.Sprintf("Units: the %d characters of the %d documents %s all worked on, every character of the text as NVivo counts them (facilitators' words and uncoded text included; withdrawn participants' words left out). Long stretches nobody coded count as agreement, which inflates agreement and kappa; prefer --unit segment. Characters are not independent, so alpha has no interval.", res.Units, res.Documents, who))
	}
	interval := fmt.Sprintf("; its 95%% interval resamples the units %d times (seed fixed, so the figures repeat)", res.Bootstrap.Replicates)
	if set.Kind == units.Character {
		interval = ""
	}
	notes = append(notes,
		"Agreement is the share of pairs of ratings that agree. Kappa is Cohen's (two coders only). Alpha is Krippendorff's nominal alpha"+interval+".",
		"Read alpha as Krippendorff does: at least 0.800 reliable; at least 0.667 tentative conclusions only; below that unreliable.",
		"Overall pools every theme row above: each unit-theme pair is one rating, so a parent and its children both count.")
	for _, why := range slices.Sorted(maps.Keys(undefined)) {
		notes = append(notes, fmt.Sprintf("%s: %s.", strings.Join(undefined[why], ", "), why))
	}
	return notes
}

func statCell(s agree.Stat) string {
	if !s.Defined {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", s.Value)
}

func percentCell(s agree.Stat) any {
	if !s.Defined {
		return "undefined"
	}
	return report.Percent(round(s.Value*100, 1))
}

func ciCell(s agree.Stat) string {
	if !s.HasCI {
		return "-"
	}
	return fmt.Sprintf("%.3f to %.3f", s.Low, s.High)
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// StatJSON is one statistic in `insight agree --format json`: a value, or
// null and the reason it is undefined.
type StatJSON struct {
	Value     *float64 `json:"value"`
	Undefined string   `json:"undefined,omitempty"`
	Low       *float64 `json:"ci_low,omitempty"`
	High      *float64 `json:"ci_high,omitempty"`
	NoCI      string   `json:"no_interval,omitempty"`
}

// AgreeRowJSON is one theme (or the overall row) in JSON.
type AgreeRowJSON struct {
	Theme     string   `json:"theme"`
	Depth     int      `json:"depth"`
	Units     int      `json:"units"`
	Coded     int      `json:"coded"`
	Agreement StatJSON `json:"agreement"`
	Kappa     StatJSON `json:"kappa"`
	Alpha     StatJSON `json:"alpha"`
	Verdict   string   `json:"verdict"`
}

// AgreeJSON is what `insight agree --format json` prints.
type AgreeJSON struct {
	Unit       string         `json:"unit"`
	Coders     []string       `json:"coders"`
	Documents  int            `json:"documents"`
	Units      int            `json:"units"`
	Replicates int            `json:"bootstrap_replicates"`
	Seed       uint64         `json:"bootstrap_seed"`
	Themes     []AgreeRowJSON `json:"themes"`
	Overall    AgreeRowJSON   `json:"overall"`
}

func agreeJSON(res units.Result) *AgreeJSON {
	out := &AgreeJSON{Unit: res.Unit, Coders: res.Coders, Documents: res.Documents, Units: res.Units,
		Replicates: max(res.Bootstrap.Replicates, 0), Seed: res.Bootstrap.Seed, Themes: []AgreeRowJSON{}}
	row := func(r units.Row) AgreeRowJSON {
		return AgreeRowJSON{Theme: r.Theme, Depth: r.Depth, Units: r.Summary.Units, Coded: r.Coded,
			Agreement: statJSON(r.Summary.Percent), Kappa: statJSON(r.Summary.Kappa), Alpha: statJSON(r.Summary.Alpha), Verdict: r.Verdict}
	}
	for _, r := range res.Rows {
		out.Themes = append(out.Themes, row(r))
	}
	out.Overall = row(res.Overall)
	out.Overall.Theme = "overall"
	return out
}

// statJSON rounds to four places, so the output is the same on every CPU.
func statJSON(s agree.Stat) StatJSON {
	if !s.Defined {
		return StatJSON{Undefined: s.Reason}
	}
	f := func(v float64) *float64 { v = round(v, 4); return &v }
	j := StatJSON{Value: f(s.Value), NoCI: s.CIReason}
	if s.HasCI {
		j.Low, j.High = f(s.Low), f(s.High)
	}
	return j
}

// Disagreements reports each unit the coders differ on.
func Disagreements(in units.Input, set *units.Set) (*report.Report, []units.Disagreement, error) {
	ds, err := units.Disagreements(in, set)
	if err != nil {
		return nil, nil, err
	}
	r := &report.Report{
		Title:   fmt.Sprintf("Where %s differ, by %s", strings.Join(set.Coders, ", "), set.Kind),
		Columns: []report.Column{{Key: "doc"}, {Key: "line", Right: true}, {Key: "speaker"}, {Key: "differ", Header: "differ on"}},
		Data:    ds,
		Notes:   []string{fmt.Sprintf("%d of %d units differ. Each coder's cell lists the themes they applied (memos in brackets). --format jsonl writes them for review; see insight agree --help.", len(ds), set.Units)},
	}
	if ds == nil {
		r.Data = []units.Disagreement{}
	}
	if set.Kind == units.Segment {
		r.Columns = append(r.Columns, report.Column{Key: "sentence"})
	}
	for _, c := range set.Coders {
		r.Columns = append(r.Columns, report.Column{Key: c})
	}
	for _, d := range ds {
		speaker := d.Speaker
		if speaker == "" && set.Kind == units.Segment {
			speaker = "(observer)"
		}
		cells := []any{d.Doc, d.Line, speaker, strings.Join(d.Differ, " ")}
		if set.Kind == units.Segment {
			cells = append(cells, oneLine(d.Sentence))
		}
		for _, v := range d.Coders {
			cell := strings.Join(v.Themes, " ")
			if cell == "" {
				cell = "-"
			}
			for _, m := range v.Memos {
				cell += " [" + oneLine(m) + "]"
			}
			cells = append(cells, cell)
		}
		r.Rows = append(r.Rows, report.Row{Cells: cells})
	}
	return r, ds, nil
}

// ApplyResult says what --apply wrote.
type ApplyResult struct {
	File string
	*units.Consensus
}

// ApplyReview turns a reviewed disagreements file into codings/<coder>.jsonl:
// the decided themes where the coders differed, their shared themes
// elsewhere. The file is written whole or not at all, and never replaces a
// coder's file.
func ApplyReview(ctx context.Context, src Source, file, coder string) (*ApplyResult, error) {
	if src.Example {
		return nil, fmt.Errorf("--apply writes a coder's file into a study folder, and the bundled example is read-only: run insight init my-study and apply there")
	}
	if !validCoder(coder) {
		return nil, fmt.Errorf("--coder %q: a coder's name becomes codings/<coder>.jsonl; use letters, digits, '-', '_' or '.'", coder)
	}
	out := filepath.Join(src.Dir, coding.CodingsDir, coder+".jsonl")
	if _, err := os.Lstat(out); err == nil {
		return nil, fmt.Errorf("%s exists; insight never overwrites a coder's file: move it away or choose another --coder", out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	reviews, lines, coders, err := units.ReadReview(file, data)
	if err != nil {
		return nil, err
	}
	in, set, err := Agreement(ctx, src, AgreeOptions{Coders: coders}, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	cons, err := units.MakeConsensus(in, set, file, reviews, lines)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, l := range cons.Lines {
		b.Write(l)
		b.WriteByte('\n')
	}
	if err := writeNew(out, []byte(b.String())); err != nil {
		return nil, err
	}
	return &ApplyResult{File: out, Consensus: cons}, nil
}

func validCoder(s string) bool {
	if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// writeNew writes a file through a temporary file in the same folder and a
// hard link, so it appears whole and never replaces one that appeared since.
func writeNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".agree-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// agreement is what the site's "Coding agreement" page shows: every coder
// compared by sentence over every theme, as plain `insight agree` does.
func agreement(op *Opened) *site.Agreement {
	in := units.Input{Table: op.Table, Study: op.Study, Coded: op.Coded, Declared: declaredDocs(op)}
	coders := units.Coders(in)
	if len(coders) < 2 {
		return &site.Agreement{None: fmt.Sprintf("This study has %d coders' files; agreement needs two or more coders who coded the same transcripts.", len(coders))}
	}
	rows, _ := themeRows(op.Table, "")
	in.Memo, in.RatingsOnly = op.Source.agreeParts(), true
	set, err := units.Build(in, coders, rows, units.Segment)
	if err != nil {
		in.Memo.Abort()
		return &site.Agreement{None: "No agreement to report: " + err.Error() + "."}
	}
	_ = in.Memo.Save() // failing to keep the parts costs the next build time
	var ids []string
	var depths []int
	for _, th := range set.Themes {
		ids, depths = append(ids, op.Table.Themes[th]), append(depths, op.Table.Depths[th])
	}
	res := units.Compute(set, ids, depths)
	return &site.Agreement{Result: &res}
}

// declaredDocs maps each coder whose file declares the documents they
// coded to those documents (coding.Declaration).
func declaredDocs(op *Opened) map[string][]string {
	declared := map[string][]string{}
	for _, f := range op.Files {
		if f.Declared != nil {
			declared[f.Coder] = f.Declared.Documents
		}
	}
	return declared
}

// agreeParts is the study's memo of each document's part of the site's
// agreement, on disk between builds, or nil.
func (s Source) agreeParts() *units.Memo {
	id := programID()
	if s.Example || id == "" {
		return nil
	}
	return units.OpenMemo(filepath.Join(s.cacheDir("agree"), "parts.pack"), id)
}
