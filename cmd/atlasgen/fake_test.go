package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// downstreamFakeTest is a user's test written against the generated fake.
const downstreamFakeTest = `package app

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"example.com/app/internal/atlas"
	"example.com/app/internal/atlas/atlasfake"
)

const group = "32b6e34b3d91647abb20e7b8"

func awsPeer() *atlas.BaseNetworkPeeringConnectionSettingsRequestAWS {
	return &atlas.BaseNetworkPeeringConnectionSettingsRequestAWS{ContainerID: group, AccepterRegionName: "us-east-1",
		AWSAccountID: "123456789012", RouteTableCIDRBlock: "10.0.0.0/16", VPCID: "vpc-0123456789abcdef0"}
}

func problems(srv *atlasfake.Server) string {
	calls := srv.Calls()
	return strings.Join(calls[len(calls)-1].Problems, "; ")
}

func TestTheFakeJudgesRequests(t *testing.T) {
	ctx := context.Background()
	srv := atlasfake.New(t)
	client, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()))
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, awsPeer()); err != nil || problems(srv) != "" {
		t.Fatalf("a valid call: %v, problems %q", err, problems(srv))
	}
	if got := srv.Calls()[0]; got.Operation != atlasfake.CreateGroupPeer || got.Body == nil {
		t.Errorf("recorded %+v", got)
	}

	// The client validates before sending; without it, the fake catches
	// what Atlas would refuse.
	raw, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()), atlas.WithoutValidation())
	noVPC := awsPeer()
	noVPC.VPCID = ""
	_, err := raw.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, noVPC)
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 400 || !strings.Contains(problems(srv), "vpcId") {
		t.Errorf("a missing required field: %v, problems %q", err, problems(srv))
	}
	_, err = raw.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: "not-a-group"}, awsPeer())
	if !errors.As(err, &apiErr) || !strings.Contains(problems(srv), "parameters:") {
		t.Errorf("a bad parameter: %v, problems %q", err, problems(srv))
	}
	req, _ := http.NewRequest("POST", srv.URL()+"/api/atlas/v2/groups/"+group+"/peers", strings.NewReader("{}"))
	req.Header.Set("Accept", "application/vnd.atlas.2020-01-01+json")
	req.Header.Set("Content-Type", "application/vnd.atlas.2020-01-01+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 400 || !strings.Contains(problems(srv), "Accept") {
		t.Errorf("a wrong version: %v %v, problems %q", resp, err, problems(srv))
	}

	srv.Reply(atlasfake.CreateGroupPeer, 200, map[string]any{"providerName": "GCP", "gcpProjectId": "p", "networkName": "n"})
	peer, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, awsPeer())
	if _, gcp := peer.(*atlas.BaseNetworkPeeringConnectionSettingsGCP); err != nil || !gcp {
		t.Errorf("the queued reply: %#v, %v", peer, err)
	}
}

func TestTheFakeAuthenticates(t *testing.T) {
	ctx := context.Background()
	lenient := atlasfake.New(t, atlasfake.Lenient(), atlasfake.WithDigest("pub", "priv"))
	client, _ := atlas.NewClient(atlas.WithBaseURL(lenient.URL()), atlas.WithDigestAuth("pub", "priv"), atlas.WithoutValidation())
	noVPC := awsPeer()
	noVPC.VPCID = ""
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, noVPC); err != nil || !strings.Contains(problems(lenient), "vpcId") {
		t.Errorf("lenient and digest: %v, problems %q", err, problems(lenient))
	}
	wrong, _ := atlas.NewClient(atlas.WithBaseURL(lenient.URL()), atlas.WithDigestAuth("pub", "nope"))
	var apiErr *atlas.APIError
	if _, err := wrong.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, awsPeer()); !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 {
		t.Errorf("a wrong key: %v", err)
	}
	oauth := atlasfake.New(t, atlasfake.WithServiceAccount("id", "secret"))
	sa, _ := atlas.NewClient(atlas.WithBaseURL(oauth.URL()), atlas.WithServiceAccount("id", "secret"))
	if _, err := sa.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: group}, awsPeer()); err != nil {
		t.Errorf("a service account: %v", err)
	}
}
`

// TestDownstreamFake: a fresh module generates its SDK with fake: true
// and runs a test written against atlasfake: a valid call, a missing
// required field and a bad parameter (sent WithoutValidation), a wrong
// version (a raw request), a queued reply, Lenient, digest and OAuth.
// Turning fake off removes the sub-package.
func TestDownstreamFake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir, goCmd := newModule(t)
	os.WriteFile(filepath.Join(dir, "gen.go"), []byte("package app\n\n//go:generate go tool atlasgen generate\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "atlasgen.yaml"), []byte("out: internal/atlas\ninclude: {operations: [createGroupPeer]}\nfake: true\n"), 0o644)
	goCmd("generate", "./...")
	os.WriteFile(filepath.Join(dir, "app_test.go"), []byte(downstreamFakeTest), 0o644)
	goCmd("mod", "tidy")
	if out := goCmd("test", "-count=1", "./..."); !strings.Contains(out, "ok") {
		t.Errorf("go test:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, "atlasgen.yaml"), []byte("out: internal/atlas\ninclude: {operations: [createGroupPeer]}\n"), 0o644)
	// go generate ./... lists its packages first, atlasfake among them: the
	// tool is run directly, as after any change that removes a package.
	goCmd("tool", "atlasgen", "generate")
	if _, err := os.Stat(filepath.Join(dir, "internal", "atlas", "atlasfake")); err == nil {
		t.Error("fake: false left the atlasfake sub-package")
	}
}

// TestFakeNeedsAModule: the fake imports the snapshot, so -fake needs the
// output directory inside a Go module; the import path follows go.mod.
func TestFakeNeedsAModule(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	t.Chdir(t.TempDir())
	if code, _, stderr := runCLI("generate", "-out", "sdk", "-fake"); code != exitUsage || !strings.Contains(stderr, "-fake needs sdk inside a Go module: no go.mod above it") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	os.WriteFile("go.mod", []byte("// a comment\nmodule   \"example.com/m\"\n\ngo 1.26\n"), 0o644)
	if imp, err := snapshotImport("internal/sdk"); err != nil || imp != "example.com/m/internal/sdk" {
		t.Errorf("import %q, %v", imp, err)
	}
}
