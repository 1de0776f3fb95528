package parser

import (
	"strings"
	"testing"
	"time"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// polySpec wraps component schemas in a document with one operation that
// sends and returns Body.
func polySpec(schemas string) []byte {
	return []byte(`openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: send
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Body'}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Body'}
components:
  schemas:
` + schemas)
}

func parsePoly(t *testing.T, schemas string) *ir.API {
	t.Helper()
	done := make(chan *ir.API, 1)
	go func() {
		api, err := Parse("spec.yaml", polySpec(schemas), Options{})
		if err != nil {
			t.Error(err)
		}
		done <- api
	}()
	select {
	case api := <-done:
		if api == nil {
			t.FailNow()
		}
		return api
	case <-time.After(20 * time.Second):
		t.Fatal("Parse did not finish")
		return nil
	}
}

// TestStringUnionCyclesEnd: string members that refer to themselves, twice,
// inside objects an inferred discriminator is looked for in, end (they once
// took exponential time) and give the values they admit.
func TestStringUnionCyclesEnd(t *testing.T) {
	api := parsePoly(t, `    S:
      oneOf: [{$ref: '#/components/schemas/S'}, {$ref: '#/components/schemas/S'}, {type: string, enum: [a]}]
    T:
      oneOf: [{$ref: '#/components/schemas/T'}, {$ref: '#/components/schemas/T'}, {type: string, enum: [b]}]
    Body:
      oneOf:
        - {type: object, properties: {kind: {$ref: '#/components/schemas/S'}, x: {type: string}}}
        - {type: object, properties: {kind: {$ref: '#/components/schemas/T'}, y: {type: string}}}
`)
	body := typeByName(api, "Body")
	if body == nil || body.Union == nil || body.Union.Discriminator != "kind" {
		t.Fatalf("Body = %+v, want a union inferred by kind", body)
	}
}

// TestMembersThatOnlyRequire: a member stating no kind (only required)
// fits beside object members: the members still fold into the schema's own
// object, and each member is an alternative requiring what it names.
func TestMembersThatOnlyRequire(t *testing.T) {
	api := parsePoly(t, `    Body:
      type: object
      properties: {a: {type: string}}
      oneOf: [{properties: {b: {type: string}}, required: [b]}, {required: [a]}]
`)
	body := typeByName(api, "Body")
	if body == nil || body.Kind != ir.KindStruct || len(body.Fields) != 2 {
		t.Fatalf("Body = %+v, want a struct with a and b", body)
	}
	if len(body.Choices) != 1 || len(body.Choices[0]) != 2 {
		t.Fatalf("choices %+v", body.Choices)
	}
	for i, alt := range body.Choices[0] {
		if len(alt.Fields) != 1 || !alt.Fields[0].Required || body.Fields[alt.Fields[0].Index].JSONName != []string{"b", "a"}[i] {
			t.Errorf("alternative %d = %+v", i, alt)
		}
	}
}

// TestBaseStatementWins: a property the schema's allOf states keeps that
// statement (its enum and length); a member restating it more loosely is
// checked only in its own alternative.
func TestBaseStatementWins(t *testing.T) {
	api := parsePoly(t, `    Body:
      allOf:
        - type: object
          properties: {n: {type: string, enum: [aa, bb], maxLength: 3}}
      oneOf:
        - {type: object, properties: {n: {type: string}, x: {type: integer}}}
        - {type: object, properties: {y: {type: integer}}}
`)
	body := typeByName(api, "Body")
	if body == nil || body.Kind != ir.KindStruct {
		t.Fatalf("Body = %+v", body)
	}
	for _, f := range body.Fields {
		if f.JSONName != "n" {
			continue
		}
		if f.Type.Kind != ir.RefNamed || f.Type.Rules.MaxLength == nil || *f.Type.Rules.MaxLength != 3 {
			t.Errorf("n lost the base's statement: %+v", f.Type)
		}
		return
	}
	t.Errorf("no field n in %+v", body.Fields)
}

// TestMergedPropertyLocations: what is said of a property the members state
// differently names the members, and is located at their oneOf.
func TestMergedPropertyLocations(t *testing.T) {
	api := parsePoly(t, `    Body:
      oneOf:
        - {type: object, properties: {v: {type: string}, a: {type: string}}}
        - {type: object, properties: {v: {type: object, properties: {w: {type: string}}}, b: {type: string}}}
`)
	if len(api.Fallbacks) != 1 || !strings.Contains(api.Fallbacks[0].Reason, "the members' statements of this property") ||
		!strings.HasPrefix(api.Fallbacks[0].Pointer, "#/components/schemas/Body/oneOf/") {
		t.Errorf("fallbacks %+v", api.Fallbacks)
	}
}
