package writer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/emit"
)

func gen(name, body string) emit.File {
	return emit.File{Path: name, Data: []byte(emit.Header + "\n\npackage x\n" + body)}
}

// snapshot reads every file in dir, with its mode, to compare before/after.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := e.Info()
		out[e.Name()] = info.Mode().String() + " " + string(data)
	}
	return out
}

func setupDir(t *testing.T) string {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"a.go":         emit.Header + "\n\npackage x\n// old a\n",
		"b.go":         emit.Header + "\n\npackage x\n// old b\n",
		"stale.go":     emit.Header + "\n\npackage x\n// no longer generated\n",
		"mine_test.go": "package x\n// hand-written\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCommitWritesRemovesAndKeeps(t *testing.T) {
	dir := setupDir(t)
	files := []emit.File{gen("a.go", "// new a\n"), gen("b.go", "// old b\n"), gen("c.go", "// new c\n")}
	bInfo, _ := os.Stat(filepath.Join(dir, "b.go"))
	plan, err := Diff(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"stale.go"}, plan.Remove); diff != "" {
		t.Errorf("remove: %s", diff)
	}
	if diff := cmp.Diff([]string{"b.go"}, plan.Unchanged); diff != "" {
		t.Errorf("unchanged: %s", diff)
	}
	if err := Commit(plan, OS()); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	want := map[string]string{
		"a.go":         "-rw-r--r-- " + string(files[0].Data),
		"b.go":         "-rw-r--r-- " + string(files[1].Data),
		"c.go":         "-rw-r--r-- " + string(files[2].Data),
		"mine_test.go": "-rw-r--r-- package x\n// hand-written\n",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directory after commit (-want +got):\n%s", diff)
	}
	if after, _ := os.Stat(filepath.Join(dir, "b.go")); !os.SameFile(bInfo, after) || !after.ModTime().Equal(bInfo.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	again, _ := Diff(dir, files)
	if !again.Empty() {
		t.Errorf("second diff not empty: %+v", again)
	}
}

// TestFailureMidCommitRestoresEverything injects a rename failure after
// some targets were already replaced: the directory must end exactly as it
// began, with no temporary or backup files left.
func TestFailureMidCommitRestoresEverything(t *testing.T) {
	for failAt := 1; failAt <= 6; failAt++ {
		dir := setupDir(t)
		before := snapshot(t, dir)
		plan, err := Diff(dir, []emit.File{gen("a.go", "// new a\n"), gen("b.go", "// new b\n"), gen("c.go", "// new c\n")})
		if err != nil {
			t.Fatal(err)
		}
		fsys := OS()
		calls := 0
		fsys.Rename = func(oldpath, newpath string) error {
			calls++
			if calls == failAt {
				return errors.New("injected failure")
			}
			return os.Rename(oldpath, newpath)
		}
		err = Commit(plan, fsys)
		if err == nil || !strings.Contains(err.Error(), "injected failure") {
			t.Fatalf("failAt %d: Commit = %v, want the injected failure", failAt, err)
		}
		if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
			t.Errorf("failAt %d: directory changed (-before +after):\n%s", failAt, diff)
		}
	}
}

// TestStagingFailureFailsCleanly: a temporary file that cannot be written
// (a read-only directory, a full disk: injected, since permissions do not
// bind as root) fails the commit before any target is touched, and the
// temporary files already written are removed.
func TestStagingFailureFailsCleanly(t *testing.T) {
	for failAt := 1; failAt <= 3; failAt++ {
		dir := setupDir(t)
		before := snapshot(t, dir)
		plan, err := Diff(dir, []emit.File{gen("a.go", "// new a\n"), gen("b.go", "// new b\n"), gen("c.go", "// new c\n")})
		if err != nil {
			t.Fatal(err)
		}
		fsys := OS()
		calls := 0
		fsys.WriteTemp = func(dir, pattern string, data []byte) (string, error) {
			if calls++; calls == failAt {
				return "", os.ErrPermission
			}
			return writeTemp(dir, pattern, data)
		}
		if err := Commit(plan, fsys); !errors.Is(err, os.ErrPermission) {
			t.Fatalf("failAt %d: Commit = %v, want the injected failure", failAt, err)
		}
		if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
			t.Errorf("failAt %d: directory changed (-before +after):\n%s", failAt, diff)
		}
	}
}

