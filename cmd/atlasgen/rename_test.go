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

// thingsSpec has a paginated list with an enum parameter and a create
// with an inline body holding an enum: every kind of name an operationId
// hands down.
const thingsSpec = `openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /api/atlas/v2/things:
    get:
      operationId: getThings
      parameters:
        - {name: status, in: query, schema: {type: string, enum: [ACTIVE, GONE]}}
        - {name: pageNum, in: query, schema: {type: integer, default: 1}}
        - {name: itemsPerPage, in: query, schema: {type: integer, default: 100}}
      responses:
        "200":
          description: OK
          content:
            application/vnd.atlas.2024-01-01+json:
              schema: {$ref: '#/components/schemas/PaginatedThings'}
    post:
      operationId: createThing
      requestBody:
        content:
          application/vnd.atlas.2024-01-01+json:
            schema:
              type: object
              properties:
                name: {type: string}
                kind: {type: string, enum: [BIG, SMALL]}
      responses:
        "200":
          description: OK
          content:
            application/vnd.atlas.2024-01-01+json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    PaginatedThings:
      type: object
      properties:
        results: {type: array, items: {$ref: '#/components/schemas/Thing'}}
        totalCount: {type: integer}
    Thing:
      type: object
      properties:
        name: {type: string}
`

// thingsMain calls the SDK by the names the first spec gives.
const thingsMain = `package main

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
	ctx := context.Background()
	for thing, err := range client.GetThingsAll(ctx, atlas.GetThingsParams{Status: atlas.Ptr(atlas.GetThingsParamsStatusActive)}) {
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("listed", *thing.Name)
	}
	var api atlas.API = client // kept names are in the interface too
	made, err := api.CreateThing(ctx, atlas.CreateThingParams{},
		&atlas.CreateThingBody{Name: atlas.Ptr("box"), Kind: atlas.Ptr(atlas.CreateThingBodyKindBig)})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("made", *made.Name)
}
`

// TestRenamedOperationsKeepCallersCompiling: upstream renames both
// operationIds; regenerating over the lock keeps every name the caller
// uses (method, iterator, params, inline body, enums and constants) as a
// deprecated forwarder or alias, so the caller builds and behaves as
// before, across a further regeneration too; -unlock drops them and the
// caller no longer builds.
func TestRenamedOperationsKeepCallersCompiling(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir, goCmd := newModule(t)
	t.Chdir(dir)
	os.WriteFile("atlasgen.yaml", []byte("spec: things.yaml\nout: internal/atlas\n"), 0o644)
	os.WriteFile("things.yaml", []byte(thingsSpec), 0o644)
	if code, _, stderr := runCLI("generate"); code != exitOK {
		t.Fatalf("first generate: exit %d: %s", code, stderr)
	}
	os.WriteFile("main.go", []byte(thingsMain), 0o644)
	goCmd("mod", "tidy")
	srv := thingsServer(t)
	run := func(when string) {
		t.Helper()
		goCmd("build", "-o", "app", ".")
		out, err := exec.Command(filepath.Join(dir, "app"), srv.URL).CombinedOutput()
		if want := "listed a\nmade box\n"; err != nil || string(out) != want {
			t.Fatalf("%s: the program printed %q (%v), want %q", when, out, err, want)
		}
	}
	run("before the rename")

	renamed := strings.NewReplacer("operationId: getThings", "operationId: listThings", "operationId: createThing", "operationId: addThing").Replace(thingsSpec)
	os.WriteFile("things.yaml", []byte(renamed), 0o644)
	code, _, stderr := runCLI("generate")
	if code != exitOK || !strings.Contains(stderr, "GetThings stays, deprecated, forwarding to ListThings: the operationId of GET /api/atlas/v2/things was getThings and is now listThings") {
		t.Fatalf("generate after the rename: exit %d:\n%s", code, stderr)
	}
	run("after the rename")
	if code, stdout, stderr := runCLI("inspect", "-lock", "internal/atlas"); code != exitOK ||
		!strings.Contains(stdout, "kept: GetThings → ListThings (the operationId of GET /api/atlas/v2/things was getThings and is now listThings)") ||
		!strings.Contains(stdout, "GET    /api/atlas/v2/things  listThings → ListThings(ListThingsParams) ListThingsAll ListThingsParamsStatus") {
		t.Errorf("inspect -lock: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI("check"); code != exitOK {
		t.Errorf("check after the rename: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI("generate"); code != exitOK || !strings.Contains(stderr, "earlier names kept") {
		t.Fatalf("a second generate must keep what the first kept: exit %d:\n%s", code, stderr)
	}
	run("after a second regeneration")

	if code, _, stderr := runCLI("generate", "-unlock"); code != exitOK || strings.Contains(stderr, "kept") {
		t.Fatalf("generate -unlock: exit %d:\n%s", code, stderr)
	}
	out, err := goIn(dir, "build", "-o", "app", ".")
	if err == nil || !strings.Contains(out, "GetThingsAll") {
		t.Errorf("after -unlock the old names should be gone and the caller fail to build: %v\n%s", err, out)
	}
}

// thingsServer answers the two operations, checking what the caller sent.
func thingsServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.atlas.2024-01-01+json")
		body, _ := io.ReadAll(r.Body)
		switch {
		case r.Method == http.MethodGet && r.URL.Query().Get("status") == "ACTIVE":
			w.Write([]byte(`{"results":[{"name":"a"}],"totalCount":1}`))
		case r.Method == http.MethodPost && string(body) == `{"kind":"BIG","name":"box"}`:
			w.Write([]byte(`{"name":"box"}`))
		default:
			t.Errorf("unexpected request %s %s %s", r.Method, r.URL, body)
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}
