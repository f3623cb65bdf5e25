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
// with a few examples to judge the rules by. It writes nothing to the study.
func Code(ctx context.Context, src Source, w io.Writer, examples int) error {
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
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
