package coding

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The coder-file writer: the only code in insight that writes a study's
// codings. It never rewrites a line it was not asked to change: every
// change is a read of the whole file, an edit of its bytes, and an atomic
// replace (a temporary file in the same folder, fsync, rename, fsync of the
// folder), under a lock file, so a crash leaves the old file or the new one
// and two writers never lose each other's lines.

// coderName is what a coder's name may be: it becomes a file name.
var coderName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// reservedCoders are source names that mean something else in a filter.
var reservedCoders = map[string]bool{SourceInline: true, SourceAuto: true, "all": true}

// CoderFile returns the path of coder's file, codings/<coder>.jsonl, in the
// study folder dir, or an error saying what a coder's name may be.
func CoderFile(dir, coder string) (string, error) {
	if !coderName.MatchString(coder) || strings.HasSuffix(coder, ".jsonl") {
		return "", fmt.Errorf("coder name %q: use letters, digits, '-', '_' or '.', starting with a letter or digit (it names codings/<coder>.jsonl)", coder)
	}
	if reservedCoders[strings.ToLower(coder)] {
		return "", fmt.Errorf("coder name %q is reserved (inline, auto and all name other sources); choose a person's name", coder)
	}
	return filepath.Join(dir, CodingsDir, coder+".jsonl"), nil
}

// EncodeRecord returns r as one JSON line without the newline, with the
// fields of the file format only (doc, theme, quote, start, end, memo).
func EncodeRecord(r Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encoding a coding: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// EditFile replaces the file at path by edit(old) atomically, creating it
// (and its folder) when missing, with old nil. edit must return the whole
// new content; returning old unchanged writes nothing.
func EditFile(path string, edit func(old []byte) ([]byte, error)) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	unlock, err := lock(filepath.Join(dir, "."+filepath.Base(path)+".lock"))
	if err != nil {
		return fmt.Errorf("locking %s: %w", path, err)
	}
	defer unlock()
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	data, err := edit(old)
	if err != nil {
		return err
	}
	if old != nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename itself durable
		d.Sync()
		d.Close()
	}
	return nil
}

// AppendRecords appends recs to coder's file in the study folder dir, as
// one line each after every existing line, skipping a record whose doc,
// theme and quote a line of the file (or an earlier record) already has.
// It returns how many it added.
func AppendRecords(dir, coder string, recs []Record) (int, error) {
	path, err := CoderFile(dir, coder)
	if err != nil {
		return 0, err
	}
	added := 0
	err = EditFile(path, func(old []byte) ([]byte, error) {
		added = 0
		have := map[[3]string]bool{}
		existing, _ := ParseRecords(path, old) // malformed lines are kept as they are, just not compared
		for _, r := range existing {
			have[[3]string{r.Doc, r.Theme, r.Quote}] = true
		}
		out := bytes.Clone(old)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n') // never glue a new line onto the last one
		}
		for _, r := range recs {
			k := [3]string{r.Doc, r.Theme, r.Quote}
			if have[k] {
				continue
			}
			have[k] = true
			line, err := EncodeRecord(r)
			if err != nil {
				return nil, err
			}
			out = append(append(out, line...), '\n')
			added++
		}
		if added == 0 {
			return old, nil
		}
		return out, nil
	})
	return added, err
}

// AppendRecord appends r as one line at the end of the file at path (a
// coder's file), under the lock EditFile takes, in a single write followed
// by an fsync, so a change costs one line however long the file is. It
// never rewrites what is there; when the file does not end in a newline,
// one is written first. It returns the file's size before and after the
// append and the 1-based line number of the new line.
func AppendRecord(path string, r Record) (before, after int64, line int, err error) {
	data, err := EncodeRecord(r)
	if err != nil {
		return 0, 0, 0, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, 0, fmt.Errorf("creating %s: %w", dir, err)
	}
	unlock, err := lock(filepath.Join(dir, "."+filepath.Base(path)+".lock"))
	if err != nil {
		return 0, 0, 0, fmt.Errorf("locking %s: %w", path, err)
	}
	defer unlock()
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, 0, 0, fmt.Errorf("reading %s: %w", path, err)
	}
	line = bytes.Count(old, []byte("\n")) + 1
	buf := make([]byte, 0, len(data)+2)
	if len(old) > 0 && old[len(old)-1] != '\n' {
		buf = append(buf, '\n') // never glue the new line onto the last one
		line++
	}
	buf = append(append(buf, data...), '\n')
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("writing %s: %w", path, err)
	}
	_, err = f.Write(buf)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("writing %s: %w", path, err)
	}
	if len(old) == 0 { // a new file: make its name durable too
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return int64(len(old)), int64(len(old) + len(buf)), line, nil
}