// TestFailedRemoveIsReported: a backup or temporary file that cannot be
// removed is named in the error, never left behind in silence; when the
// commit itself failed, the rollback still restores every target.
func TestFailedRemoveIsReported(t *testing.T) {
	dir := setupDir(t)
	plan, err := Diff(dir, []emit.File{gen("a.go", "// new a\n"), gen("c.go", "// new c\n")})
	if err != nil {
		t.Fatal(err)
	}
	fsys := OS()
	fsys.Remove = func(name string) error {
		if strings.Contains(name, ".atlasgen-old-a.go") {
			return errors.New("injected remove failure")
		}
		return os.Remove(name)
	}
	err = Commit(plan, fsys)
	if err == nil || !strings.Contains(err.Error(), "injected remove failure") || !strings.Contains(err.Error(), "written, but") {
		t.Errorf("a failed backup removal gave %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.go")); !strings.Contains(string(data), "new a") {
		t.Errorf("a.go = %q, want the new content", data)
	}

	// A failed rename, then a temporary file that will not go: the targets
	// are restored and the leftover is named.
	dir = setupDir(t)
	before := snapshot(t, dir)
	plan, _ = Diff(dir, []emit.File{gen("a.go", "// new a\n"), gen("b.go", "// new b\n")})
	fsys = OS()
	renames := 0
	fsys.Rename = func(oldpath, newpath string) error {
		if renames++; renames == 3 {
			return errors.New("injected rename failure")
		}
		return os.Rename(oldpath, newpath)
	}
	var stuck string
	fsys.Remove = func(name string) error {
		if strings.Contains(name, ".atlasgen-new-") && stuck == "" {
			stuck = name
			return errors.New("injected remove failure")
		}
		return os.Remove(name)
	}
	err = Commit(plan, fsys)
	if err == nil || !strings.Contains(err.Error(), "injected rename failure") || !strings.Contains(err.Error(), "could not remove temporary files") {
		t.Errorf("Commit = %v", err)
	}
	os.Remove(stuck) // the one file the injected failure kept
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("directory changed beyond the named leftover (-before +after):\n%s", diff)
	}
}

func TestFailureLeavesNoNewDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	plan, err := Diff(dir, []emit.File{gen("a.go", "")})
	if err != nil {
		t.Fatal(err)
	}
	fsys := OS()
	fsys.Rename = func(string, string) error { return errors.New("injected failure") }
	if err := Commit(plan, fsys); err == nil {
		t.Fatal("want failure")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("output directory left behind: %v", err)
	}
}

func TestDiffRefusesPathsOutsideDir(t *testing.T) {
	if _, err := Diff(t.TempDir(), []emit.File{{Path: "../x.go"}}); err == nil {
		t.Error("a path escaping the directory was accepted")
	}
}

// TestUnifiedDiffShowsEachChange: two small changes 160 lines apart are
// two hunks with three lines of context each, not one hunk spanning the
// lines between (the added field was once cut off after 40 unchanged
// lines).
func TestUnifiedDiffShowsEachChange(t *testing.T) {
	same := func(from, n int) string {
		var b strings.Builder
		for i := from; i < from+n; i++ {
			fmt.Fprintf(&b, "line %d\n", i)
		}
		return b.String()
	}
	old := same(0, 20) + same(20, 160) + same(180, 20)
	new := same(0, 20) + "\tAdded string `json:\"added\"`\n" + same(20, 160) + "\tMore int `json:\"more\"`\n" + same(180, 20)
	d, used := UnifiedDiff("models.go", old, new, 80)
	want := "--- models.go\n+++ models.go (generated)\n" +
		"@@ -18,6 +18,7 @@\n line 17\n line 18\n line 19\n+\tAdded string `json:\"added\"`\n line 20\n line 21\n line 22\n" +
		"@@ -178,6 +179,7 @@\n line 177\n line 178\n line 179\n+\tMore int `json:\"more\"`\n line 180\n line 181\n line 182\n"
	if d != want || used != 16 {
		t.Errorf("diff (%d lines):\n%s\nwant:\n%s", used, d, want)
	}
}

