package study

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// folderFS is a study folder that is never read outside itself: a symbolic
// link whose target resolves outside the folder is not followed (os.Root
// refuses it), and the error names the link and its target. Links that stay
// inside are read. Every reader of study files goes through it: corpus,
// codings, codebook, settings, the personal-data scan and pseudonymise.
type folderFS struct {
	fs.FS
	dir string
}

// openFolder returns dir as a file system confined to it. A folder that
// cannot be opened (missing, say) is returned as os.DirFS, so each reader
// reports the file it wanted, as before.
func openFolder(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir)
	}
	return folderFS{FS: root.FS(), dir: dir}
}

func (f folderFS) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, f.explain(name, err)
	}
	return file, nil
}

// ReadFile, ReadDir and Stat keep the root's own (one system call where
// fs.ReadFile would open, stat, read and close), explaining errors alike.

func (f folderFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(f.FS, name)
	if err != nil {
		return nil, f.explain(name, err)
	}
	return data, nil
}

func (f folderFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.FS, name)
	if err != nil {
		return nil, f.explain(name, err)
	}
	return entries, nil
}

func (f folderFS) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(f.FS, name)
	if err != nil {
		return nil, f.explain(name, err)
	}
	return info, nil
}

// outsideLink is a symbolic link in the study whose target is outside it.
type outsideLink struct{ link, target string }

func (e *outsideLink) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, outside the study folder, so it is not read: copy the file into the study if it belongs there", e.link, e.target)
}

// explain replaces err by an outsideLink error when a component of name is
// a link that leads outside the folder.
func (f folderFS) explain(name string, err error) error {
	base, berr := filepath.EvalSymlinks(f.dir)
	if berr != nil {
		return err
	}
	p := f.dir
	for _, part := range strings.Split(name, "/") {
		p = filepath.Join(p, part)
		fi, lerr := os.Lstat(p)
		if lerr != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, terr := filepath.EvalSymlinks(p)
		if terr != nil {
			if target, terr = os.Readlink(p); terr != nil {
				return err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
		}
		if rel, rerr := filepath.Rel(base, target); rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			rel, _ := filepath.Rel(f.dir, p)
			return &outsideLink{link: filepath.ToSlash(rel), target: target}
		}
	}
	return err
}
