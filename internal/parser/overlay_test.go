package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// overlaySpec has two operations and a Thing with a too-strict pattern,
// written so that lines are easy to count in the tests below.
const overlaySpec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': {description: ok}
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200': {description: ok}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string, pattern: '^[a-z]+$'}
        kind: {type: string, enum: [A, B]}
`

func parseOverlaid(t *testing.T, overlays ...string) (*ir.API, error) {
	t.Helper()
	var docs []Document
	for i, o := range overlays {
		docs = append(docs, Document{Name: []string{"one.yaml", "two.yaml"}[i], Data: []byte(o)})
	}
	return Parse("spec.yaml", []byte(overlaySpec), Options{Overlays: docs})
}

func thingField(t *testing.T, api *ir.API, name string) *ir.Field {
	t.Helper()
	for i, f := range typeByName(api, "Thing").Fields {
		if f.JSONName == name {
			return &typeByName(api, "Thing").Fields[i]
		}
	}
	return nil
}

// TestOverlayActions: updates merge into objects and append to arrays,
// removes take the node away, filters select by value, and the second
// overlay sees what the first one did.
func TestOverlayActions(t *testing.T) {
	api, err := parseOverlaid(t, `overlay: 1.0.0
info: {title: fixes, version: '1'}
actions:
  - target: $.components.schemas.Thing.properties.name
    update: {pattern: '^[A-Za-z]+$', maxLength: 8}
  - target: $.components.schemas.Thing.properties.kind.enum
    update: C
  - target: $.components.schemas.Thing.properties
    update: {size: {type: integer}}
  - target: $.components.schemas.Thing
    update: {properties: {kind: {description: Kinds.}}}
  - target: $.paths['/things'][?@.operationId == 'listThings']
    remove: true
`, `overlay: 1.0.0
info: {title: more, version: '1'}
actions:
  - target: $.components.schemas.Thing.properties.size
    update: {minimum: 1}
  - target: $.components.schemas.Thing.properties.kind.enum[?@ != 'B']
    remove: true
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(api.Operations) != 1 || api.Operations[0].ID != "createThing" {
		t.Errorf("operations %v, want only createThing (listThings removed)", opIDs(api))
	}
	name := thingField(t, api, "name")
	if name == nil || name.Type.Rules.Pattern == nil || name.Type.Rules.Pattern.Expr != "^[A-Za-z]+$" || name.Type.Rules.MaxLength == nil || *name.Type.Rules.MaxLength != 8 {
		t.Errorf("name's rules %+v, want the overlay's pattern and maxLength", name)
	}
	kind := thingField(t, api, "kind")
	if kind == nil || kind.Description != "Kinds." || typeByName(api, "ThingKind") == nil {
		t.Fatalf("kind %+v, want the description merged into it, its enum kept", kind)
	}
	var values []string
	for _, v := range typeByName(api, "ThingKind").Enum {
		values = append(values, v.Value)
	}
	if strings.Join(values, ",") != "B" {
		t.Errorf("kind's enum %v, want C appended by the first overlay, A and C removed by the second", values)
	}
	size := thingField(t, api, "size")
	if size == nil || size.Type.Rules.Minimum == nil || *size.Type.Rules.Minimum != 1 {
		t.Errorf("size %+v, want the property the first overlay added, with the second's minimum", size)
	}
}

func opIDs(api *ir.API) []string {
	var ids []string
	for _, op := range api.Operations {
		ids = append(ids, op.ID)
	}
	return ids
}

