package generate

import (
	"bytes"
	"testing"

	"github.com/atlasgen/atlasgen/internal/ir"
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
	data := readUpstream(t)
	before, err := Parse("u.yaml", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	changed := insertAfter(t, data, "    schemas:", `        -Link:
            type: object
            properties:
                href:
                    type: string
                weight:
                    type: integer
`)
	changed = insertAfter(t, changed, "paths:", `    /api/atlas/v2/aaaLinks:
        get:
            operationId: aaaGetLink
            responses:
                "200":
                    description: OK
                    content:
                        application/vnd.atlas.2023-01-01+json:
                            schema:
                                $ref: '#/components/schemas/-Link'
`)
	after, err := Parse("u.yaml", changed, Options{})
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
	for name, origin := range now {
		if origin == "#/components/schemas/-Link" {
			added = name
		}
	}
	if added == "" || added == "Link" {
		t.Errorf("the new schema got %q", added)
	}
	if _, err := Run("u.yaml", changed, Options{Package: "atlas"}); err != nil {
		t.Fatal(err)
	}
}
