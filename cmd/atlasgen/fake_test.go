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
	os.WriteFile("go.mod", []byte("// a comment\nmodule   \"example.com/m\" // my module\n\ngo 1.26\n"), 0o644)
	if imp, err := snapshotImport("internal/sdk"); err != nil || imp != "example.com/m/internal/sdk" {
		t.Errorf("import %q, %v", imp, err)
	}
}

// fakeShapesSpec has what the fake's routing and judging must tell apart:
// a literal path beside a parameter one, an alternate media type, a path
// parameter that may hold a slash, and a list body.
const fakeShapesSpec = `openapi: 3.0.3
info: {title: shapes, version: "1"}
paths:
  /api/atlas/v2/invoices/pending:
    get:
      operationId: listPendingInvoices
      responses:
        "200": {description: OK, content: {application/vnd.atlas.2023-01-01+json: {schema: {type: array, items: {type: string}}}}}
  /api/atlas/v2/invoices/{invoiceId}:
    get:
      operationId: getInvoice
      parameters: [{name: invoiceId, in: path, required: true, schema: {type: string, pattern: '^[a-f0-9]{24}$'}}]
      responses:
        "200":
          description: OK
          content:
            application/vnd.atlas.2023-01-01+json: {schema: {type: object, properties: {id: {type: string}}}}
            application/vnd.atlas.2023-01-01+csv: {schema: {type: string}}
  /api/atlas/v2/users/{username}:
    get:
      operationId: getUser
      parameters: [{name: username, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: OK, content: {application/vnd.atlas.2023-01-01+json: {schema: {type: object, properties: {name: {type: string}}}}}}
  /api/atlas/v2/teams:
    post:
      operationId: addTeamUsers
      requestBody:
        required: true
        content:
          application/vnd.atlas.2023-01-01+json:
            schema: {type: array, items: {$ref: '#/components/schemas/User'}}
      responses:
        "200": {description: OK, content: {application/vnd.atlas.2023-01-01+json: {schema: {type: object, properties: {n: {type: integer}}}}}}
  /api/atlas/v2/clusters/{clusterName}/processArgs:
    patch:
      operationId: updateProcessArgs
      parameters: [{name: clusterName, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/vnd.atlas.2023-01-01+json: {schema: {$ref: '#/components/schemas/ProcessArgs'}}}
      responses:
        "200": {description: OK, content: {application/vnd.atlas.2023-01-01+json: {schema: {$ref: '#/components/schemas/ProcessArgs'}}}}
  /api/atlas/v2/members:
    post:
      operationId: addMembers
      requestBody:
        required: true
        content: {application/vnd.atlas.2023-01-01+json: {schema: {type: array, items: {$ref: '#/components/schemas/Member'}}}}
      responses:
        "204": {description: Added.}
  /api/atlas/v2/targets:
    post:
      operationId: addTargets
      requestBody:
        required: true
        content: {application/vnd.atlas.2023-01-01+json: {schema: {type: array, items: {$ref: '#/components/schemas/Target'}}}}
      responses:
        "204": {description: Added.}
components:
  schemas:
    Target:
      nullable: true
      oneOf: [{$ref: '#/components/schemas/Email'}, {$ref: '#/components/schemas/Hook'}]
      discriminator: {propertyName: kind, mapping: {EMAIL: '#/components/schemas/Email', HOOK: '#/components/schemas/Hook'}}
    Email:
      type: object
      required: [kind, address]
      properties: {kind: {type: string}, address: {type: string, pattern: '^[^@]+@[^@]+$'}}
    Hook:
      type: object
      required: [kind, url]
      properties: {kind: {type: string}, url: {type: string}}
    User:
      type: object
      required: [id]
      properties:
        id: {type: string, pattern: '^[a-f0-9]{24}$'}
    ProcessArgs:
      type: object
      properties:
        oplogMinRetentionHours: {type: number, format: double, nullable: true, minimum: 1}
    Member:
      type: object
      nullable: true
      required: [id]
      properties:
        id: {type: string, pattern: '^[a-f0-9]{24}$'}
`

