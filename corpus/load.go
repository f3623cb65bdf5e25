package corpus

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/cachekey"
)

// Load reads a study folder from fsys (rooted at the folder). dir is how
// the user named the folder and only prefixes file names in messages. Load
// keeps going past broken files so that one run reports every problem; a
// document with errors is left out of the study.
//
// A document withheld for consent stays in Documents with Withheld set and
// no segments, so that codings pointing into it are not reported as orphans;
// everything derived must skip it.
func Load(ctx context.Context, fsys fs.FS, dir string) (*Study, diag.List) {
	return LoadCached(ctx, fsys, dir, nil)
}

// LoadCached is Load taking the transcripts it has parsed before from
// cache (nil for none) and adding the ones it parses; cache.Save keeps
// them for the next load.
func LoadCached(ctx context.Context, fsys fs.FS, dir string, cache *ParseCache) (*Study, diag.List) {
	var probs diag.List
	name := func(rel string) string {
		if dir == "" {
			return rel
		}
		return strings.TrimSuffix(dir, "/") + "/" + rel
	}
	st := &Study{Dir: dir}

	if data, err := fs.ReadFile(fsys, "insight.yaml"); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			probs.Errorf(name("insight.yaml"), 0, "is missing: every study folder needs one; run `insight init` to create it")
		} else {
			probs.Errorf(name("insight.yaml"), 0, "cannot be read: %v", err)
		}
	} else {
		cfg, p := ParseConfig(name("insight.yaml"), data)
		st.Config = cfg
		probs.Add(p...)
	}

	if data, err := fs.ReadFile(fsys, "participants.csv"); err == nil {
		ps, p := ParseParticipants(name("participants.csv"), data)
		st.Participants = ps
		probs.Add(p...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		probs.Errorf(name("participants.csv"), 0, "cannot be read: %v", err)
	}

	files := transcriptFiles(fsys, name, &probs)
	if cache != nil {
		cache.startLoad(st)
	}
	docs := parseAll(ctx, fsys, files, name, cache, &probs)
	if err := ctx.Err(); err != nil {
		probs.Errorf(name("transcripts"), 0, "reading stopped: %v", err)
		return st, probs
	}

	byID := map[string]string{}
	for _, d := range docs {
		if prev, dup := byID[d.ID]; dup {
			probs.Errorf(name(d.Path), 1, "document id %q is also used by %s: give one of them another id (rename the file or set id: in its front matter)", d.ID, name(prev))
			continue
		}
		byID[d.ID] = d.Path
		st.Documents = append(st.Documents, d)
	}
	sort.Slice(st.Documents, func(i, j int) bool { return st.Documents[i].ID < st.Documents[j].ID })
	st.assignRoles(name, &probs)
	if cache != nil {
		for _, d := range st.Documents {
			if d.HasWithheld() {
				cache.forget(d)
			}
		}
	}
	for i, d := range st.Documents {
		for s := range d.Segments {
			d.Segments[s].Doc = i
		}
	}
	probs.Sort()
	return st, probs
}

// transcriptFiles lists the transcript files under transcripts/ (see
// IsTranscript), sorted.
func transcriptFiles(fsys fs.FS, name func(string) string, probs *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, "transcripts", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == "transcripts" {
				return err
			}
			probs.Errorf(name(p), 0, "cannot be read: %v", err)
			return nil
		}
		base := path.Base(p)
		if !utf8.ValidString(p) {
			// No fs.FS opens such a name. A transcript is evidence, so this
			// stops the build rather than leaving it out.
			q := strconv.Quote(p)
			probs.Errorf(name(q[1:len(q)-1]), 0, "its name is not valid UTF-8, so it cannot be read: rename it")
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(base, ".") && p != "transcripts" {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and OS clutter such as .DS_Store
		}
		if e.IsDir() {
			return nil
		}
		switch ext := strings.ToLower(path.Ext(base)); {
		case IsTranscript(base):
			files = append(files, p)
		case ext == ".doc" || ext == ".rtf" || ext == ".odt":
			probs.Warnf(name(p), 0, "is not read: save it from your word processor as Word (.docx) or plain text (.txt)")
		default:
			probs.Warnf(name(p), 0, "is not read: transcripts must be %s files; save it in one of those formats", strings.Join(TranscriptExtensions(), ", "))
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		probs.Errorf(name("transcripts"), 0, "folder is missing: create it and put one file in it (.md, .txt, .docx, .vtt or .srt) per interview, focus group or set of field notes")
	} else if err != nil {
		probs.Errorf(name("transcripts"), 0, "cannot be read: %v", err)
	} else if len(files) == 0 {
		probs.Warnf(name("transcripts"), 0, "has no transcripts yet (.md, .txt, .docx, .vtt or .srt)")
	}
	sort.Strings(files)
	return files
}

