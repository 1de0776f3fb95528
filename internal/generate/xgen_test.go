package generate

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/spec"
)

// TestUpstreamUnionsInFlatForm converts, at test time, every upstream union
// written as oneOf + discriminator into the flattened x-xgen-discriminator
// form (one object, per-value property lists) and requires the same union
// types from both: variants, fields and required sets, in requests and
// responses. Nothing derived from upstream is committed.
func TestUpstreamUnionsInFlatForm(t *testing.T) {
	sameUnionsInFlatForm(t, readUpstream(t), 8)
}

// TestUnionsInFlatForm is the same proof on committed specs (spec/ and the
// nested-unions golden), so it holds without ../shared too.
func TestUnionsInFlatForm(t *testing.T) {
	sameUnionsInFlatForm(t, spec.Document(), 1)
	nested, err := os.ReadFile("../../testdata/golden/nested-unions/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sameUnionsInFlatForm(t, nested, 1)
}

// sameUnionsInFlatForm converts every oneOf + discriminator union of data
// to the flat form and compares the union types of both documents; at
// least want of them.
func sameUnionsInFlatForm(t *testing.T, data []byte, want int) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	var converted []string
	for _, name := range sortedNames(doc.Components.Schemas) {
		s := doc.Components.Schemas[name].Value
		if s.Discriminator == nil || len(s.OneOf) == 0 {
			continue
		}
		doc.Components.Schemas[name] = &openapi3.SchemaRef{Value: flatForm(name, s)}
		converted = append(converted, name)
	}
	if len(converted) < want {
		t.Fatalf("only %d unions converted: %v", len(converted), converted)
	}
	flat, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	before, err := Parse(Doc("u.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	after, err := Parse(Doc("flat.json", flat), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, typ := range before.Types {
		if typ.Union == nil || !isConverted(typ.Pointer, converted) {
			continue
		}
		other := findType(after, typ.Name)
		if other == nil || other.Union == nil {
			t.Errorf("%s is no longer a union", typ.Name)
			continue
		}
		if other.Union.Encoding != "x-xgen-discriminator" {
			t.Errorf("%s was read as %s", typ.Name, other.Union.Encoding)
		}
		if diff := cmp.Diff(shape(typ), shape(other)); diff != "" {
			t.Errorf("%s differs (-oneOf +flat):\n%s", typ.Name, diff)
		}
		compared++
	}
	t.Logf("converted %d unions, compared %d union types", len(converted), compared)
	if compared < want {
		t.Errorf("compared %d union types", compared)
	}
}

// flatForm rewrites a oneOf union as one flat object.
func flatForm(name string, u *openapi3.Schema) *openapi3.Schema {
	flat := &openapi3.Schema{Type: &openapi3.Types{"object"}, Description: u.Description,
		Properties: openapi3.Schemas{}, Required: u.Required}
	own := map[string]bool{}
	for p, ref := range u.Properties {
		flat.Properties[p], own[p] = ref, true
	}
	byTarget := map[string]string{}
	for value, m := range u.Discriminator.Mapping {
		byTarget[m.Ref] = value
	}
	mapping := map[string]any{}
	for _, m := range u.OneOf {
		value, ok := byTarget[m.Ref]
		if !ok {
			value = m.Ref[strings.LastIndex(m.Ref, "/")+1:]
		}
		props, required := map[string]*openapi3.SchemaRef{}, map[string]bool{}
		collect(m, "#/components/schemas/"+name, props, required)
		var names, req []string
		for p, ref := range props {
			if !own[p] {
				names = append(names, p)
				if flat.Properties[p] == nil {
					flat.Properties[p] = ref
				}
			}
		}
		for r := range required {
			if !contains(u.Required, r) {
				req = append(req, r)
			}
		}
		sort.Strings(names)
		sort.Strings(req)
		mapping[value] = map[string]any{"properties": names, "required": req}
	}
	flat.Extensions = map[string]any{"x-xgen-discriminator": map[string]any{"propertyName": u.Discriminator.PropertyName, "mapping": mapping}}
	return flat
}

// collect gathers a member's properties and required names through allOf,
// skipping the union itself.
func collect(s *openapi3.SchemaRef, union string, props map[string]*openapi3.SchemaRef, required map[string]bool) {
	if s == nil || s.Value == nil || s.Ref == union {
		return
	}
	for _, m := range s.Value.AllOf {
		collect(m, union, props, required)
	}
	for p, ref := range s.Value.Properties {
		props[p] = ref
	}
	for _, r := range s.Value.Required {
		required[r] = true
	}
}

type unionShape struct {
	Discriminator string
	Variants      map[string][]string // value → fields, required ones marked with *
}

func shape(t *ir.Type) unionShape {
	s := unionShape{Discriminator: t.Union.Discriminator, Variants: map[string][]string{}}
	for _, v := range t.Union.Variants {
		var fields []string
		for _, f := range v.Fields {
			name := f.JSONName
			if f.Required {
				name += "*"
			}
			fields = append(fields, name)
		}
		s.Variants[v.Value+" "+v.GoName] = fields
	}
	return s
}

func isConverted(ptr string, names []string) bool {
	for _, n := range names {
		if ptr == "#/components/schemas/"+n {
			return true
		}
	}
	return false
}

func findType(api *ir.API, name string) *ir.Type {
	for _, t := range api.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedNames(m openapi3.Schemas) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
