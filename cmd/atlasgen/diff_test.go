package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffCommand: atlasgen diff prints counts first, -fail-on sets exit
// 1, -json is the report, and a lock written from the old spec makes the
// rename additive and says the old name stays.
func TestDiffCommand(t *testing.T) {
	old, _ := filepath.Abs("../../internal/generate/testdata/diff/old.yaml")
	new, _ := filepath.Abs("../../internal/generate/testdata/diff/new.yaml")
	t.Setenv(cacheEnv, t.TempDir())
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCLI("diff", "-old", old, "-new", new, "-lock", "sdk")
	if code != exitOK || !strings.HasPrefix(stdout, "12 changes: 5 breaking, 4 wire, 2 additive, 1 info\n\nbreaking (5)\n") {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
	for flag, want := range map[string]int{"breaking": exitDrift, "wire": exitDrift, "any": exitDrift} {
		if code, _, _ := runCLI("diff", "-old", old, "-new", new, "-lock", "sdk", "-fail-on", flag); code != want {
			t.Errorf("-fail-on %s: exit %d, want %d", flag, code, want)
		}
	}
	if code, _, _ := runCLI("diff", "-old", old, "-new", old, "-fail-on", "any"); code != exitOK {
		t.Errorf("a spec against itself with -fail-on any: exit %d", code)
	}
	if code, _, stderr := runCLI("diff", "-old", old, "-new", new, "-fail-on", "some"); code != exitUsage || !strings.Contains(stderr, "want breaking, wire or any") {
		t.Errorf("-fail-on some: exit %d %s", code, stderr)
	}
	if code, _, stderr := runCLI("generate", "-spec", old, "-out", "sdk"); code != exitOK {
		t.Fatalf("generate: %s", stderr)
	}
	code, stdout, _ = runCLI("diff", "-old", old, "-new", new, "-lock", "sdk", "-json")
	var report struct {
		Counts  map[string]int
		Changes []struct{ Kind, Severity, Detail string }
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitOK {
		t.Fatalf("-json: exit %d, %v\n%s", code, err, stdout)
	}
	found := false
	for _, c := range report.Changes {
		found = found || c.Kind == "operation-renamed" && c.Severity == "additive" && strings.Contains(c.Detail, "the lock keeps GetAtlasResourcePolicies as a deprecated forwarder")
	}
	if !found || report.Counts["breaking"] != 3 {
		t.Errorf("with sdk's lock from the old spec, the rename is additive and said so: %+v", report)
	}
	os.RemoveAll("sdk")
}