// TestUnifiedDiffIsBounded: past the budget, changed lines are shown
// before context, and what is cut is counted.
func TestUnifiedDiffIsBounded(t *testing.T) {
	old := strings.Repeat("same\n", 10) + strings.Repeat("old\n", 100) + "tail\n"
	new := strings.Repeat("same\n", 10) + strings.Repeat("new\n", 100) + "tail\n"
	d, used := UnifiedDiff("f.go", old, new, 20)
	lines := strings.Split(strings.TrimSpace(d), "\n")
	if used != 20 || len(lines) != 2+20+1 || lines[3] != "-old" || strings.Contains(d, " same") || !strings.HasSuffix(d, "... 185 more diff lines not shown\n") {
		t.Errorf("diff (%d lines):\n%s", used, d)
	}
}

// TestKnownFilesAreStale: a file an earlier lock lists that this run does
// not write is removed, though it has no header; a listed name that would
// reach outside the directory is ignored.
func TestKnownFilesAreStale(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(filepath.Dir(dir), "outside.txt")
	os.WriteFile(outside, []byte("keep me"), 0o644)
	t.Cleanup(func() { os.Remove(outside) })
	os.WriteFile(filepath.Join(dir, "atlasgen.lock.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(dir, "old.txt"), []byte("no header"), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("not listed"), 0o644)
	files := []emit.File{{Path: "atlasgen.lock.json", Data: []byte("{}")}}
	p, err := Diff(dir, files, "atlasgen.lock.json", "old.txt", "../outside.txt", "..", "gone.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Remove) != 1 || p.Remove[0] != "old.txt" {
		t.Fatalf("remove %v, want [old.txt]", p.Remove)
	}
	if err := Commit(p, OS()); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{filepath.Join(dir, "old.txt"): false, filepath.Join(dir, "mine.txt"): true, outside: true} {
		if _, err := os.Stat(name); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", name, err == nil, want)
		}
	}
}

// TestOneSubdirectory: a file in one sub-directory is written (the
// directory made), compared and, once no run writes it and the lock lists
// it, removed with its emptied directory; a deeper path, a path that
// climbs out, or a sub-directory that is a symlink is refused.
func TestOneSubdirectory(t *testing.T) {
	dir := t.TempDir()
	files := []emit.File{gen("a.go", ""), gen("atlasfake/server.go", "")}
	p, err := Diff(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if err := Commit(p, OS()); err != nil {
		t.Fatal(err)
	}
	if p, _ := Diff(dir, files); !p.Empty() {
		t.Errorf("a second diff is not empty: %+v", p)
	}
	p, err = Diff(dir, files[:1], "a.go", "atlasfake/server.go")
	if err != nil || len(p.Remove) != 1 || p.Remove[0] != "atlasfake/server.go" {
		t.Fatalf("remove %v (%v), want the sub-package's file", p.Remove, err)
	}
	if err := Commit(p, OS()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "atlasfake")); err == nil {
		t.Error("the emptied sub-directory stayed")
	}
	for _, bad := range []string{"a/b/c.go", "../x.go", "./x.go", `a\b.go`, "/abs.go"} {
		if _, err := Diff(dir, []emit.File{gen(bad, "")}); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "x.go"), []byte(emit.Header+"\n\npackage x\n"), 0o644)
	os.Symlink(elsewhere, filepath.Join(dir, "linked"))
	if _, err := Diff(dir, []emit.File{gen("linked/x.go", "")}); err == nil {
		t.Error("a symlinked sub-directory was written into")
	}
	if p, err := Diff(dir, files[:1], "linked/x.go"); err != nil || len(p.Remove) != 0 {
		t.Errorf("a generated file behind a symlinked sub-directory is to be removed: %v %v", p.Remove, err)
	}
}
