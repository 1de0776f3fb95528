package parser

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// nullsDoc writes null in every spelling, where null can travel and where
// it cannot.
const nullsDoc = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things/{id}:
    post:
      operationId: make
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: note, in: query, schema: {type: [string, "null"]}}
        - {name: tags, in: query, schema: {type: array, items: {type: string, nullable: true}}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200":
          description: OK
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing:
      type: object
      nullable: true
      properties:
        flag: {type: boolean, nullable: true}
        last: {type: [string, "null"]}
        first: {type: ["null", integer]}
        plain: {type: string}
        kind: {type: string, enum: [A, null, B]}
        only: {type: "null"}
        onlyNull: {type: string, enum: [null]}
        raw: {oneOf: [{type: string}, {type: object, properties: {a: {type: string}}}], nullable: true}
        items: {type: array, items: {type: [number, "null"]}}
        self: {$ref: '#/components/schemas/Loop'}
        maybe: {anyOf: [{type: string}, {type: "null"}]}
        either: {anyOf: [{type: integer, nullable: true}, {type: integer, format: int32}]}
        ref: {oneOf: [{$ref: '#/components/schemas/Loop'}, {type: "null"}]}
        wrapped: {allOf: [{$ref: '#/components/schemas/Loop'}], nullable: true, description: A loop, or null.}
        kindRef: {allOf: [{$ref: '#/components/schemas/Kind'}], nullable: true}
        typedParent: {type: string, anyOf: [{maxLength: 3}, {type: "null"}]}
        nested: {anyOf: [{$ref: '#/components/schemas/ZStr'}, {type: string, maxLength: 3}]}
        nullFirst: {oneOf: [{type: "null"}, {type: string, default: 5}]}
    Kind: {type: string, enum: [X, Y]}
    ZStr: {anyOf: [{type: string}, {type: "null"}]}
    Loop:
      type: object
      nullable: true
      required: [again]
      properties:
        again: {$ref: '#/components/schemas/Loop'}
`

// TestNullSpellings: 3.0's nullable, 3.1's type list (null first or last)
// and {type: "null"} member (dropped, the others keeping their numbers), a
// member that admits null at any depth (but not beside a type of the
// schema's own), null among enum values and a schema typed only null all
// make a Nullable; a nullable reference written as a wrapper (3.0's allOf
// [$ref], 3.1's oneOf [$ref, null]) is the component itself; null leaves
// the enum's values (an enum of null alone is not one); a parameter and a
// whole body never are Nullable (null cannot travel there, or says
// nothing); json.RawMessage holds null itself; a cycle that null ends is
// boxed without a warning.
func TestNullSpellings(t *testing.T) {
	api, err := Parse("t.yaml", []byte(nullsDoc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	thing := typeByName(api, "Thing")
	got := map[string]string{}
	for _, f := range thing.Fields {
		got[f.JSONName] = refWords(f.Type)
	}
	want := map[string]string{
		"flag": "nullable bool", "last": "nullable string", "first": "nullable int64", "plain": "string",
		"kind": "nullable ThingKind", "only": "nullable any", "onlyNull": "string",
		"raw": "raw", "items": "[] nullable float64", "self": "nullable Loop",
		"maybe": "nullable string", "either": "nullable int64", "ref": "nullable Loop",
		"wrapped": "nullable Loop", "kindRef": "nullable Kind", "typedParent": "string",
		"nested": "nullable string", "nullFirst": "nullable string",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	var values []string
	for _, e := range typeByName(api, "ThingKind").Enum {
		values = append(values, e.Value)
	}
	if diff := cmp.Diff([]string{"A", "B"}, values); diff != "" {
		t.Errorf("enum values (-want +got):\n%s", diff)
	}
	loop := typeByName(api, "Loop").Fields[0].Type
	if !loop.InNullable() || !loop.Boxed {
		t.Errorf("Loop.again = %+v, want a boxed Nullable", loop)
	}
	op := api.Operations[0]
	for _, p := range op.Params.Params {
		if p.Type.Nullable || p.Type.Elem != nil && p.Type.Elem.Nullable {
			t.Errorf("parameter %s is nullable: %+v", p.Name, p.Type)
		}
	}
	if op.Body.Type.Nullable || op.Success().Type.Nullable {
		t.Errorf("body %+v or result %+v is nullable", op.Body.Type, op.Success().Type)
	}
	found := false
	for _, d := range api.Diagnostics {
		if d.Kind == ir.DiagNoFiniteValue {
			t.Errorf("a cycle null ends is warned about: %v", d)
		}
		// The null member dropped, the other keeps the spec's number.
		found = found || strings.Contains(d.String(), "/nullFirst/oneOf/1/default:")
	}
	if !found {
		t.Errorf("no warning at nullFirst/oneOf/1/default: %v", api.Diagnostics)
	}
}

// refWords spells a reference for TestNullSpellings.
func refWords(r ir.TypeRef) string {
	var words []string
	if r.InNullable() {
		words = append(words, "nullable")
	}
	if r.Boxed {
		words = append(words, "boxed")
	}
	switch r.Kind {
	case ir.RefNamed:
		words = append(words, r.Name)
	case ir.RefArray:
		words = append(words, "[]", refWords(*r.Elem))
	default:
		words = append(words, []string{"string", "bool", "int32", "int64", "float64", "time", "", "", "", "any", "raw"}[r.Kind])
	}
	return strings.Join(words, " ")
}
