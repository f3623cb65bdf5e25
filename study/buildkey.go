package study

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/paths"
)

// buildKeyFile, in the site cache, holds the key of the last build that
// succeeded and how many unreviewed personal-data findings it published.
const buildKeyFile = "build.key"

// buildKey covers everything a build reads: every file in the study folder
// (by name, size and time, as make does; the cache and an output folder
// inside the study left out), the insight program itself, the output
// folder, the choice to accept personal-data risk, and today's date, which
// journey pages count from. "" means no key could be made: build.
func buildKey(src Source, opts BuildOptions) string {
	if opts.PII.NewDetector != nil { // a test's detector: always build
		return ""
	}
	prog := programID()
	if prog == "" {
		return ""
	}
	study, out, err := resolveDirs(src.Dir, opts.Out)
	if err != nil {
		return ""
	}
	files, err := studyStamp(study, out)
	if err != nil {
		return ""
	}
	k := cachekey.New("insight build key 3", cachekey.Version, prog, study, out, strconv.FormatBool(opts.AcceptPIIRisk), time.Now().Format(time.DateOnly), files)
	return k.Hex()
}

// resolveDirs returns the study and output folders as absolute paths,
// through links, so one folder has one name however it is reached.
func resolveDirs(dir, out string) (string, string, error) {
	study, err := paths.Resolve(dir)
	if err != nil {
		return "", "", err
	}
	if out, err = filepath.Abs(out); err != nil {
		return "", "", err
	}
	if o, err := paths.Resolve(out); err == nil {
		out = o
	}
	return study, out, nil
}

// studyStamp hashes every file in the study folder by name, size, time
// and mode (the cache and an output folder inside the study left out):
// what changes when anyone edits, adds or removes a file.
func studyStamp(study, out string) (string, error) {
	var k cachekey.Key
	err := filepath.WalkDir(study, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (p == out || p == filepath.Join(study, CacheDir)) {
			return fs.SkipDir
		}
		if e.IsDir() {
			k.Str("d", p)
			return nil
		}
		fi, err := os.Stat(p) // through a link, to what it names
		if err != nil {
			return err
		}
		k.Str("f", p)
		k.Num(int(fi.Size()), int(fi.ModTime().UnixNano()), int(fi.Mode()))
		return nil
	})
	if err != nil {
		return "", err
	}
	return k.Hex(), nil
}

// programID names the running insight program by its path, size and
// time, so a cache made by another build of insight is not trusted; ""
// when it cannot be found.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	xi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s\x00%d\x00%d", exe, xi.Size(), xi.ModTime().UnixNano())
}

// lastBuild reads the key file: the key and the number of findings.
func lastBuild(dir string) (key string, findings int, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, buildKeyFile))
	if err != nil {
		return "", 0, false
	}
	key, n, found := strings.Cut(strings.TrimSpace(string(data)), " ")
	findings, err = strconv.Atoi(n)
	return key, findings, found && err == nil && key != ""
}

// saveBuild records a successful build's key, through a rename so a
// crash never leaves half of it.
func saveBuild(dir, key string, findings int) error {
	return atomicfile.WriteBytes(filepath.Join(dir, buildKeyFile), []byte(key+" "+strconv.Itoa(findings)+"\n"))
}
