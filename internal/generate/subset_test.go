package generate

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
	"github.com/atlasgen/atlasgen/spec"
)

// declarations maps every top-level declaration of a generated package but
// its imports to its source text, keyed by file, kind and offset.
func declarations(t *testing.T, res *Result) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range res.Files {
		fset := token.NewFileSet()
		file, err := goparser.ParseFile(fset, f.Path, f.Data, goparser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				continue // a smaller package may import less
			}
			start, end := fset.Position(d.Pos()).Offset, fset.Position(d.End()).Offset
			out[f.Path+" "+declName(d)+" "+strconv.Itoa(start)] = string(f.Data[start:end])
		}
	}
	return out
}

func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return "method " + d.Name.Name
		}
		return "func " + d.Name.Name
	case *ast.GenDecl:
		return d.Tok.String()
	}
	return "?"
}

// assertSubset checks every declaration of the subset stands, byte for
// byte, in the full package.
func assertSubset(t *testing.T, full, sub *Result) {
	t.Helper()
	all := map[string]bool{}
	for _, text := range declarations(t, full) {
		all[text] = true
	}
	for key, text := range declarations(t, sub) {
		if strings.HasPrefix(key, "api.go ") {
			continue // the interface lists the subset's methods: the one declaration that differs
		}
		if !all[text] {
			t.Errorf("%s differs from the full SDK:\n%.400s", key, text)
		}
	}
}

// TestSubsetsAreSlicesOfTheWholeSDK: include/exclude keep the chosen
// operations and the types they reach, each declaration byte-identical to
// the full SDK's (names are settled over the whole document first).
func TestSubsetsAreSlicesOfTheWholeSDK(t *testing.T) {
	full := generateWith(t, spec.Document(), packageOptions("atlas"))
	opts := packageOptions("atlas")
	opts.Include = parser.Selection{Tags: []string{"Network Peering"}}
	sub := generateWith(t, spec.Document(), opts)
	if len(sub.API.Operations) != 1 || sub.API.Operations[0].ID != "createGroupPeer" {
		t.Fatalf("operations kept: %v", sub.API.Operations)
	}
	assertSubset(t, full, sub)
	if len(sub.API.Types) >= len(full.API.Types) {
		t.Errorf("the subset kept all %d types", len(sub.API.Types))
	}
	opts = packageOptions("atlas")
	opts.Exclude = parser.Selection{Operations: []string{"createGroupPeer"}}
	rest := generateWith(t, spec.Document(), opts)
	assertSubset(t, full, rest)
	for _, o := range rest.API.Operations {
		if o.ID == "createGroupPeer" {
			t.Error("an excluded operation was kept")
		}
	}
}

// TestUpstreamOneTagSDK: one tag of the upstream spec is a small slice of
// the whole, declaration for declaration the same.
func TestUpstreamOneTagSDK(t *testing.T) {
	data := readUpstream(t)
	full := generateWith(t, data, packageOptions("atlas"))
	opts := packageOptions("atlas")
	opts.Include = parser.Selection{Tags: []string{"Network Peering", "Clusters"}}
	sub := generateWith(t, data, opts)
	assertSubset(t, full, sub)
	lines := func(r *Result) (n int) {
		for _, f := range r.Files {
			n += strings.Count(string(f.Data), "\n")
		}
		return n
	}
	t.Logf("Network Peering + Clusters: %d of %d operations, %d of %d lines", len(sub.API.Operations), len(full.API.Operations), lines(sub), lines(full))
	if lines(sub)*4 > lines(full) {
		t.Errorf("two tags are %d of %d lines", lines(sub), lines(full))
	}
}

