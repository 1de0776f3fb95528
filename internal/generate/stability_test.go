package generate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/spec"
)

// identifiers maps every package-level name and operation method the IR
// declares to where it comes from.
func identifiers(api *ir.API) map[string]string {
	ids := map[string]string{}
	for _, t := range api.Types {
		ids[t.Name] = t.Pointer
		if t.Union != nil {
			for _, v := range t.Union.Variants {
				ids[v.GoName] = t.Pointer + "#" + v.Value
			}
			ids[t.Union.Unknown] = t.Pointer + "#unknown"
		}
		for _, e := range t.Enum {
			ids[e.GoName] = t.Pointer + "=" + e.Value
		}
	}
	for _, op := range api.Operations {
		ids[op.GoName+"()"] = op.Pointer
		ids[op.Params.GoName] = op.Pointer + "#params"
	}
	return ids
}

// insertAfter puts text after the first line equal to marker.
func insertAfter(t *testing.T, data []byte, marker, text string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte("\n"+marker+"\n"))
	if i < 0 {
		t.Fatalf("marker %q not found", marker)
	}
	at := i + len(marker) + 2
	return append(append(append([]byte{}, data[:at]...), text...), data[at:]...)
}

// TestAddingACollidingSchemaRenamesNothing adds to a copy of upstream a
// schema whose Go name collides with an existing one and whose name sorts
// before it (-Link vs Link), plus an operation that uses it. Every
// identifier of the first run must name the same thing in the second.
func TestAddingACollidingSchemaRenamesNothing(t *testing.T) {
	collidingSchemaRenamesNothing(t, readUpstream(t), "    ", "Link")
}

// TestCollidingSchemaFixture is the same proof on spec/ (a
// -ObjectStoragePrivateEndpoint beside ObjectStoragePrivateEndpoint), so it
// holds without ../shared too.
func TestCollidingSchemaFixture(t *testing.T) {
	collidingSchemaRenamesNothing(t, spec.Document(), "  ", "ObjectStoragePrivateEndpoint")
}

// collidingSchemaRenamesNothing adds "-"+name beside schema name, data's
// YAML indented by indent.
func collidingSchemaRenamesNothing(t *testing.T, data []byte, indent, name string) {
	t.Helper()
	before, err := Parse(Doc("u.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	in := func(n int, s string) string { return strings.Repeat(indent, n) + s + "\n" }
	changed := insertAfter(t, data, indent+"schemas:", in(2, "-"+name+":")+in(3, "type: object")+in(3, "properties:")+
		in(4, "href:")+in(5, "type: string")+in(4, "weight:")+in(5, "type: integer"))
	changed = insertAfter(t, changed, "paths:", in(1, "/api/atlas/v2/aaaLinks:")+in(2, "get:")+in(3, "operationId: aaaGetLink")+
		in(3, "responses:")+in(4, `"200":`)+in(5, "description: OK")+in(5, "content:")+in(6, "application/vnd.atlas.2023-01-01+json:")+
		in(7, "schema:")+in(8, "$ref: '#/components/schemas/-"+name+"'"))
	after, err := Parse(Doc("u.yaml", changed), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	old, now := identifiers(before), identifiers(after)
	for name, origin := range old {
		if now[name] != origin {
			t.Errorf("%s named %s before, %q after", name, origin, now[name])
		}
	}
	var added string
	for goName, origin := range now {
		if origin == "#/components/schemas/-"+name {
			added = goName
		}
	}
	if added == "" || added == name {
		t.Errorf("the new schema got %q", added)
	}
	if _, err := Run(Doc("u.yaml", changed), packageOptions("atlas")); err != nil {
		t.Fatal(err)
	}
}
