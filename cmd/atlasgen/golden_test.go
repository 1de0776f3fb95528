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
)

var update = flag.Bool("update", false, "rewrite the golden trees and stderr files")

// goldenOptions is a case's options.json.
type goldenOptions struct {
	Spec    string `json:"spec"`    // relative to the case directory; default spec.yaml
	APIDate string `json:"apiDate"` // "" for the newest date
	Package string `json:"package"`
}

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
	opts := goldenOptions{Spec: "spec.yaml", Package: "atlas"}
	if data, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
		if err := json.Unmarshal(data, &opts); err != nil {
			t.Fatalf("options.json: %v", err)
		}
	}
	t.Chdir(dir) // diagnostics name the spec relative to the case
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	args := []string{"generate", "-spec", opts.Spec, "-out", out, "-package", opts.Package}
	if opts.APIDate != "" {
		args = append(args, "-api-date", opts.APIDate)
	}
	code := run(args, &stdout, &stderr)
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
	if diff := cmp.Diff(readTree(t, wantDir), readTree(t, out)); diff != "" {
		t.Errorf("generated tree differs from want/ (-want +got); run make golden and read the change:\n%s", diff)
	}
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
