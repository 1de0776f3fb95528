package generate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// TestUpstreamPropertyCoverage: for every request and success body of the
// whole upstream spec, the generated Go type can carry every property a
// body may hold — by JSON name, through allOf, oneOf, anyOf and nested
// objects, arrays and maps — except where inspect lists the type as
// deliberately imprecise (json.RawMessage, any, a free-form map), which
// keeps the bytes. Requests leave out what declares readOnly itself.
func TestUpstreamPropertyCoverage(t *testing.T) {
	data := readUpstream(t)
	api, err := Parse(Doc("atlas-api-2025-06-30.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := loadDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	c := &coverage{types: map[string]*ir.Type{}, seen: map[string]bool{}, missing: map[string]bool{}}
	for _, typ := range api.Types {
		c.types[typ.Name] = typ
	}
	checked := 0
	for _, op := range api.Operations {
		pathItem := doc.Paths.Value(op.Path)
		kop := pathItem.GetOperation(op.Method)
		if op.Body != nil {
			mt := kop.RequestBody.Value.Content[op.Body.ContentType]
			c.carry(mt.Schema, op.Body.Type, op.ID+" body", true)
			checked++
		}
		if s := op.Success(); s != nil && s.Type != nil {
			mt := kop.Responses.Value(s.Status).Value.Content[s.ContentType]
			c.carry(mt.Schema, *s.Type, op.ID+" "+s.Status, false)
			checked++
		}
	}
	if checked < 500 {
		t.Fatalf("only %d bodies checked", checked)
	}
	var lost []string
	for m := range c.missing {
		lost = append(lost, m)
	}
	sort.Strings(lost)
	if len(lost) > 0 {
		t.Errorf("%d properties a body may hold have no Go field:\n%s", len(lost), strings.Join(lost, "\n"))
	}
}

// coverage walks a schema beside the Go type generated for it.
type coverage struct {
	types   map[string]*ir.Type
	seen    map[string]bool // schema × Go type × direction already walked
	missing map[string]bool
}

func (c *coverage) carry(s *openapi3.SchemaRef, r ir.TypeRef, where string, request bool) {
	if s == nil || s.Value == nil {
		return
	}
	key := fmt.Sprintf("%p|%s|%d|%v", s.Value, r.Name, r.Kind, request)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	switch r.Kind {
	case ir.RefArray:
		if items := itemsOf(s); items != nil {
			for _, it := range items {
				c.carry(it, *r.Elem, where+"[]", request)
			}
		}
		return
	case ir.RefMap:
		if r.Elem.Kind != ir.RefAny {
			for _, ap := range additionalOf(s) {
				c.carry(ap, *r.Elem, where+"{}", request)
			}
		}
		return
	case ir.RefNamed:
	default:
		return // scalars, and the imprecise kinds that keep every byte
	}
	t := c.types[r.Name]
	if t == nil || t.Kind == ir.KindEnum {
		return
	}
	props := bodyProps(s, request)
	for _, name := range propNames(props) {
		fields := fieldsNamed(t, name)
		if len(fields) == 0 {
			if t.Union != nil && t.Union.Discriminator == name {
				continue // the marshaller writes it
			}
			c.missing[fmt.Sprintf("%s: %s.%s (Go type %s)", where, schemaName(s), name, t.Name)] = true
			continue
		}
		for _, ps := range props[name] {
			for _, f := range fields {
				c.carry(ps, f.Type, where+"."+name, request)
			}
		}
	}
}

// fieldsNamed returns the fields of a struct, or of any union variant, that
// carry the JSON name.
func fieldsNamed(t *ir.Type, name string) []ir.Field {
	var out []ir.Field
	all := [][]ir.Field{t.Fields}
	if t.Union != nil {
		all = nil
		for _, v := range t.Union.Variants {
			all = append(all, v.Fields)
		}
	}
	for _, fs := range all {
		for _, f := range fs {
			if f.JSONName == name {
				out = append(out, f)
			}
		}
	}
	return out
}

// bodyProps lists every property a value of s may hold, each with every
// schema stating it: own properties, allOf, oneOf and anyOf members, and a
// discriminator's mapping targets. A request leaves out what declares
// readOnly itself.
func bodyProps(s *openapi3.SchemaRef, request bool) map[string][]*openapi3.SchemaRef {
	out := map[string][]*openapi3.SchemaRef{}
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.SchemaRef)
	walk = func(s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		v := s.Value
		seen[v] = true
		for name, p := range v.Properties {
			if request && p.Ref == "" && p.Value != nil && p.Value.ReadOnly {
				continue
			}
			out[name] = append(out[name], p)
		}
		for _, list := range []openapi3.SchemaRefs{v.AllOf, v.OneOf, v.AnyOf} {
			for _, m := range list {
				walk(m)
			}
		}
	}
	walk(s)
	return out
}

// itemsOf and additionalOf collect the items (map values) of s and of its
// members, where a oneOf/anyOf of arrays (maps) merged them.
func itemsOf(s *openapi3.SchemaRef) []*openapi3.SchemaRef {
	return collectAll(s, func(v *openapi3.Schema) *openapi3.SchemaRef { return v.Items })
}

func additionalOf(s *openapi3.SchemaRef) []*openapi3.SchemaRef {
	return collectAll(s, func(v *openapi3.Schema) *openapi3.SchemaRef { return v.AdditionalProperties.Schema })
}

func collectAll(s *openapi3.SchemaRef, get func(*openapi3.Schema) *openapi3.SchemaRef) []*openapi3.SchemaRef {
	if s == nil || s.Value == nil {
		return nil
	}
	var out []*openapi3.SchemaRef
	if x := get(s.Value); x != nil {
		out = append(out, x)
	}
	for _, list := range []openapi3.SchemaRefs{s.Value.OneOf, s.Value.AnyOf} {
		for _, m := range list {
			out = append(out, collectAll(m, get)...)
		}
	}
	return out
}

func propNames(m map[string][]*openapi3.SchemaRef) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func schemaName(s *openapi3.SchemaRef) string {
	if s.Ref != "" {
		return s.Ref[strings.LastIndexByte(s.Ref, '/')+1:]
	}
	return "(inline)"
}

// TestUpstreamBodiesAndParametersAreTyped: no operation body or result is
// raw JSON or any (upstream states a schema for every one), and every parameter is a scalar, a named enum or a slice of
// them — never json.RawMessage, any or a struct, which the parameter
// styler cannot send (and once panicked on).
func TestUpstreamBodiesAndParametersAreTyped(t *testing.T) {
	api, err := Parse(Doc("atlas-api-2025-06-30.yaml", readUpstream(t)), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]ir.Kind{}
	for _, typ := range api.Types {
		kinds[typ.Name] = typ.Kind
	}
	var scalar func(r ir.TypeRef) bool
	scalar = func(r ir.TypeRef) bool {
		switch r.Kind {
		case ir.RefString, ir.RefBool, ir.RefInt32, ir.RefInt64, ir.RefFloat64, ir.RefTime:
			return true
		case ir.RefNamed:
			return kinds[r.Name] == ir.KindEnum
		case ir.RefArray:
			return r.Elem.Kind != ir.RefArray && scalar(*r.Elem)
		}
		return false
	}
	for _, op := range api.Operations {
		for _, p := range op.Params.Params {
			if !scalar(p.Type) {
				t.Errorf("%s: parameter %s is not a scalar, enum or list of them (kind %d %s)", op.ID, p.Name, p.Type.Kind, p.Type.Name)
			}
		}
		if op.Body != nil && (op.Body.Type.Kind == ir.RefRaw || op.Body.Type.Kind == ir.RefAny) {
			t.Errorf("%s: the body is json.RawMessage or any", op.ID)
		}
		if s := op.Success(); s != nil && s.Type != nil && (s.Type.Kind == ir.RefRaw || s.Type.Kind == ir.RefAny) {
			t.Errorf("%s: the result is json.RawMessage or any", op.ID)
		}
	}
	for _, f := range api.Fallbacks {
		if f.GoType == "json.RawMessage" {
			t.Errorf("%s is json.RawMessage (%s): upstream has no members of different JSON kinds", f.Pointer, f.Reason)
		}
	}
}
