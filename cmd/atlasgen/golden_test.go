package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/templates"
)

var update = flag.Bool("update", false, "rewrite the golden trees and stderr files")

// TestGolden runs `atlasgen generate` on every testdata/golden/<case> and
// compares the whole output tree with want/, and stderr with stderr.txt.
// A case without want/ must fail with exit 2 and write nothing. Adding
// coverage means adding a directory.
func TestGolden(t *testing.T) {
	root, err := filepath.Abs("../../testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) { runGolden(t, filepath.Join(root, c.Name())) })
	}
}

func runGolden(t *testing.T, dir string) {
	// A case's options.json holds generate.Options (any key a run takes),
	// over the defaults; the spec is relative to the case directory.
	opts := generate.DefaultOptions()
	opts.Spec, opts.Package = "spec.yaml", "atlas"
	if data, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
		if err := json.Unmarshal(data, &opts); err != nil {
			t.Fatalf("options.json: %v", err)
		}
	}
	t.Chdir(dir) // diagnostics name the spec relative to the case
	out := filepath.Join(t.TempDir(), "out")
	opts.Out = out
	if err := opts.Finish(); err != nil {
		t.Fatalf("options.json: %v", err)
	}
	var stdout, stderr bytes.Buffer
	code := generateWith(opts, false, &stdout, &stderr)
	wantDir := filepath.Join(dir, "want")
	_, statErr := os.Stat(wantDir)
	failing := errors.Is(statErr, fs.ErrNotExist) && !*update || (*update && code != 0)
	if *update {
		writeGolden(t, dir, wantDir, out, stderr.Bytes(), code)
		return
	}
	compareFile(t, filepath.Join(dir, "stderr.txt"), stderr.Bytes())
	if failing {
		if code != exitUsage {
			t.Fatalf("exit %d, want %d (a failing case)", code, exitUsage)
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("a failing run created %s", out)
		}
		return
	}
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if opts.Package != "atlas" {
		t.Fatalf("a golden's package must be atlas: its runtime files link to generated/atlas")
	}
	got := readTree(t, out)
	for name := range runtimeLinks() {
		delete(got, name)
	}
	files, links := readGoldenTree(t, wantDir)
	if diff := cmp.Diff(files, got); diff != "" {
		t.Errorf("generated tree differs from want/ (-want +got); run make golden and read the change:\n%s", diff)
	}
	if diff := cmp.Diff(runtimeLinks(), links); diff != "" {
		t.Errorf("want/'s runtime files must link to generated/atlas (-want +got); run make golden:\n%s", diff)
	}
}

// runtimeLinks maps each runtime file to the link want/ holds for it: the
// runtime is the same in every package named atlas, so goldens hold only
// what the spec decides and point at the snapshot's copy, which make check
// keeps equal to templates/ (a template edit rewrites no golden).
func runtimeLinks() map[string]string {
	out := map[string]string{}
	for _, f := range templates.Files() {
		out[f.Name] = "../../../../generated/atlas/" + f.Name
	}
	return out
}

// readGoldenTree reads want/: its files' contents and its links' targets.
func readGoldenTree(t *testing.T, dir string) (files, links map[string]string) {
	t.Helper()
	files, links = map[string]string{}, map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(path)
			if err != nil {
				t.Fatal(err)
			}
			links[e.Name()] = target
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files, links
}

func compareFile(t *testing.T, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		want = nil
	} else if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", filepath.Base(path), diff)
	}
}

// readTree maps every file under dir to its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		tree[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func writeGolden(t *testing.T, dir, wantDir, out string, stderr []byte, code int) {
	t.Helper()
	if err := os.RemoveAll(wantDir); err != nil {
		t.Fatal(err)
	}
	if code == exitOK {
		if err := os.CopyFS(wantDir, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		for name, target := range runtimeLinks() {
			path := filepath.Join(wantDir, name)
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
		}
	}
	stderrPath := filepath.Join(dir, "stderr.txt")
	if len(stderr) == 0 {
		os.Remove(stderrPath)
		return
	}
	if err := os.WriteFile(stderrPath, stderr, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotRuntimeMatchesTemplates checks the runtime once: the copy in
// generated/atlas, which every golden links to, is what the templates give
// today.
func TestSnapshotRuntimeMatchesTemplates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "atlas")
	if code, _, stderr := runCLI("generate", "-out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name := range runtimeLinks() {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("../../generated/atlas", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("generated/atlas/%s is not what templates/ gives: run make generate", name)
		}
	}
}
