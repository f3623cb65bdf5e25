package study

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/residentinsight/insight/coding"
)

// Code prints, per theme, what the codebook's auto-coding rules add: the
// segments they code and how many of those no person coded with that theme,
// with a few examples to judge the rules by. When suggest > 0 it then
// suggests up to that many new keywords per theme (see coding.Suggest). It
// writes nothing to the study.
func Code(ctx context.Context, src Source, w io.Writer, examples, suggest int) error {
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
	if err := printRuleGains(op, w, examples); err != nil {
		return err
	}
	if suggest <= 0 {
		return nil
	}
	tagger, err := coding.NewProseTagger()
	if err != nil {
		return err
	}
	sugs, err := coding.Suggest(ctx, op.Study, op.Codebook, op.Coded, tagger, suggest)
	if err != nil {
		return fmt.Errorf("suggesting keywords: %w", err)
	}
	return printSuggestions(op, w, sugs)
}

func printRuleGains(op *Opened, w io.Writer, examples int) error {
	type tally struct {
		auto, novel int
		samples     []string
	}
	byTheme := map[string]*tally{}
	for di, d := range op.Study.Documents {
		for si, seg := range d.Segments {
			human := map[string]bool{}
			autoThemes := map[string]bool{}
			for _, ai := range op.Coded.SegmentApps[di][si] {
				a := op.Coded.Apps[ai]
				if a.Source == coding.SourceAuto {
					autoThemes[a.Theme] = true
				} else {
					human[a.Theme] = true
				}
			}
			for th := range autoThemes {
				t := byTheme[th]
				if t == nil {
					t = &tally{}
					byTheme[th] = t
				}
				t.auto++
				if !human[th] {
					t.novel++
					if len(t.samples) < examples {
						t.samples = append(t.samples, fmt.Sprintf("%s:%d: %s", d.Path, d.Line(seg.Start), excerpt(d.Body[seg.Start:seg.End], 100)))
					}
				}
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "THEME\tAUTO-CODED SEGMENTS\tNOT CODED BY A PERSON")
	for _, th := range op.Codebook.All {
		if t := byTheme[th.ID]; t != nil {
			fmt.Fprintf(tw, "%s%s\t%d\t%d\n", strings.Repeat("  ", th.Depth), th.ID, t.auto, t.novel)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, th := range op.Codebook.All {
		if t := byTheme[th.ID]; t != nil && len(t.samples) > 0 {
			fmt.Fprintf(w, "\n%s — examples the rules add:\n", th.ID)
			for _, s := range t.samples {
				fmt.Fprintf(w, "  %s\n", s)
			}
		}
	}
	if len(byTheme) == 0 {
		fmt.Fprintln(w, "The codebook's keywords and patterns code nothing in this study.")
		return nil
	}
	fmt.Fprintln(w, "\nRule hits no person coded are suggestions: not counted or quoted until accepted.\nReview them on each theme's site page, then: insight code STUDY --accept THEME --coder NAME")
	return nil
}

// printSuggestions lists each theme's suggested keywords with the evidence
// an author needs to judge them: how often in its coded text, how often
// elsewhere, and where to look.
func printSuggestions(op *Opened, w io.Writer, sugs []coding.ThemeSuggestions) error {
	fmt.Fprintf(w, "\nSuggested keywords (nouns and noun phrases typical of what people coded; codebook.yaml is not changed):\n")
	if len(sugs) == 0 {
		fmt.Fprintf(w, "  none: no theme has %d or more segments coded by a person yet.\n", coding.SuggestMinCoded)
		return nil
	}
	for _, ts := range sugs {
		fmt.Fprintf(w, "\n%s (%d coded segments)\n", ts.Theme, ts.Coded)
		if len(ts.Suggestions) == 0 {
			fmt.Fprintln(w, "  no noun or noun phrase is typical enough of this theme")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  KEYWORD\tCODED\tELSEWHERE\tEXAMPLE")
		for _, s := range ts.Suggestions {
			d := op.Study.Documents[s.Example.Doc]
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s:%d\n", s.Phrase, s.Coded, s.Elsewhere, d.Path, d.Line(d.Segments[s.Example.Seg].Start))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Accept appends the current keyword and pattern suggestions of theme (and
// its children), or of every theme when theme is "all", to coder's file in
// the study, so a person's review turns them into evidence. It prints how
// many it added; lines already in the file are never changed, and a
// suggestion the file already holds is not added twice.
func Accept(ctx context.Context, src Source, w io.Writer, theme, coder string) error {
	if src.Example {
		return fmt.Errorf("--accept writes to the study's codings/ folder; the bundled example cannot be changed (insight init my-study makes a copy)")
	}
	if _, err := coding.CoderFile(src.Dir, coder); err != nil {
		return err
	}
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
	keep := func(string) bool { return true }
	if theme != "all" {
		if op.Codebook.Lookup(theme) == nil {
			return fmt.Errorf("--accept %q: no such theme; give a theme id from %s or all", theme, op.Codebook.File)
		}
		keep = func(id string) bool { return id == theme || op.Codebook.IsAncestor(theme, id) }
	}
	recs := coding.Suggestions(op.Study, op.Coded, keep)
	n, err := coding.AppendRecords(src.Dir, coder, recs)
	if err != nil {
		return err
	}
	path, _ := coding.CoderFile(src.Dir, coder)
	fmt.Fprintf(w, "accepted %d keyword suggestions into %s (%d were already there)\n", n, path, len(recs)-n)
	return nil
}
