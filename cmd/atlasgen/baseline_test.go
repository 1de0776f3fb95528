package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestQuietRunsAndTheBaseline walks the workflow: a run prints one summary
// line, -v every warning; -write-baseline acknowledges them, after which a
// run prints nothing new and -strict passes, even when the spec's lines
// move; a new warning is printed in full, counted as new and refused by
// -strict.
func TestQuietRunsAndTheBaseline(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile("../../testdata/golden/warnings/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, base, out := filepath.Join(dir, "spec.yaml"), filepath.Join(dir, "known.warnings"), filepath.Join(dir, "out")
	os.WriteFile(spec, orig, 0o644)
	gen := func(args ...string) (int, string) {
		code, _, stderr := runCLI(append([]string{"generate", "-spec", spec, "-out", out}, args...)...)
		return code, stderr
	}

	_, verbose := gen("-v")
	warnings := strings.Count(verbose, ": warning: ")
	code, quiet := gen()
	if code != exitOK || strings.Contains(quiet, ": warning: ") || !strings.Contains(quiet, "atlasgen: "+strconv.Itoa(warnings)+" warnings: ") {
		t.Fatalf("a quiet run (exit %d) printed:\n%s\nwant one summary of %d warnings", code, quiet, warnings)
	}
	if !strings.Contains(quiet, "11 warnings: 5 wrong-type-value, 1 content-parameter") || strings.Count(quiet, "\n") > 3 {
		t.Errorf("the summary does not count by kind, or is not short:\n%s", quiet)
	}

	if code, stderr := gen("-write-baseline", "-baseline", base); code != exitOK {
		t.Fatalf("-write-baseline: exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(base)
	if got := strings.Count(string(data), "\t#/"); got != warnings {
		t.Errorf("the baseline lists %d warnings, want %d:\n%s", got, warnings, data)
	}
	os.WriteFile(spec, append([]byte("# moved\n\n\n"), orig...), 0o644) // every line moves
	code, known := gen("-baseline", base, "-strict")
	if code != exitOK || strings.Contains(known, "new") || !strings.Contains(known, strconv.Itoa(warnings)+" warnings and notes are in the baseline") {
		t.Fatalf("with the baseline (exit %d):\n%s", code, known)
	}

	added := strings.Replace(string(orig), "count: {type: integer, enum:", "extra: {type: boolean, default: 3}\n        count: {type: integer, enum:", 1)
	os.WriteFile(spec, []byte(added), 0o644)
	code, fresh := gen("-baseline", base)
	if code != exitOK || strings.Count(fresh, ": warning: ") != 1 || !strings.Contains(fresh, "properties/extra/default: warning: default 3 is not boolean") ||
		!strings.Contains(fresh, "new 1 warning: 1 wrong-type-value") {
		t.Errorf("a new warning beside the baseline (exit %d):\n%s", code, fresh)
	}
	if code, stderr := gen("-baseline", base, "-strict"); code != exitUsage || !strings.Contains(stderr, "-strict: 1 warnings the baseline does not list") {
		t.Errorf("-strict with one new warning: exit %d\n%s", code, stderr)
	}
}

// TestDefaultBaselineIsRead: -write-baseline without -baseline writes
// ./atlasgen.warnings, which later runs read unasked; check never writes it.
func TestDefaultBaselineIsRead(t *testing.T) {
	spec, _ := filepath.Abs("../../testdata/golden/lookahead-cidr/spec.yaml")
	t.Chdir(t.TempDir())
	if code, _, _ := runCLI("check", "-write-baseline", "-spec", spec, "-out", "out"); code != exitUsage {
		t.Errorf("check -write-baseline: exit %d, want %d", code, exitUsage)
	}
	if code, _, stderr := runCLI("generate", "-write-baseline", "-spec", spec, "-out", "out"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI("generate", "-strict", "-spec", spec, "-out", "out"); code != exitOK || !strings.Contains(stderr, "1 warnings and notes are in the baseline") {
		t.Errorf("the default baseline was not read: exit %d\n%s", code, stderr)
	}
}

// TestBadBaselineIsLocated: a baseline line that is not kind<TAB>pointer is
// an error naming the file and line; a missing baseline is an I/O error.
func TestBadBaselineIsLocated(t *testing.T) {
	base := filepath.Join(t.TempDir(), "bad.warnings")
	os.WriteFile(base, []byte("# ok\nrequired-readonly\t#/x\nnonsense\n"), 0o644)
	code, _, stderr := runCLI("generate", "-out", t.TempDir(), "-baseline", base)
	if code != exitUsage || !strings.Contains(stderr, base+":3: want a warning kind") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI("generate", "-out", t.TempDir(), "-baseline", base+".missing"); code != exitIO {
		t.Errorf("a missing baseline: exit %d", code)
	}
}
