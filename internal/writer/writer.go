// Package writer puts generated files into a directory atomically: every
// problem it can foresee is found before the first write, each file is
// written beside its target and renamed into place, and a failure while
// committing restores what was already replaced, so the directory ends
// byte for byte as it was.
package writer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/atlasgen/atlasgen/internal/emit"
)

// FS is every file-system operation Commit makes; tests replace them to
// inject a failure anywhere in a commit.
type FS struct {
	Rename    func(oldpath, newpath string) error
	Remove    func(name string) error
	WriteTemp func(dir, pattern string, data []byte) (string, error)
	MkdirAll  func(path string, perm fs.FileMode) error
	Lstat     func(name string) (fs.FileInfo, error)
}

// OS is the real file system.
func OS() FS {
	return FS{Rename: os.Rename, Remove: os.Remove, WriteTemp: writeTemp, MkdirAll: os.MkdirAll, Lstat: os.Lstat}
}

func writeTemp(dir, pattern string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Plan is what a commit will do to a directory.
type Plan struct {
	Dir       string
	Write     []emit.File // new or changed files
	Remove    []string    // stale generated files (they carry the header)
	Unchanged []string
	createDir bool
	subdirs   []string // sub-directories the files written go to
}

// Empty reports whether the directory already holds exactly the files.
func (p *Plan) Empty() bool { return len(p.Write) == 0 && len(p.Remove) == 0 }

// Diff compares files with what dir holds. Top-level files whose first
// line is the generated-code header count as generated, and so do the
// known files an earlier run wrote (its lock file lists them; a name that
// is not a plain file name in dir is ignored); anything else in dir is
// left alone.
func Diff(dir string, files []emit.File, known ...string) (*Plan, error) {
	p := &Plan{Dir: dir}
	subdirs := map[string]bool{}
	for _, f := range files {
		if !plainPath(f.Path) {
			return nil, fmt.Errorf("refusing to write %q outside %s", f.Path, dir)
		}
		if sub, _, nested := strings.Cut(f.Path, "/"); nested {
			subdirs[sub] = true
		}
	}
	p.subdirs = sortedSet(subdirs)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.createDir = true
		p.Write = append(p.Write, files...)
		return p, nil
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	for _, sub := range p.subdirs {
		if info, err := os.Lstat(filepath.Join(dir, sub)); err == nil && !info.IsDir() {
			return nil, fmt.Errorf("refusing to write into %s: it is not a directory", filepath.Join(dir, sub))
		}
	}
	if err := p.compare(files); err != nil {
		return nil, err
	}
	return p, p.findStale(files, subdirs, known)
}

// compare sorts the files into those to write and those unchanged.
func (p *Plan) compare(files []emit.File) error {
	for _, f := range files {
		cur, err := os.ReadFile(filepath.Join(p.Dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.Write = append(p.Write, f)
		case err != nil:
			return err
		case bytes.Equal(cur, f.Data):
			p.Unchanged = append(p.Unchanged, f.Path)
		default:
			p.Write = append(p.Write, f)
		}
	}
	return nil
}

// findStale lists the generated files (by header, in the directory and
// the sub-directories written or known) and the known ones that no file
// written replaces.
func (p *Plan) findStale(files []emit.File, subdirs map[string]bool, known []string) error {
	want := map[string]bool{}
	for _, f := range files {
		want[f.Path] = true
	}
	for _, name := range known {
		if sub, _, nested := strings.Cut(name, "/"); nested && plainPath(name) {
			subdirs[sub] = true
		}
	}
	stale, err := generatedFiles(p.Dir, "")
	if err != nil {
		return err
	}
	for _, sub := range sortedSet(subdirs) {
		nested, err := generatedFiles(p.Dir, sub)
		if err != nil {
			return err
		}
		stale = append(stale, nested...)
	}
	stale = append(stale, knownFiles(p.Dir, known)...)
	sort.Strings(stale)
	for i, name := range stale {
		if !want[name] && (i == 0 || stale[i-1] != name) {
			p.Remove = append(p.Remove, name)
		}
	}
	return nil
}

// knownFiles are the known names that are plain file names of regular
// files in dir: a lock file is input, and must not reach outside it.
func knownFiles(dir string, known []string) []string {
	var out []string
	for _, name := range known {
		if RegularIn(dir, name) {
			out = append(out, name)
		}
	}
	return out
}

// RegularIn reports whether name is a plain path (plainPath) of a regular
// file in dir: not a symlink, device or pipe, and in a directory that is
// no symlink either. Names a lock file lists are read and removed only
// when they are.
func RegularIn(dir, name string) bool {
	if !plainPath(name) {
		return false
	}
	if sub, _, nested := strings.Cut(name, "/"); nested {
		if info, err := os.Lstat(filepath.Join(dir, sub)); err != nil || !info.IsDir() {
			return false
		}
	}
	info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil && info.Mode().IsRegular()
}

// plainPath accepts a file name, or one sub-directory's name and a file
// name ("atlasfake/server.go"): each part plain, no . or .., no backslash.
func plainPath(p string) bool {
	parts := strings.Split(p, "/")
	if len(parts) > 2 || strings.Contains(p, `\`) {
		return false
	}
	for _, part := range parts {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hasHeader reports whether a file starts with the generated-code header,
// reading no more of it.
func hasHeader(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(emit.Header)+1)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	return bytes.Equal(head[:n], []byte(emit.Header+"\n")), nil
}

// generatedFiles lists the regular files of dir (of its sub-directory
// sub, when not "") that start with the generated-code header, as paths
// relative to dir.
func generatedFiles(dir, sub string) ([]string, error) {
	if info, err := os.Lstat(filepath.Join(dir, sub)); sub != "" && (err != nil || !info.IsDir()) {
		return nil, nil // none there, or a symlink: never followed out of dir
	}
	entries, err := os.ReadDir(filepath.Join(dir, sub))
	if errors.Is(err, fs.ErrNotExist) && sub != "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		generated, err := hasHeader(filepath.Join(dir, sub, e.Name()))
		if err != nil {
			return nil, err
		}
		if generated {
			out = append(out, path.Join(sub, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}
