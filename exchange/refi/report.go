package refi

import (
	"fmt"
	"sort"
	"strings"
)

// Report says what an import brought in, what it could not represent and
// how positions were read. Nothing in the file is dropped without a line
// here.
type Report struct {
	File   string // the file imported
	Origin string // the program that wrote it, as it says

	Themes     int
	Documents  int
	Selections int // text selections that became codings
	Codings    int // lines written to codings/*.jsonl
	// Selection names compared with their quotes (ATLAS.ti names a
	// selection after its text), and how many differed.
	NamesChecked, NamesMismatched int
	ByCoder                       map[string]int // coder file name -> codings
	Participants                  int
	Memos                         int

	Units []UnitChoice
	// Skipped counts what insight cannot represent, by kind.
	Skipped []Skip
	Notes   []string // other things worth knowing (renamed ids, conversions)
}

// UnitChoice is the position reading chosen for one text source.
type UnitChoice struct {
	Doc        string
	Reading    Reading
	Selections int
	Why        string
}

// Skip is one kind of thing left out, with how many.
type Skip struct {
	What string
	N    int
}

func (r *Report) skip(what string, n int) {
	if n == 0 {
		return
	}
	for i := range r.Skipped {
		if r.Skipped[i].What == what {
			r.Skipped[i].N += n
			return
		}
	}
	r.Skipped = append(r.Skipped, Skip{what, n})
}

// Skips returns the count for one kind (0 when none).
func (r *Report) Skips(what string) int {
	for _, s := range r.Skipped {
		if s.What == what {
			return s.N
		}
	}
	return 0
}

func (r *Report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// Summary is the few lines printed at the end of an import.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "imported %s", r.File)
	if r.Origin != "" {
		fmt.Fprintf(&b, " (written by %s)", r.Origin)
	}
	fmt.Fprintf(&b, ": %d themes, %d transcripts, %d codings by %d coders, %d participants, %d memos\n",
		r.Themes, r.Documents, r.Codings, len(r.ByCoder), r.Participants, r.Memos)
	if len(r.Units) > 0 {
		count := map[Reading]int{}
		var order []Reading
		for _, u := range r.Units {
			if count[u.Reading] == 0 {
				order = append(order, u.Reading)
			}
			count[u.Reading]++
		}
		for _, rd := range order {
			fmt.Fprintf(&b, "positions read as %s in %d of %d sources with selections\n", rd, count[rd], len(r.Units))
		}
	}
	if len(r.Skipped) == 0 {
		b.WriteString("nothing left out: everything in the file is in the study\n")
	} else {
		b.WriteString("not represented in insight, left out:\n")
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "  %6d  %s\n", s.N, s.What)
		}
	}
	return b.String()
}

// Markdown is import-report.md.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Import report\n\nImported from `%s`", r.File)
	if r.Origin != "" {
		fmt.Fprintf(&b, ", written by %s", r.Origin)
	}
	b.WriteString(".\n\n## What came in\n\n")
	fmt.Fprintf(&b, "| what | count |\n| --- | ---: |\n| themes (codebook.yaml) | %d |\n| transcripts | %d |\n| codings | %d |\n| participants (participants.csv, from cases) | %d |\n| memos (memos/) | %d |\n\n",
		r.Themes, r.Documents, r.Codings, r.Participants, r.Memos)
	if len(r.ByCoder) > 0 {
		b.WriteString("| coder file | codings |\n| --- | ---: |\n")
		names := make([]string, 0, len(r.ByCoder))
		for n := range r.ByCoder {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "| codings/%s.jsonl | %d |\n", n, r.ByCoder[n])
		}
		b.WriteString("\n")
	}
	b.WriteString("## Left out: not represented in insight\n\n")
	if len(r.Skipped) == 0 {
		b.WriteString("Nothing: everything in the file is in the study.\n\n")
	} else {
		b.WriteString("| what | count |\n| --- | ---: |\n")
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "| %s | %d |\n", s.What, s.N)
		}
		b.WriteString("\n")
	}
	if len(r.Units) > 0 {
		b.WriteString("## How selection positions were read\n\nEach text source's positions were read in the unit that made its selections line up with the text (a selection named after its quote, or starting and ending on word boundaries).\n\n| transcript | selections | positions counted in | why |\n| --- | ---: | --- | --- |\n")
		for _, u := range r.Units {
			fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", u.Doc, u.Selections, u.Reading, u.Why)
		}
		b.WriteString("\n")
	}
	if len(r.Notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}
