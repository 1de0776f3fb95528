package generate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/parser"
	"github.com/atlasgen/atlasgen/spec"
)

// lockOf generates in and returns its lock's bytes and the lock.
func lockOf(t *testing.T, in Inputs, opts Options) ([]byte, *Lock, *Result) {
	t.Helper()
	res, err := Run(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	f := BuildLock(res.API, in, opts, res.Files).File()
	l, err := ReadLock(f.Path, f.Data)
	if err != nil {
		t.Fatal(err)
	}
	return f.Data, l, res
}

// TestLockListsEverything: the lock is the same bytes run after run, and
// lists every file written, every operation and every declared name under
// a key of its own.
func TestLockListsEverything(t *testing.T) {
	in := Doc(spec.FileName, spec.Document())
	first, l, res := lockOf(t, in, packageOptions("atlas"))
	again, _, _ := lockOf(t, in, packageOptions("atlas"))
	if !bytes.Equal(first, again) {
		t.Fatal("two runs wrote different locks")
	}
	if len(l.Files) != len(res.Files) || len(l.Operations) != len(res.API.Operations) {
		t.Errorf("lock lists %d files and %d operations, the run has %d and %d", len(l.Files), len(l.Operations), len(res.Files), len(res.API.Operations))
	}
	for _, f := range res.Files {
		if l.Files[f.Path] != Sum(f.Data) {
			t.Errorf("%s: lock sha256 %q", f.Path, l.Files[f.Path])
		}
	}
	if got, want := len(l.Names), len(res.API.Names()); got != want {
		t.Errorf("%d names under %d keys: a key names two things", want, got)
	}
	if l.Schemas["DiskBackupSnapshotExportBucketRequest"] == "" || l.Inputs[0].Path != "embedded:"+spec.FileName {
		t.Errorf("schemas or inputs incomplete: %v %v", l.Schemas, l.Inputs)
	}
}

// TestUpstreamRenameIsKept: upstream renamed getAtlasResourcePolicies to
// listOrgResourcePolicies between its 2025-03 and 2025-06 copies. A lock
// written from the earlier name keeps it: the method, its params type and
// the names derived from them stay as deprecated forwarders and aliases,
// and every type's key is unique and the same in both.
func TestUpstreamRenameIsKept(t *testing.T) {
	data := readUpstream(t)
	old := bytes.Replace(data, []byte("operationId: listOrgResourcePolicies"), []byte("operationId: getAtlasResourcePolicies"), 1)
	if bytes.Equal(old, data) {
		t.Fatal("upstream has no listOrgResourcePolicies any more: pick another rename")
	}
	oldData, oldLock, _ := lockOf(t, Doc("u.yaml", old), packageOptions("atlasup"))
	in := Doc("u.yaml", data)
	in.Lock = &parser.Document{Name: LockFile, Data: oldData}
	_, lock, res := lockOf(t, in, packageOptions("atlasup"))
	kept := map[string]string{}
	for _, k := range res.API.Kept {
		kept[k.Old] = k.Name
	}
	for old, now := range map[string]string{"GetAtlasResourcePolicies": "ListOrgResourcePolicies", "GetAtlasResourcePoliciesParams": "ListOrgResourcePoliciesParams"} {
		if kept[old] != now {
			t.Errorf("%s kept as %q, want an alias of %s (kept: %v)", old, kept[old], now, kept)
		}
	}
	if len(kept) != len(lock.Kept) || len(oldLock.Names) != len(lock.Names) {
		t.Errorf("kept %d names, the lock lists %d; names %d before, %d after (keys must not depend on names)", len(kept), len(lock.Kept), len(oldLock.Names), len(lock.Names))
	}
	var kepts strings.Builder
	for _, f := range res.Files {
		if f.Path == "kept.go" {
			kepts.Write(f.Data)
		}
	}
	if !strings.Contains(kepts.String(), "func (c *Client) GetAtlasResourcePolicies(") ||
		!strings.Contains(kepts.String(), "the operationId of GET /api/atlas/v2/orgs/{orgId}/resourcePolicies was getAtlasResourcePolicies and is now listOrgResourcePolicies") {
		t.Errorf("kept.go lacks the forwarder or its reason:\n%.2000s", kepts.String())
	}
	for _, ex := range readmeExamples(t) {
		if ex.kind == "kept" && !strings.Contains(kepts.String(), ex.code) {
			t.Errorf("README.md:%d: the kept names it shows are not what atlasgen writes:\n%s", ex.line, kepts.String())
		}
	}
}

// TestLockErrorsAreLocated: a lock that is not JSON, or of another format,
// is refused with its file and line, and the way out named.
func TestLockErrorsAreLocated(t *testing.T) {
	for data, want := range map[string]string{
		"{\n  \"atlasgenLock\": 1,\n  \"names\": {,\n}": "atlasgen.lock.json:3:1: not a lock file atlasgen can read",
		`{"atlasgenLock": 7}`:                           "atlasgen.lock.json:1:1: lock format 7: this atlasgen reads format 1 (run with -unlock",
	} {
		in := Doc(spec.FileName, spec.Document())
		in.Lock = &parser.Document{Name: LockFile, Data: []byte(data)}
		if _, err := Run(in, packageOptions("atlas")); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
		opts := packageOptions("atlas")
		opts.Unlock = true
		if _, err := Run(in, opts); err != nil {
			t.Errorf("-unlock must ignore the broken lock: %v", err)
		}
	}
}

// TestNamesOptionChangeIsKept: a names option that is changed or dropped
// leaves the name it gave as a deprecated forwarder, as an upstream
// rename does.
func TestNamesOptionChangeIsKept(t *testing.T) {
	in := Doc(spec.FileName, spec.Document())
	renamed := packageOptions("atlas")
	renamed.Names.Operations = map[string]string{"createGroupPeer": "AddPeer"}
	lock, _, _ := lockOf(t, in, renamed)
	in.Lock = &parser.Document{Name: LockFile, Data: lock}
	_, _, res := lockOf(t, in, packageOptions("atlas"))
	var got []string
	for _, k := range res.API.Kept {
		got = append(got, k.Old+"→"+k.Name+": "+k.Why)
	}
	want := []string{
		"AddPeer→CreateGroupPeer: a names option or the spec named it otherwise",
		"AddPeerParams→CreateGroupPeerParams: a names option or the spec named it otherwise",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHostileLockNamesAreRefused: a lock is input; a name in it that is no
// exported identifier is warned about and kept nowhere, so nothing it says
// reaches the code.
func TestHostileLockNamesAreRefused(t *testing.T) {
	in := Doc(spec.FileName, spec.Document())
	key := "#/paths/~1api~1atlas~1v2~1groups~1{groupId}~1peers/post"
	lock := `{"atlasgenLock": 1, "names": {"` + key + `": "X() {}\nfunc init() { panic(1) }\nfunc (c *Client) Y"}, "kept": {"` + key + `": [{"name": "lower", "why": "*/ injected"}]}}`
	in.Lock = &parser.Document{Name: LockFile, Data: []byte(lock)}
	res, err := Run(in, packageOptions("atlas"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.API.Kept) != 0 {
		t.Errorf("kept %v", res.API.Kept)
	}
	warned := 0
	for _, d := range res.API.Diagnostics {
		if d.Kind == "lock-name" && d.File == LockFile && strings.Contains(d.Message, "no exported Go identifier") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("%d lock-name warnings, want 2: %v", warned, res.API.Diagnostics)
	}
}
