package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/spec"
)

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"groupId": "GroupID", "_id": "ID", "dnsSubDomain": "DNSSubDomain", "US_GOV_WEST_1": "UsGovWest1",
		"AZURE": "Azure", "AWS": "AWS", "serviceUrl": "ServiceURL", "HTTPServer": "HTTPServer",
		"vpc-id": "VPCID", "2fa": "X2fa", "": "X", "ADDING_PEER": "AddingPeer",
	} {
		if got := pascal(in); got != want {
			t.Errorf("pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTypeNameKeepsGoIdentifiers(t *testing.T) {
	for in, want := range map[string]string{"ApiError": "ApiError", "Link_Atlas": "Link_Atlas", "link-atlas": "LinkAtlas", "lowerCase": "LowerCase"} {
		if got := typeName(in); got != want {
			t.Errorf("typeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamerIsOrderIndependent proves a colliding name is resolved from its
// own origin: the holder of a name keeps it whatever is claimed after it,
// and the loser's name does not depend on the order of claims.
func TestNamerIsOrderIndependent(t *testing.T) {
	a := newNamer([]string{"Client"})
	if got := a.claim("Client", "#/components/schemas/Client"); got == "Client" {
		t.Error("a runtime identifier was handed to a schema")
	}
	first := newNamer(nil)
	x1 := first.claim("FooRequest", "#/a")
	y1 := first.claim("FooRequest", "#/b")
	second := newNamer(nil)
	second.claim("Other", "#/c")
	second.claim("FooRequest", "#/a")
	y2 := second.claim("FooRequest", "#/b")
	if x1 != "FooRequest" || y1 != y2 || y1 == x1 {
		t.Errorf("claims: %q %q %q", x1, y1, y2)
	}
	if again := first.claim("FooRequest", "#/b"); again != y1 {
		t.Errorf("the same origin got a second name: %q vs %q", again, y1)
	}
}

func TestFieldNamesCollisions(t *testing.T) {
	got := fieldNames([]string{"_id", "id", "name", "Name", "validate"}, map[string]bool{"Validate": true})
	want := map[string]string{"_id": "ID_", "id": "ID", "name": "Name", "Name": "Name_" + shortHash("Name"), "validate": "Validate_" + shortHash("validate")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestEnumConstantsNeverTakeATypeName: enum Status with value CODE would
// make the constant StatusCode, which a schema already names.
func TestEnumConstantsNeverTakeATypeName(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/StatusCode'}
      responses: {"204": {description: done}}
components:
  schemas:
    Status: {type: string, enum: [CODE, OTHER]}
    StatusCode:
      type: object
      properties:
        status: {$ref: '#/components/schemas/Status'}
`
	api, err := Parse("t.yaml", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, typ := range api.Types {
		if names[typ.Name] {
			t.Errorf("%s declared twice", typ.Name)
		}
		names[typ.Name] = true
		for _, e := range typ.Enum {
			if names[e.GoName] || e.GoName == "StatusCode" {
				t.Errorf("constant %s collides", e.GoName)
			}
			names[e.GoName] = true
		}
	}
	if !names["StatusCode"] || !names["StatusOther"] {
		t.Errorf("names: %v", names)
	}
}

// TestPatternVariablesAreNamedByTheirText: a pattern's variable comes from
// a hash of its text, so adding a pattern anywhere renames none of the
// others; the same pattern at many places shares one variable.
func TestPatternVariablesAreNamedByTheirText(t *testing.T) {
	api, err := Parse("spec.yaml", spec.Document(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	byExpr := map[string]string{}
	var walk func(r ir.TypeRef)
	walk = func(r ir.TypeRef) {
		if p := r.Rules.Pattern; p != nil {
			if p.Var != "pattern"+shortHash(p.Expr) {
				t.Errorf("pattern %q is held in %s", p.Expr, p.Var)
			}
			if prev, ok := byExpr[p.Expr]; ok && prev != p.Var {
				t.Errorf("pattern %q held in %s and %s", p.Expr, prev, p.Var)
			}
			byExpr[p.Expr] = p.Var
		}
		if r.Elem != nil {
			walk(*r.Elem)
		}
	}
	for _, typ := range api.Types {
		for _, f := range typ.Fields {
			walk(f.Type)
		}
		if typ.Union != nil {
			for _, v := range typ.Union.Variants {
				for _, f := range v.Fields {
					walk(f.Type)
				}
			}
		}
	}
	if len(byExpr) < 4 {
		t.Errorf("only %d patterns found", len(byExpr))
	}
}
