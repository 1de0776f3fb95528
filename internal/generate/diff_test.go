package generate

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// diffFiles diffs two spec texts with the default options.
func diffFiles(t *testing.T, oldName string, old []byte, newName string, new []byte, kept bool) []Change {
	t.Helper()
	var apis [2]*Result
	var locs [2]Locator
	for i, in := range []Inputs{Doc(oldName, old), Doc(newName, new)} {
		api, err := Parse(in, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if locs[i], err = LocatorOf(in); err != nil {
			t.Fatal(err)
		}
		apis[i] = &Result{API: api}
	}
	return Diff(apis[0].API, apis[1].API, locs[0], locs[1], kept)
}

func summary(changes []Change) []string {
	var out []string
	for _, c := range changes {
		s := c.Severity + " " + c.Kind + " " + c.Symbol
		if c.NewSymbol != "" {
			s += " → " + c.NewSymbol
		}
		out = append(out, s)
	}
	return out
}

// TestDiffKindsAndSeverities: the test pair has one change of each kind
// the issue names — the export bucket's version moving, a renamed
// operation (one change, not a removal and an addition), a new required
// field, an enum value removed, a variant added — and a few more (the
// renamed operation's parameter enum is one type renamed); each is
// reported with its kind, severity and the old SDK's symbol, located in
// the spec that has it. With a lock, the rename is additive.
func TestDiffKindsAndSeverities(t *testing.T) {
	old, _ := os.ReadFile("testdata/diff/old.yaml")
	new, _ := os.ReadFile("testdata/diff/new.yaml")
	changes := diffFiles(t, "old.yaml", old, "new.yaml", new, false)
	want := []string{
		"breaking field-removed Bucket.Legacy",
		"breaking enum-value-removed BucketCloudProviderGCP",
		"breaking operation-removed Client.DeleteGone",
		"breaking operation-renamed Client.GetAtlasResourcePolicies → Client.ListOrgResourcePolicies",
		"breaking type-renamed GetAtlasResourcePoliciesParamsState → ListOrgResourcePoliciesParamsState",
		"wire constraint-tightened Bucket.BucketName",
		"wire field-added Bucket.IAMRoleID",
		"wire variant-added PeerGCP",
		"wire operation-version-changed Client.CreateExportBucket",
		"additive operation-added Client.GetNew",
		"additive parameter-added GetAtlasResourcePoliciesParams.Page",
		"info operation-deprecated Client.GetAtlasResourcePolicies",
	}
	if diff := cmp.Diff(want, summary(changes)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	for _, c := range changes {
		if c.Old == nil && c.New == nil || c.Old != nil && !strings.HasPrefix(c.Old.File, "old.yaml") || c.New != nil && c.New.File != "new.yaml" || c.Old != nil && c.Old.Line == 0 {
			t.Errorf("%s %s is not located in its spec: %v %v", c.Kind, c.Symbol, c.Old, c.New)
		}
	}
	kept := summary(diffFiles(t, "old.yaml", old, "new.yaml", new, true))
	if !strings.Contains(strings.Join(kept, "\n"), "additive operation-renamed Client.GetAtlasResourcePolicies → Client.ListOrgResourcePolicies") {
		t.Errorf("with the lock, the rename is not additive:\n%s", strings.Join(kept, "\n"))
	}
}

// TestDiffJSONIsStable: -json's report is the same bytes run after run,
// and reads back as the changes.
func TestDiffJSONIsStable(t *testing.T) {
	old, _ := os.ReadFile("testdata/diff/old.yaml")
	new, _ := os.ReadFile("testdata/diff/new.yaml")
	var outs [2]bytes.Buffer
	for i := range outs {
		if err := NewDiffReport(diffFiles(t, "old.yaml", old, "new.yaml", new, false)).WriteJSON(&outs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Fatal("two runs printed different JSON")
	}
	var back DiffReport
	if err := json.Unmarshal(outs[0].Bytes(), &back); err != nil || back.Counts[Breaking] != 5 || len(back.Changes) != 12 {
		t.Errorf("read back %+v (%v)", back.Counts, err)
	}
}

// TestDiffUpstreamRename: on the upstream spec, an operationId rename made
// at test time is exactly one change (its params type and every derived
// name follow, by key), and an enum value removed at test time is found
// among 454 operations.
func TestDiffUpstreamRename(t *testing.T) {
	data := readUpstream(t)
	old := bytes.Replace(data, []byte("operationId: listOrgResourcePolicies"), []byte("operationId: getAtlasResourcePolicies"), 1)
	got := summary(diffFiles(t, "old.yaml", old, "upstream.yaml", data, false))
	if want := []string{"breaking operation-renamed Client.GetAtlasResourcePolicies → Client.ListOrgResourcePolicies"}; !cmp.Equal(want, got) {
		t.Errorf("a rename on upstream: %v", got)
	}
	edited := bytes.Replace(data, []byte("                        - GROUP_STREAM_PROCESSING_OWNER\n"), nil, 1)
	if bytes.Equal(edited, data) {
		t.Fatal("the enum value to remove is not in upstream")
	}
	got = summary(diffFiles(t, "upstream.yaml", data, "edited.yaml", edited, false))
	if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "breaking enum-value-removed") {
		t.Errorf("an enum value removed from upstream: %v", got)
	}
}

// TestDiffIteratorsAndKinds: an operation that loses its iterator loses a
// method; a type that becomes another kind (a struct that is now a union)
// is one breaking change, its fields not compared.
func TestDiffIteratorsAndKinds(t *testing.T) {
	params := &ir.ParamSet{GoName: "ListThingsParams"}
	paged := &ir.Operation{ID: "listThings", GoName: "ListThings", Method: "GET", Path: "/things", Pointer: "#/paths/~1things/get",
		Params: params, Pagination: &ir.Pagination{GoName: "ListThingsAll"}}
	plain := *paged
	plain.Pagination = nil
	thing := &ir.Type{Name: "Thing", Key: "#/components/schemas/Thing", Kind: ir.KindStruct, Fields: []ir.Field{{JSONName: "a", GoName: "A"}}}
	union := &ir.Type{Name: "Thing", Key: thing.Key, Kind: ir.KindUnion, Union: &ir.Union{}}
	got := summary(Diff(&ir.API{Operations: []*ir.Operation{paged}, Types: []*ir.Type{thing}},
		&ir.API{Operations: []*ir.Operation{&plain}, Types: []*ir.Type{union}}, nil, nil, false))
	want := []string{"breaking method-removed Client.ListThingsAll", "breaking type-kind-changed Thing"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

// diffBase is edited by TestDiffFindsWhatGoSees, one edit a case.
const diffBase = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      parameters:
        - {name: mode, in: query, schema: {type: string}}
      requestBody:
        required: false
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "204": {description: Done.}
  /pets:
    get:
      operationId: getPet
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Thing:
      type: object
      properties:
        size: {type: integer, minimum: 1}
        id: {type: string}
        tags: {type: array, items: {type: string}}
    Pet:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
      oneOf:
        - $ref: '#/components/schemas/Cat'
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/Cat'}
    Cat:
      type: object
      properties:
        kind: {type: string}
        meow: {type: boolean}
`

// TestDiffFindsWhatGoSees: each edit of the base changes what a Go caller
// sees, and is reported as what it is; a change Go does not see (a
// nullable parameter: null cannot travel in a query) is not reported.
func TestDiffFindsWhatGoSees(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"discriminator", "propertyName: kind", "propertyName: species", "breaking discriminator-changed Pet.Kind"},
		{"stream result", `"204": {description: Done.}`, `"200": {description: CSV, content: {application/vnd.atlas.2024-01-01+csv: {schema: {type: string}}}}`,
			"breaking result-type-changed Client.CreateThing"},
		{"nullable items", "items: {type: string}", "items: {type: string, nullable: true}", "breaking field-type-changed Thing.Tags"},
		{"nullable field", "id: {type: string}", "id: {type: string, nullable: true}", "breaking field-type-changed Thing.ID"},
		{"nullable parameter", "schema: {type: string}}", "schema: {type: string, nullable: true}}", ""},
		{"parameter moved", "{name: mode, in: query", "{name: mode, in: header", "wire parameter-moved CreateThingParams.Mode"},
		{"interface renamed", "        meow: {type: boolean}\n", "        meow: {type: boolean}\n        api: {$ref: '#/components/schemas/API'}\n    API: {type: object, properties: {x: {type: string}}}\n",
			"breaking interface-renamed API → ClientAPI"},
		{"exclusive minimum", "minimum: 1}", "minimum: 1, exclusiveMinimum: true}", "wire constraint-tightened Thing.Size"},
		{"format", "id: {type: string}", "id: {type: string, format: uuid}", "wire constraint-tightened Thing.ID"},
		{"body required", "required: false", "required: true", "wire body-required Client.CreateThing"},
		{"success status", `"204": {description: Done.}`, `"204": {description: Done.}
        "202": {description: Accepted.}`, "wire response-added Client.CreateThing"},
		{"error status", `"204": {description: Done.}`, `"204": {description: Done.}
        "409": {description: Conflict.}`, "info response-added Client.CreateThing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(diffBase, tc.from, tc.to, 1)
			if edited == diffBase {
				t.Fatal("the edit does not apply")
			}
			got := summary(diffFiles(t, "base.yaml", []byte(diffBase), "edited.yaml", []byte(edited), false))
			if tc.want == "" && len(got) > 0 || tc.want != "" && !slices.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDiffSeesBoxingInsideNullable: a new property that closes a cycle of
// nullable structs boxes a field that did not change in the spec, from
// Nullable[A] to Nullable[*A]: Go callers see it, so diff reports it.
func TestDiffSeesBoxingInsideNullable(t *testing.T) {
	const old = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
components:
  schemas:
    A: {type: object, nullable: true, properties: {x: {type: string}}}
    B: {type: object, nullable: true, properties: {a: {$ref: '#/components/schemas/A'}}}
`
	edited := strings.Replace(old, "properties: {x: {type: string}}", "properties: {x: {type: string}, b: {$ref: '#/components/schemas/B'}}", 1)
	got := summary(diffFiles(t, "old.yaml", []byte(old), "new.yaml", []byte(edited), false))
	if !slices.Contains(got, "additive field-added A.B") || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "breaking field-type-changed ") }) {
		t.Errorf("got %q, want A.B added and the boxed field's type changed", got)
	}
}
