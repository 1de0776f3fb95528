package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// downstreamMain is a user's program: it calls the generated SDK against
// the base URL it is given and prints what came back.
const downstreamMain = `package main

import (
	"context"
	"fmt"
	"os"

	"example.com/app/internal/atlas"
)

func main() {
	client, err := atlas.NewClient(atlas.WithBaseURL(os.Args[1]))
	if err != nil {
		panic(err)
	}
	bucket, err := client.CreateExportBucket(context.Background(),
		atlas.CreateExportBucketParams{GroupID: "32b6e34b3d91647abb20e7b8"},
		&atlas.DiskBackupSnapshotAWSExportBucketRequest{BucketName: atlas.Ptr("export-bucket"),
			CloudProvider: atlas.Ptr(atlas.DiskBackupSnapshotAWSExportBucketCloudProviderAWS), IAMRoleID: atlas.Ptr("role-7")})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println(*bucket.BucketName)
}
`

// newModule makes a fresh module example.com/app in a temporary directory
// that requires this one (through a replace) and has atlasgen as a tool,
// as the README says; goCmd runs the go command in it, failing the test
// when it fails.
func newModule(t *testing.T) (dir string, goCmd func(args ...string) string) {
	t.Helper()
	repo, _ := filepath.Abs("../..")
	dir = t.TempDir()
	goCmd = func(args ...string) string {
		t.Helper()
		out, err := goIn(dir, args...)
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	goCmd("mod", "init", "example.com/app")
	goCmd("mod", "edit", "-require=github.com/atlasgen/atlasgen@v0.0.0-00010101000000-000000000000",
		"-replace=github.com/atlasgen/atlasgen="+repo, "-tool=github.com/atlasgen/atlasgen/cmd/atlasgen")
	goCmd("mod", "tidy")
	return dir, goCmd
}

// goIn runs the go command in dir, outside any workspace.
func goIn(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestDownstreamModule follows the README's "Use it in your module" in a
// fresh module: require + replace + tool, go mod tidy, go generate ./...,
// go mod tidy (the SDK's own dependencies), go build, and run the program
// against a server this test starts (a downstream module cannot import
// internal/fakeatlas).
func TestDownstreamModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir, goCmd := newModule(t)
	os.WriteFile(filepath.Join(dir, "gen.go"), []byte("package main\n\n//go:generate go tool atlasgen generate\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "atlasgen.yaml"), []byte("out: internal/atlas\ninclude: {operations: [createExportBucket]}\n"+
		"versions: {createExportBucket: 2023-01-01}\noverlays: [atlas/role.overlay.yaml]\n"), 0o644)
	// The overlay drops iamRoleId's pattern, so "role-7" passes the
	// client's validation: the fix reaches the program without the spec
	// being edited.
	os.MkdirAll(filepath.Join(dir, "atlas"), 0o755)
	os.WriteFile(filepath.Join(dir, "atlas", "role.overlay.yaml"), []byte(`overlay: 1.0.0
info: {title: local fixes, version: 1.0.0}
actions:
  - target: $.components.schemas.DiskBackupSnapshotAWSExportBucket.properties.iamRoleId.pattern
    remove: true
`), 0o644)
	goCmd("generate", "./...")
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(downstreamMain), 0o644) // code that calls the SDK
	goCmd("mod", "tidy")
	goCmd("build", "-o", "app", ".")

	var accept string
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", accept)
		w.Write([]byte(`{"_id":"32b6e34b3d91647abb20e7b8","bucketName":"export-bucket","cloudProvider":"AWS"}`))
	}))
	defer srv.Close()
	out, err := exec.Command(filepath.Join(dir, "app"), srv.URL).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "export-bucket" {
		t.Fatalf("the program printed %q (%v)", out, err)
	}
	if accept != "application/vnd.atlas.2023-01-01+json" {
		t.Errorf("the pinned operation sent Accept %q", accept)
	}
	if !strings.Contains(string(body), `"iamRoleId":"role-7"`) {
		t.Errorf("the request body %s lacks the role the overlay allows", body)
	}
}
