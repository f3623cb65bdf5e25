package corpus

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/residentinsight/insight/diag"
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
	docs := parseAll(ctx, fsys, files, name, &probs)
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
func parseAll(ctx context.Context, fsys fs.FS, files []string, name func(string) string, probs *diag.List) []*Document {
	type result struct {
		doc   *Document
		probs diag.List
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				file := name(files[i])
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					results[i].probs.Errorf(file, 0, "cannot be read: %v", err)
					continue
				}
				d, p := parseTranscript(file, data)
				if d != nil {
					d.Path = files[i]
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
// facilitators and participants, and withholds the words of participants
// who withdrew consent.
func (st *Study) assignRoles(name func(string) string, probs *diag.List) {
	facilitators := map[string]bool{}
	for _, f := range st.Config.Facilitators {
		facilitators[strings.ToLower(f)] = true
	}
	participants := map[string]*Participant{}
	for i, p := range st.Participants {
		key := strings.ToLower(p.ID)
		participants[key] = &st.Participants[i]
		if facilitators[key] {
			probs.Warnf(name("participants.csv"), p.Line, "id %q is also a facilitator in insight.yaml; turns labelled %q are read as the facilitator's: rename one of them", p.ID, p.ID)
		}
	}
	for _, d := range st.Documents {
		warned := map[string]bool{}
		withdrawn, others := false, false
		for i := range d.Turns {
			t := &d.Turns[i]
			if t.Role == RoleObserver {
				continue
			}
			key := strings.ToLower(t.Speaker)
			switch p := participants[key]; {
			case facilitators[key]:
				t.Role = RoleFacilitator
			case p != nil:
				t.Role = RoleParticipant
				t.Withheld = p.Withdrawn
				withdrawn = withdrawn || p.Withdrawn
				others = others || !p.Withdrawn
			default:
				t.Role = RoleUnlisted
				others = true
				if !warned[key] {
					warned[key] = true
					probs.Warnf(name(d.Path), d.Line(t.Start), "speaker %q is not in participants.csv; counted as a participant of this document only", t.Speaker)
				}
			}
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
}