const fakeShapesTest = `package app

import (
	"context"
	"io"
	"strings"
	"testing"

	"example.com/app/internal/atlas"
	"example.com/app/internal/atlas/atlasfake"
)

func last(srv *atlasfake.Server) atlasfake.Call {
	calls := srv.Calls()
	return calls[len(calls)-1]
}

func TestRoutingAndJudging(t *testing.T) {
	ctx := context.Background()
	srv := atlasfake.New(t, atlasfake.WithServiceAccount("id", "secret"))
	client, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()), atlas.WithServiceAccount("id", "secret"))
	if _, err := client.ListPendingInvoices(ctx, atlas.ListPendingInvoicesParams{}); err != nil || last(srv).Operation != atlasfake.ListPendingInvoices {
		t.Errorf("a literal path beside a parameter one: %v, %+v", err, last(srv))
	}
	srv.Reply(atlasfake.GetInvoiceCSV, 200, "a,b\n")
	body, err := client.GetInvoiceCSV(ctx, atlas.GetInvoiceParams{InvoiceID: "32b6e34b3d91647abb20e7b8"})
	if err != nil {
		t.Fatalf("an alternate media type: %v, %+v", err, last(srv))
	}
	data, _ := io.ReadAll(body)
	body.Close()
	if string(data) != "a,b\n" || last(srv).Operation != atlasfake.GetInvoiceCSV {
		t.Errorf("the alternate answered %q as %s", data, last(srv).Operation)
	}
	if _, err := client.GetUser(ctx, atlas.GetUserParams{Username: "CN=a/b,OU=x"}); err != nil || len(last(srv).Problems) > 0 {
		t.Errorf("a slash in a path parameter: %v, %+v", err, last(srv))
	}
	raw, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()), atlas.WithServiceAccount("id", "secret"), atlas.WithoutValidation())
	if _, err := raw.AddTeamUsers(ctx, atlas.AddTeamUsersParams{}, []atlas.User{{ID: "nothex"}}); err == nil || !strings.Contains(strings.Join(last(srv).Problems, ";"), "id") {
		t.Errorf("a bad list item: %v, %+v", err, last(srv))
	}
	// A second client has a token of its own; the first keeps working.
	if _, err := raw.GetUser(ctx, atlas.GetUserParams{Username: "u"}); err != nil {
		t.Errorf("the second client: %v", err)
	}
	if _, err := client.GetUser(ctx, atlas.GetUserParams{Username: "u"}); err != nil {
		t.Errorf("the first client after the second got its token: %v", err)
	}
}

// TestNulls: the fake takes null where the snapshot allows it, and still
// judges the values nullable properties and list items hold.
func TestNulls(t *testing.T) {
	ctx := context.Background()
	srv := atlasfake.New(t)
	client, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()))
	raw, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL()), atlas.WithoutValidation())
	args := atlas.UpdateProcessArgsParams{ClusterName: "c"}
	_, err := client.UpdateProcessArgs(ctx, args, &atlas.ProcessArgs{OplogMinRetentionHours: atlas.Null[float64]()})
	if err != nil || len(last(srv).Problems) > 0 || string(last(srv).Raw) != ` + "`" + `{"oplogMinRetentionHours":null}` + "`" + ` {
		t.Errorf("null: %v, %s, %+v", err, last(srv).Raw, last(srv).Problems)
	}
	if got := last(srv).Body.(*atlas.ProcessArgs); !got.OplogMinRetentionHours.IsNull() {
		t.Errorf("the fake decoded %+v", got)
	}
	_, err = raw.UpdateProcessArgs(ctx, args, &atlas.ProcessArgs{OplogMinRetentionHours: atlas.Value(0.5)})
	if err == nil || !strings.Contains(strings.Join(last(srv).Problems, ";"), "oplogMinRetentionHours") {
		t.Errorf("a value below the minimum: %v, %+v", err, last(srv).Problems)
	}
	members := []atlas.Nullable[atlas.Member]{atlas.Null[atlas.Member](), atlas.Value(atlas.Member{ID: "32b6e34b3d91647abb20e7b8"})}
	if err := client.AddMembers(ctx, atlas.AddMembersParams{}, members); err != nil || len(last(srv).Problems) > 0 {
		t.Errorf("a null list item: %v, %+v", err, last(srv).Problems)
	}
	members[1] = atlas.Value(atlas.Member{ID: "nothex"})
	if err := client.AddMembers(ctx, atlas.AddMembersParams{}, members); err == nil || !strings.Contains(err.Error(), "body[1].id") {
		t.Errorf("the client judges the value a list item holds: %v", err)
	}
	if err := raw.AddMembers(ctx, atlas.AddMembersParams{}, members); err == nil || !strings.Contains(strings.Join(last(srv).Problems, ";"), "body[1]: ") {
		t.Errorf("a bad item beside a null one: %v, %+v", err, last(srv).Problems)
	}
	// A list of unions decodes through the snapshot's decoder, null items too.
	targets := []atlas.Nullable[atlas.Target]{atlas.Null[atlas.Target](), atlas.Value[atlas.Target](&atlas.TargetEmail{Address: "a@b"})}
	if err := client.AddTargets(ctx, atlas.AddTargetsParams{}, targets); err != nil || len(last(srv).Problems) > 0 {
		t.Errorf("a list of unions: %v, %+v", err, last(srv).Problems)
	}
	if got := last(srv).Body.(*[]atlas.Nullable[atlas.Target]); len(*got) != 2 || !(*got)[0].IsNull() {
		t.Errorf("the fake decoded %+v", got)
	}
	targets[1] = atlas.Value[atlas.Target](&atlas.TargetEmail{Address: "nobody"})
	if err := client.AddTargets(ctx, atlas.AddTargetsParams{}, targets); err == nil || !strings.Contains(err.Error(), "body[1].address") {
		t.Errorf("the client judges the union a list item holds: %v", err)
	}
	if err := raw.AddTargets(ctx, atlas.AddTargetsParams{}, targets); err == nil || !strings.Contains(strings.Join(last(srv).Problems, ";"), "body[1]: ") {
		t.Errorf("a bad union item: %v, %+v", err, last(srv).Problems)
	}
}
`

// TestFakeRoutesAndJudgesShapes: the fake routes a literal path before a
// parameter one and an alternate media type to its own operation, takes
// a path parameter holding a slash, judges list bodies item by item, and
// keeps every token it issued, takes null where the snapshot allows it,
// decodes a list of unions through the snapshot's decoder;
// generated for a package named like one of its own helpers, it still
// builds.
func TestFakeRoutesAndJudgesShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir, goCmd := newModule(t)
	os.WriteFile(filepath.Join(dir, "shapes.yaml"), []byte(fakeShapesSpec), 0o644)
	os.WriteFile(filepath.Join(dir, "atlasgen.yaml"), []byte("spec: shapes.yaml\nout: internal/atlas\npackage: atlas\nfake: true\n"), 0o644)
	goCmd("tool", "atlasgen", "generate")
	os.WriteFile(filepath.Join(dir, "app_test.go"), []byte(fakeShapesTest), 0o644)
	goCmd("mod", "tidy")
	goCmd("test", "-count=1", "-race", "./...") // the server is shared by a test's goroutines
	goCmd("tool", "atlasgen", "generate", "-out", "internal/operation", "-package", "operation")
	goCmd("vet", "./internal/operation/...")
}