func generateWith(t *testing.T, data []byte, opts Options) *Result {
	t.Helper()
	res, err := Run(Doc("spec.yaml", data), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSubsetKeepsTheWholeSDKsNames: operationIds aB and a_b meet as AB;
// the whole SDK gives AB to aB, so an SDK of a_b alone must still call it
// by its hashed name, or code written against the whole SDK would break.
func TestSubsetKeepsTheWholeSDKsNames(t *testing.T) {
	doc := []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /one:
    get:
      operationId: aB
      tags: [One]
      responses: {"204": {description: done}}
  /two:
    get:
      operationId: a_b
      tags: [Two]
      responses: {"204": {description: done}}
`)
	full := generateWith(t, doc, packageOptions("atlas"))
	opts := packageOptions("atlas")
	opts.Include = parser.Selection{Tags: []string{"Two"}}
	sub := generateWith(t, doc, opts)
	var want string
	for _, o := range full.API.Operations {
		if o.ID == "a_b" {
			want = o.GoName
		}
	}
	if len(sub.API.Operations) != 1 || sub.API.Operations[0].GoName != want || want == "AB" {
		t.Errorf("a_b is %v in the subset, %q in the whole SDK", sub.API.Operations, want)
	}
	assertSubset(t, full, sub)
}

// TestSelectionAndVersionErrors: a tag or operationId the spec does not
// have, a bad date, and a pin before every version of the operation are
// errors located by their option's pointer.
func TestSelectionAndVersionErrors(t *testing.T) {
	for _, tc := range []struct {
		set  func(*Options)
		want string
	}{
		{func(o *Options) { o.Include.Tags = []string{"Network Peering", "Clusterz"} }, `options: #/include/tags/1: no operation has tag "Clusterz"`},
		{func(o *Options) { o.Exclude.Operations = []string{"deleteCluster"} }, `options: #/exclude/operations/0: no operation has operationId "deleteCluster"`},
		{func(o *Options) { o.Versions = map[string]string{"getNothing": "2024-01-01"} }, `options: #/versions/getNothing: no operation has operationId "getNothing"`},
		{func(o *Options) { o.Versions = map[string]string{"createExportBucket": "2024-02-31"} }, `options: #/versions/createExportBucket: invalid date "2024-02-31"`},
		{func(o *Options) { o.Versions = map[string]string{"createExportBucket": "2020-01-01"} },
			`options: #/versions/createExportBucket: createExportBucket has no version on or before 2020-01-01 (its first is 2023-01-01)`},
	} {
		opts := packageOptions("atlas")
		tc.set(&opts)
		_, err := Run(Doc(spec.FileName, spec.Document()), opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}

// TestNamesOverride: the names option renames a method and a type; what
// derives from them follows (the params type, the request twin), and
// everything else keeps its name. Bad or clashing names are located errors; a name for an
// operation the subset leaves out is a warning.
func TestNamesOverride(t *testing.T) {
	opts := packageOptions("atlas")
	opts.Names = parser.Names{Operations: map[string]string{"createGroupPeer": "AddPeer"},
		Schemas: map[string]string{"ObjectStoragePrivateEndpoint": "BackupEndpoint"}}
	res := generateWith(t, spec.Document(), opts)
	ops, types := map[string]bool{}, map[string]bool{}
	for _, o := range res.API.Operations {
		ops[o.GoName+" "+o.Params.GoName] = true
	}
	for _, typ := range res.API.Types {
		types[typ.Name] = true
	}
	if !ops["AddPeer AddPeerParams"] || !ops["CreateExportBucket CreateExportBucketParams"] || !types["BackupEndpoint"] || !types["BackupEndpointRequest"] || types["ObjectStoragePrivateEndpoint"] {
		t.Errorf("operations %v, types %v", ops, types)
	}
	for _, tc := range []struct {
		names parser.Names
		want  string
	}{
		{parser.Names{Operations: map[string]string{"createGroupPeer": "addPeer"}}, `#/names/operations/createGroupPeer: "addPeer" is not an exported Go identifier`},
		{parser.Names{Operations: map[string]string{"createGroupPeer": "X", "createExportBucket": "X"}}, "#/names/operations/createGroupPeer: X is also the name chosen for createExportBucket"},
		{parser.Names{Schemas: map[string]string{"Missing": "X"}}, `#/names/schemas/Missing: no schema is named "Missing"`},
		{parser.Names{Schemas: map[string]string{"ObjectStoragePrivateEndpoint": "Client"}}, "Client is a name the generated package already declares"},
	} {
		opts := packageOptions("atlas")
		opts.Names = tc.names
		if _, err := Run(Doc(spec.FileName, spec.Document()), opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
	opts = packageOptions("atlas")
	opts.Include = parser.Selection{Operations: []string{"createExportBucket"}}
	opts.Names = parser.Names{Operations: map[string]string{"createGroupPeer": "AddPeer"}}
	res = generateWith(t, spec.Document(), opts)
	if !strings.Contains(res.API.Diagnostics.Error(), "options: #/names/operations/createGroupPeer: warning: createGroupPeer is not among the operations generated") {
		t.Errorf("no warning for a name outside the subset: %v", res.API.Diagnostics)
	}
}

// TestChosenNamesDisplaceNothing: a chosen name that something else has
// (a schema's type, another operation's method) is an error, never a
// silent rename of the other to a hashed name.
func TestChosenNamesDisplaceNothing(t *testing.T) {
	for _, tc := range []struct {
		names parser.Names
		want  string
	}{
		{parser.Names{Schemas: map[string]string{"ObjectStoragePrivateEndpoint": "Link"}}, "#/names/schemas/ObjectStoragePrivateEndpoint: Link is the name #/components/schemas/Link has"},
		{parser.Names{Operations: map[string]string{"createGroupPeer": "CreateExportBucket"}}, "#/names/operations/createGroupPeer: CreateExportBucket is the name"},
	} {
		opts := packageOptions("atlas")
		opts.Names = tc.names
		if _, err := Run(Doc(spec.FileName, spec.Document()), opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}

// TestChosenNameWhoseParamsAreTaken: a method name whose derived params
// type a schema already has is refused, not given a hashed params type.
func TestChosenNameWhoseParamsAreTaken(t *testing.T) {
	doc := []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FetchParams'}
components:
  schemas:
    FetchParams:
      type: object
      properties:
        limit: {type: integer}
`)
	opts := packageOptions("atlas")
	opts.Names = parser.Names{Operations: map[string]string{"getThing": "Fetch"}}
	if _, err := Run(Doc("spec.yaml", doc), opts); err == nil || !strings.Contains(err.Error(), "#/names/operations/getThing: FetchParams is taken") {
		t.Errorf("got %v", err)
	}
}

// TestSubsetFindingsConcernTheSubset: a subset reports the warnings of
// what it generates, not of the operations and schemas it leaves out, and
// warns about a chosen type name it leaves out.
func TestSubsetFindingsConcernTheSubset(t *testing.T) {
	data, err := os.ReadFile("../../testdata/golden/warnings/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(data), "paths:\n", `paths:
  /api/atlas/v2/other:
    get:
      operationId: getOther
      tags: [Other]
      responses:
        "204": {description: done}
`, 1)
	full := generateWith(t, []byte(doc), packageOptions("atlas"))
	opts := packageOptions("atlas")
	opts.Include = parser.Selection{Operations: []string{"getOther"}}
	opts.Names = parser.Names{Schemas: map[string]string{"Thing": "Item"}}
	sub := generateWith(t, []byte(doc), opts)
	if full.API.Diagnostics.Count(ir.Warning) < 10 {
		t.Fatalf("the whole SDK has %d warnings", full.API.Diagnostics.Count(ir.Warning))
	}
	if got := sub.API.Diagnostics.Error(); strings.Count(got, "warning:") != 1 || !strings.Contains(got, "#/names/schemas/Thing: warning: schema Thing is not among the types generated") {
		t.Errorf("the subset of getOther reports:\n%s", got)
	}
}
