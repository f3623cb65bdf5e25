// Command synth writes a deterministic synthetic study for benchmarks:
//
//	go run ./tools/synth -o DIR [-docs N -words N -themes N -coders N -seed N -withdrawn N -pii N -families N -contacts N -dense]
//
// It is a developer tool, not part of the insight CLI. It refuses to write
// into a folder that is not empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/residentinsight/insight/internal/synth"
)

func main() {
	d := synth.Default()
	out := flag.String("o", "", "folder to write the study into (must be new or empty)")
	flag.IntVar(&d.Docs, "docs", d.Docs, "number of transcripts")
	flag.IntVar(&d.WordsPerDoc, "words", d.WordsPerDoc, "words per transcript")
	flag.IntVar(&d.Themes, "themes", d.Themes, "number of themes in the codebook")
	flag.IntVar(&d.Coders, "coders", d.Coders, "number of coders' files")
	flag.Int64Var(&d.Seed, "seed", d.Seed, "random seed; the same options give byte-identical files")
	flag.IntVar(&d.Withdrawn, "withdrawn", d.Withdrawn, "participants with consent withdrawn")
	flag.IntVar(&d.PlantPII, "pii", d.PlantPII, "personal identifiers to plant, for benchmarking the anonymisation guard")
	flag.IntVar(&d.Families, "families", d.Families, "families in contacts.csv (0: no contacts)")
	flag.IntVar(&d.ContactsPerFamily, "contacts", 200, "contacts per family")
	flag.BoolVar(&d.Dense, "dense", false, "every coder codes every codeable sentence (the dense benchmark shape)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/synth -o DIR [-docs N -words N -themes N -coders N -seed N -withdrawn N -pii N -families N -contacts N -dense]")
		os.Exit(2)
	}
	if err := synth.Write(*out, d); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
