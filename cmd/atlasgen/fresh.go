package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/parser"
	"github.com/atlasgen/atlasgen/internal/writer"
)

// A run whose inputs and options are those its output directory's lock
// records, by the generator that wrote it, onto files that are still what
// the lock says, would write nothing: it stops there, without parsing the
// spec. That the generator is the same is known from the user's cache,
// never from the lock (a lock naming its generator would change with every
// build): after each run that leaves the directory as its lock says, the
// cache maps the lock's sha256 to the generator's identity and to what the
// run printed, which a fresh run prints again.

// freshRun is the cache entry of one lock.
type freshRun struct {
	Generator string `json:"generator"`
	Stderr    string `json:"stderr"`
	// Warnings are those the baseline did not list: a -strict run over
	// them must fail as it would have.
	Warnings int `json:"warnings"`
}

// cacheEnv names the directory atlasgen caches in, over the default
// (os.UserCacheDir()/atlasgen): a CI job can keep it between runs.
const cacheEnv = "ATLASGEN_CACHE"

// runKey names a lock as read by one invocation: its bytes and the paths
// as typed, which the printed diagnostics spell.
func runKey(lock []byte, opts generate.Options) []byte {
	spelling, _ := json.Marshal([]any{opts.Spec, opts.Overlays, opts.Baseline, opts.Out, opts.ConfigName()})
	return append(append([]byte(generate.Sum(lock)), 0), spelling...)
}

// freshCache is the file caching the run that wrote lock, "" when there is
// no cache directory.
func freshCache(lock []byte) string {
	dir := os.Getenv(cacheEnv)
	if dir == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(user, "atlasgen")
	}
	return filepath.Join(dir, "fresh", generate.Sum(lock)+".json")
}

// generatorID names the running build of atlasgen: another build, even of
// the same version, is another generator. It is the Go build ID the go
// command writes into every executable (a hash of what was built, read
// in microseconds), or, without one, a hash of the executable.
func generatorID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "go-build-id:" + id
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return ""
	}
	return generate.Sum(data)
}

// goBuildID reads an executable's Go build ID: from its ELF note, or, in
// Mach-O and PE files, from the start of its text, where the go command
// writes it as \xff Go build ID: "…".
func goBuildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			note, err := sec.Data() // namesz, descsz, type, "Go\0\0", the ID
			if err == nil && len(note) >= 16 && string(note[12:16]) == "Go\x00\x00" {
				if n := int(f.ByteOrder.Uint32(note[4:8])); 16+n <= len(note) {
					return string(note[16 : 16+n])
				}
			}
		}
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(head[:n], []byte(marker)); i >= 0 {
		if id, _, ok := bytes.Cut(head[i+len(marker):n], []byte(`"`)); ok {
			return string(id)
		}
	}
	return ""
}

// fresh reports whether opts.Out is already what this run would write,
// and prints what the run that wrote it printed. A run asked to print
// every diagnostic, write a baseline or drop the lock is never skipped.
func fresh(opts generate.Options, in generate.Inputs, stderr io.Writer) bool {
	if opts.Verbose || opts.WriteBaseline || opts.Unlock || in.Lock == nil {
		return false
	}
	var ok bool
	if in.Baseline, ok = readBaselineInput(opts); !ok {
		return false
	}
	lock, err := generate.ReadLock(in.Lock.Name, in.Lock.Data)
	if err != nil || !lock.Describes(in, opts) || !filesMatch(opts.Out, lock) {
		return false
	}
	data, err := os.ReadFile(freshCache(runKey(in.Lock.Data, opts)))
	var run freshRun
	if err != nil || json.Unmarshal(data, &run) != nil || run.Generator == "" || run.Generator != generatorID() ||
		opts.Strict && run.Warnings > 0 {
		return false
	}
	fmt.Fprint(stderr, run.Stderr)
	return true
}

// filesMatch reports whether dir holds exactly the files the lock lists,
// with their sha256, and no other generated file.
func filesMatch(dir string, lock *generate.Lock) bool {
	names := []string{generate.LockFile}
	for name, sum := range lock.Files {
		if !writer.RegularIn(dir, name) {
			return false
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || generate.Sum(data) != sum {
			return false
		}
		names = append(names, name)
	}
	plan, err := writer.Diff(dir, nil, names...)
	if err != nil {
		return false
	}
	sort.Strings(plan.Remove)
	sort.Strings(names)
	return slices.Equal(plan.Remove, names) // every generated file there is one the lock lists
}

// rememberFresh records, after a run that left dir as its lock says, that
// this generator wrote it and what the run printed. Failing to is no
// failure of the run: the next one just parses again.
func rememberFresh(opts generate.Options, printed []byte, warnings int) {
	lock, err := os.ReadFile(filepath.Join(opts.Out, generate.LockFile))
	path := freshCache(runKey(lock, opts))
	if err != nil || path == "" {
		return
	}
	data, _ := json.Marshal(freshRun{Generator: generatorID(), Stderr: string(printed), Warnings: warnings})
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		os.WriteFile(path, data, 0o644)
	}
}

// readBaselineInput reads the baseline a run would use (-baseline's file,
// or ./atlasgen.warnings when it exists): nil when there is none, false
// when the one named cannot be read (the run will say why).
func readBaselineInput(opts generate.Options) (*parser.Document, bool) {
	path := opts.Baseline
	if path == "" {
		path = generate.DefaultBaseline
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		return &parser.Document{Name: path, Data: data}, true
	case opts.Baseline == "" && errors.Is(err, fs.ErrNotExist):
		return nil, true
	}
	return nil, false
}