// parseAll reads and parses files on GOMAXPROCS workers. Documents with
// errors are left out; results keep the order of files.
func parseAll(ctx context.Context, fsys fs.FS, files []string, name func(string) string, cache *ParseCache, probs *diag.List) []*Document {
	type result struct {
		doc   *Document
		probs diag.List
	}
	results := make([]result, len(files))
	stamped := cache != nil && cache.tracksStats()
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				file := name(files[i])
				// The cache knows the key of a file whose size and times
				// are unchanged, without reading it (filestat.go).
				var info fs.FileInfo
				if stamped {
					if fi, err := fs.Stat(fsys, files[i]); err == nil {
						if key, ok := cache.knownKey(files[i], fi); ok {
							if d, p, ok := cache.get(key, file); ok {
								results[i] = result{d, p}
								continue
							}
						}
						info = fi
					}
				}
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					results[i].probs.Errorf(file, 0, "cannot be read: %v", err)
					continue
				}
				var key cachekey.Sum
				if cache != nil {
					key = parseKey(files[i], data)
					if info != nil {
						cache.noteKey(files[i], info, key)
					}
					if d, p, ok := cache.get(key, file); ok {
						results[i] = result{d, p}
						continue
					}
				}
				d, p := parseTranscript(file, data)
				if d != nil {
					d.Path = files[i]
				}
				if cache != nil {
					cache.put(key, file, d, p)
				}
				results[i] = result{d, p}
			}
		}()
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()

	var docs []*Document
	for _, r := range results {
		probs.Add(r.probs...)
		if r.doc != nil && !r.probs.HasErrors() {
			docs = append(docs, r.doc)
		}
	}
	return docs
}

// assignRoles decides each labelled turn's role from the study's
// facilitators and participants (see speakers.resolve), and withholds the
// words of participants who withdrew consent. Consent fails closed: a turn
// whose label is within one edit of a withdrawn participant's id is
// withheld too, and a line that looks like a label but is not one is an
// error, since its words would otherwise join the previous speaker's turn.
func (st *Study) assignRoles(name func(string) string, probs *diag.List) {
	sp := newSpeakers(st)
	for _, p := range st.Participants {
		if f, ok := sp.facilitators[labelKey(p.ID)]; ok && p.Withdrawn {
			probs.Warnf(name("participants.csv"), p.Line, "id %q, who withdrew consent, is also a facilitator in insight.yaml (%q); turns labelled %q are withheld as theirs: rename one of them", p.ID, f, p.ID)
		} else if ok {
			probs.Warnf(name("participants.csv"), p.Line, "id %q is also a facilitator in insight.yaml (%q); turns labelled %q are read as the facilitator's: rename one of them", p.ID, f, p.ID)
		} else if q := sp.participants[labelKey(p.ID)]; q.ID != p.ID {
			probs.Warnf(name("participants.csv"), p.Line, "ids %q and %q read the same as speaker labels; turns of either are read as %q's: rename one of them", q.ID, p.ID, q.ID)
		}
	}
	for _, d := range st.Documents {
		for _, s := range d.suspects {
			if why := sp.suspect(s.prefix); why != "" {
				probs.Errorf(name(d.Path), s.line, "%q looks like a speaker label (%s) but is not one, so the line would join the previous speaker's turn: write the label as `P09:`, `P09 (mum):` or `**P09**:` (see Speaker turns in docs/study-format.md)", s.prefix, why)
			}
		}
		st.resolveTurns(d, sp, name, probs)
	}
}

// resolveTurns sets the role of each turn of d and withholds what consent requires.
func (st *Study) resolveTurns(d *Document, sp *speakers, name func(string) string, probs *diag.List) {
	warned := map[string]bool{}
	withdrawn, others := false, false
	for i := range d.Turns {
		t := &d.Turns[i]
		if t.Role == RoleObserver {
			continue
		}
		r := sp.resolve(t.Speaker)
		label := t.Speaker
		t.Role, t.Speaker = r.role, r.name
		switch {
		case r.participant != nil:
			t.Withheld = r.participant.Withdrawn
		case r.near != nil:
			t.Withheld = true
			if !warned[label] {
				warned[label] = true
				probs.Warnf(name(d.Path), d.Line(t.Start), "speaker %q is not in participants.csv and is within one letter of %q, who withdrew consent, so the turn is withheld: if it is someone else, add them to participants.csv", label, r.near.ID)
			}
		case r.role == RoleUnlisted && !warned[label]:
			warned[label] = true
			probs.Warnf(name(d.Path), d.Line(t.Start), "speaker %q is not in participants.csv; counted as a participant of this document only", label)
		}
		withdrawn = withdrawn || t.Withheld
		others = others || !t.Withheld && r.role != RoleFacilitator
	}
	d.Withheld = withdrawn && !others
	kept := d.Segments[:0]
	for _, s := range d.Segments {
		if d.Withheld || d.Turns[s.Turn].Withheld {
			st.Withheld++
			continue
		}
		kept = append(kept, s)
	}
	d.Segments = kept
	if d.Withheld {
		for i := range d.Turns {
			d.Turns[i].Withheld = true
		}
	}
}
