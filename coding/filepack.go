package coding

import (
	"strings"

	"github.com/residentinsight/insight/diag"
)

// packedFile is a coder's file as the cache on disk keeps it: each
// distinct document id, theme id and memo once, and the quotes one after
// another in one string. Decoded, its records share those strings, where
// a file of Records decoded with a string of each field per line held
// the dense benchmark's codings four times over (issue 11).
type packedFile struct {
	Coder    string
	File     string // every record's File: ParseFile gives them one
	Declared *Declaration
	Probs    diag.List
	Strings  []string
	Quotes   string
	Recs     []packedRecord
}

type packedRecord struct {
	Doc, Theme, Memo int32 // indexes into Strings
	Quote            int   // bytes of its quote, after the one before's in Quotes
	Start, End, Line int
}

func pack(c cachedFile) packedFile {
	p := packedFile{Coder: c.F.Coder, Declared: c.F.Declared, Probs: c.Probs, Recs: make([]packedRecord, len(c.F.Records))}
	index := map[string]int32{}
	str := func(s string) int32 {
		i, ok := index[s]
		if !ok {
			i = int32(len(p.Strings))
			index[s] = i
			p.Strings = append(p.Strings, s)
		}
		return i
	}
	var quotes strings.Builder
	n := 0
	for _, r := range c.F.Records {
		n += len(r.Quote)
	}
	quotes.Grow(n) // once: grown by doubling, a dense coder's quotes were held twice over
	for i, r := range c.F.Records {
		p.File = r.File
		quotes.WriteString(r.Quote)
		p.Recs[i] = packedRecord{Doc: str(r.Doc), Theme: str(r.Theme), Memo: str(r.Memo), Quote: len(r.Quote), Start: r.Start, End: r.End, Line: r.Line}
	}
	p.Quotes = quotes.String()
	return p
}

// valid reports whether every record's strings are in the pack.
func (p *packedFile) valid() bool {
	n, quotes := int32(len(p.Strings)), len(p.Quotes)
	for _, r := range p.Recs {
		if min(r.Doc, r.Theme, r.Memo) < 0 || max(r.Doc, r.Theme, r.Memo) >= n || r.Quote < 0 || r.Quote > quotes {
			return false
		}
		quotes -= r.Quote
	}
	return true
}

// unpackInto writes the records of a valid pack to dst, len(p.Recs) long.
func (p *packedFile) unpackInto(dst []Record) {
	off := 0
	for i, r := range p.Recs {
		dst[i] = Record{
			Doc: p.Strings[r.Doc], Theme: p.Strings[r.Theme], Quote: p.Quotes[off : off+r.Quote],
			Start: r.Start, End: r.End, Memo: p.Strings[r.Memo],
			Coder: p.Coder, File: p.File, Line: r.Line,
		}
		off += r.Quote
	}
}