// TestOverlayErrorsAreLocatedInTheOverlay: every problem of an overlay is
// reported at its line in the overlay, and nothing is half applied.
func TestOverlayErrorsAreLocatedInTheOverlay(t *testing.T) {
	head := "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
	for _, tc := range []struct{ name, overlay, want string }{
		{"no match", head + "  - target: $.components.schemas.Thing\n    update: {}\n  - target: $.paths['/nothing']\n    remove: true\n",
			"one.yaml:6:5: #/actions/1/target: target $.paths['/nothing'] matches nothing in spec.yaml"},
		{"not a jsonpath", head + "  - target: $.paths[\n    remove: true\n", "one.yaml:4:5: #/actions/0/target: target \"$.paths[\" is not a JSONPath"},
		{"typo", head + "  - target: $.paths\n    udpate: {}\n", `one.yaml:5:5: #/actions/0/udpate: unknown action field "udpate"`},
		{"both", head + "  - target: $.paths\n    update: {}\n    remove: true\n", "one.yaml:4:5: #/actions/0: the action has both update and remove"},
		{"neither", head + "  - target: $.paths\n    remove: false\n", "one.yaml:4:5: #/actions/0: the action has neither update nor remove"},
		{"scalar", head + "  - target: $.info.title\n    update: {x: 1}\n", "one.yaml:4:5: #/actions/0: target $.info.title selects #/info/title: a single value cannot be updated"},
		{"object gets scalar", head + "  - target: $.info\n    update: 7\n", "#/actions/0: target $.info selects #/info: an object takes an update that is an object"},
		{"root", head + "  - target: $\n    remove: true\n", "#/actions/0: target $ selects #: remove cannot take away the whole document"},
		{"version", "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $, update: {}}]\n", `one.yaml:1:1: #/overlay: overlay version "2.0.0"`},
		{"no actions", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n", "one.yaml:1:1: #: the overlay has no actions"},
		{"duplicate key", head + "  - target: $.paths\n    remove: true\n    target: $.info\n", `one.yaml:6:5: #/actions/0/target: duplicate key "target"`},
		{"syntax", head + "  - target: [\n", "one.yaml:5:1: invalid YAML"},
		{"duplicate operationId", head + "  - target: $.paths\n    update: {/a: {get: {operationId: listThings, responses: {'200': {description: ok}}}}}\n",
			`one.yaml:5:25: #/paths/~1a/get/operationId: duplicate operationId "listThings" (also at #/paths/~1things/get)`},
		{"self alias", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nx-a: &a {k: *a}\nactions: [{target: $.info, update: *a}]\n",
			"one.yaml:3:13: YAML alias *a lies inside its own anchor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseOverlaid(t, tc.overlay)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

// TestProblemsAfterAnOverlayPointToWhoWroteThem: a dangling $ref the
// overlay wrote is located in the overlay, at the value; one the spec
// wrote stays located in the spec, even inside an object the overlay
// merged into.
func TestProblemsAfterAnOverlayPointToWhoWroteThem(t *testing.T) {
	_, err := parseOverlaid(t, `overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.components.schemas.Thing.properties
    update:
      owner: {$ref: '#/components/schemas/Owner'}
  - target: $.components.schemas.Thing.properties.kind
    update:
      $ref: '#/components/schemas/Kind'
`)
	if err == nil {
		t.Fatal("two dangling $refs accepted")
	}
	for _, want := range []string{
		"one.yaml:6:15: #/components/schemas/Thing/properties/owner/$ref:",
		"one.yaml:9:7: #/components/schemas/Thing/properties/kind/$ref:",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant %q", err, want)
		}
	}
	// The spec's own lines are untouched by the overlay: a problem it wrote
	// is still at its line in spec.yaml.
	_, err = Parse("spec.yaml", []byte(strings.Replace(overlaySpec, "pattern: '^[a-z]+$'", "pattern: '^[a-z+$'", 1)),
		Options{Overlays: []Document{{Name: "one.yaml", Data: []byte("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Thing.properties.name\n    update: {maxLength: 3}\n")}}})
	if err == nil || !strings.Contains(err.Error(), "spec.yaml:22:") {
		t.Errorf("got %v, want the spec's bad pattern located at spec.yaml:22", err)
	}
	// An overlay that replaces a value under the spec's key wrote the
	// value: the problem is at the value, in the overlay.
	_, err = Parse("spec.yaml", []byte(overlaySpec),
		Options{Overlays: []Document{{Name: "one.yaml", Data: []byte("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Thing.properties.name\n    update:\n      pattern: '^[a-z+$'\n")}}})
	if err == nil || !strings.Contains(err.Error(), "one.yaml:6:16: #/components/schemas/Thing/properties/name/pattern:") {
		t.Errorf("got %v, want the overlay's bad pattern located at one.yaml:6:16", err)
	}
}

// TestReencodingKeepsAliasesAndDeepTrees: a tree with YAML aliases (which
// the hand-written encoding leaves to yaml.Marshal) and one nested deeper
// than block style is written for (flow from there on) read the same
// through an overlay as without one.
func TestReencodingKeepsAliasesAndDeepTrees(t *testing.T) {
	deep := "{type: string}"
	for i := 0; i < 60; i++ {
		deep = "{type: object, properties: {p: " + deep + "}}"
	}
	withAlias := strings.Replace(overlaySpec, "        name: {type: string, pattern: '^[a-z]+$'}", "        name: &name {type: string, pattern: '^[a-z]+$'}\n        alias: *name", 1)
	for name, doc := range map[string]string{
		"alias": withAlias,
		"deep":  strings.Replace(overlaySpec, "{type: string, enum: [A, B]}", deep, 1),
	} {
		identity := Document{Name: "o.yaml", Data: []byte("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $.info, update: {}}]\n")}
		plain, err := Parse("spec.yaml", []byte(doc), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		overlaid, err := Parse("spec.yaml", []byte(doc), Options{Overlays: []Document{identity}})
		if err != nil {
			t.Fatalf("%s with an overlay: %v", name, err)
		}
		if a, b := typeNames(plain), typeNames(overlaid); a != b || len(plain.Types) < 2 {
			t.Errorf("%s: types %s, through an overlay %s", name, a, b)
		}
	}
}

func typeNames(api *ir.API) string {
	var out []string
	for _, typ := range api.Types {
		var fields []string
		for _, f := range typ.Fields {
			fields = append(fields, f.JSONName)
		}
		out = append(out, typ.Name+"("+strings.Join(fields, ",")+")")
	}
	return strings.Join(out, " ")
}

// TestOverlayEdgeCases: a target that selects one node twice changes it
// once; a node an alias shares cannot be changed for one use only; and
// updates copied into many targets are bounded.
func TestOverlayEdgeCases(t *testing.T) {
	head := "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
	api, err := parseOverlaid(t, head+"  - target: $.components.schemas.Thing.properties.kind.enum[0,0]\n    remove: true\n"+
		"  - target: $.paths['/things'].get\n    update: {parameters: []}\n"+
		"  - target: $.paths['/things'].get['parameters','parameters']\n    update: {name: q, in: query, schema: {type: string}}\n")
	if err != nil {
		t.Fatal(err) // a parameter appended twice is refused as a duplicate
	}
	if e := typeByName(api, "ThingKind").Enum; len(e) != 1 || e[0].Value != "B" {
		t.Errorf("enum %v after removing [0,0], want only B", e)
	}
	if ps := api.Operations[1].Params.Params; len(ps) != 1 || ps[0].Name != "q" {
		t.Errorf("listThings has parameters %+v, want q once", ps)
	}

	shared := strings.Replace(overlaySpec, "    Thing:\n      type: object\n", "    Other: *thing\n    Thing: &thing\n      type: object\n", 1)
	shared = strings.Replace(shared, "    Other: *thing\n", "", 1) + "    Other: *thing\n"
	_, err = Parse("spec.yaml", []byte(shared), Options{Overlays: []Document{{Name: "one.yaml",
		Data: []byte(head + "  - target: $.components.schemas.Thing.properties\n    update: {added: {type: string}}\n")}}})
	if err == nil || !strings.Contains(err.Error(), "one.yaml:4:5: #/actions/0: target $.components.schemas.Thing.properties selects #/components/schemas/Thing/properties: it lies inside a YAML anchor that aliases share") {
		t.Errorf("got %v, want the shared anchor refused", err)
	}

	// 40,000 nodes once expanded (no alias bomb), copied into 42 properties.
	many := overlaySpec
	for i := 0; i < 40; i++ {
		many += fmt.Sprintf("        p%d: {type: string}\n", i)
	}
	many = strings.Replace(many, "        kind: {type: string, enum: [A, B]}\n", "", 1) + "        kind: {type: string, enum: [A, B]}\n"
	amp := "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nx-leaf: &l [a, b, c, d, e, f, g, h, i, j]\nx-mid: &m [" +
		strings.Repeat("*l, ", 79) + "*l]\nx-big: &big [" + strings.Repeat("*m, ", 49) + "*m]\n" +
		"actions:\n  - target: $.components.schemas.Thing.properties.*\n    update: {x-copy: *big}\n"
	_, err = Parse("spec.yaml", []byte(many), Options{Overlays: []Document{{Name: "one.yaml", Data: []byte(amp)}}})
	if err == nil || !strings.Contains(err.Error(), "the updates would copy more than 1048576 nodes into spec.yaml: refused") {
		t.Errorf("got %v, want the copies bounded", err)
	}
}

// TestOverlayMergesAndLocations: an update of a node inside another that
// is selected too lands before the outer one replaces it; an object merged
// into a value that is an alias gets a copy of its own, while an anchor
// that aliases share is not changed; a decode error in a node the overlay
// wrote is located in the overlay, not at a spec node of the same line.
func TestOverlayMergesAndLocations(t *testing.T) {
	head := "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
	spec := strings.Replace(overlaySpec, "info: {title: t, version: '1'}", "info: {title: t, version: '1', x-a: {x: 1, x-s: [{x: 2}]}}", 1)
	if _, err := Parse("spec.yaml", []byte(spec), Options{Overlays: []Document{{Name: "one.yaml",
		Data: []byte(head + "  - target: $.info..[?@.x]\n    update: {x: 5, x-s: []}\n")}}}); err != nil {
		t.Errorf("an outer and an inner match: %v", err)
	}

	shared := strings.Replace(overlaySpec, "    Thing:\n      type: object\n", "    Thing: &thing\n      type: object\n", 1) + "    Other: *thing\n"
	_, kin, err := readDocument("spec.yaml", []byte(shared), []Document{{Name: "one.yaml",
		Data: []byte(head + "  - target: $.components.schemas\n    update: {Other: {description: Not a thing.}}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	doc := (<-kin).doc
	if other, thing := doc.Components.Schemas["Other"].Value, doc.Components.Schemas["Thing"].Value; other.Description != "Not a thing." ||
		len(other.Properties) != 2 || thing.Description != "" {
		t.Errorf("Other %+v, Thing %+v: want Other's own copy described, Thing as it was", other, thing)
	}
	_, err = Parse("spec.yaml", []byte(shared), Options{Overlays: []Document{{Name: "one.yaml",
		Data: []byte(head + "  - target: $.components.schemas\n    update: {Thing: {description: Both?}}\n")}}})
	if err == nil || !strings.Contains(err.Error(), `the update reaches "Thing", a YAML anchor that aliases share`) {
		t.Errorf("got %v, want the shared anchor refused", err)
	}

	// The bad value sits at line 8, column 16 of the overlay, where the
	// spec has the mapping of its own 200 response.
	_, err = parseOverlaid(t, head+"  - target: $.paths['/things'].get.responses\n    update:\n      x-pad: 1\n      x-pad2: 2\n      '404':   7\n")
	if err == nil || !strings.Contains(err.Error(), "one.yaml:8:7: #/paths/~1things/get/responses/404: invalid OpenAPI") {
		t.Errorf("got %v, want the bad response located in the overlay", err)
	}
}
