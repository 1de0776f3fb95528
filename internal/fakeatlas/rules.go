package fakeatlas

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/parser"
)

// applyAtlasgenRules makes openapi3filter judge requests by atlasgen's
// documented rules where its own reading of a document differs:
//
//   - Only a property's own readOnly counts (FACTS.md): upstream refers to
//     schemas marked readOnly from properties the API accepts in requests,
//     and kin-openapi would refuse them. A component schema's top-level
//     readOnly is cleared, so a $ref no longer makes a property readOnly;
//     a property that declares readOnly itself stays so.
//   - A union whose discriminator is readOnly cannot carry it in a request,
//     while kin-openapi requires it to pick the member. Such a union is
//     judged without its discriminator, as anyOf: its members then match by
//     structure, and several may.
//   - Patterns the spec states more strictly than Atlas are judged as the
//     generator's Atlas fixes correct them (parser.AtlasFixes).
//   - A oneOf no discriminator chooses between is read as anyOf: upstream
//     lists members that overlap (instance size M10 in every provider's
//     enum), so "exactly one" would refuse the bodies Atlas takes. A schema
//     typed object whose members are all strings holds strings.
func applyAtlasgenRules(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	ApplyAtlasFixes(doc)
	walkSchemas(doc, func(v *openapi3.Schema) {
		if v.Discriminator == nil && len(v.OneOf) > 0 {
			v.AnyOf, v.OneOf = append(v.AnyOf, v.OneOf...), nil
		}
		if v.Type != nil && v.Type.Is("object") && len(v.AnyOf) > 0 && allStrings(v.AnyOf) {
			v.Type = nil
		}
	})
	for _, s := range doc.Components.Schemas {
		if s != nil && s.Value != nil {
			s.Value.ReadOnly = false
		}
	}
	walkSchemas(doc, func(v *openapi3.Schema) {
		if v.Discriminator != nil && readOnlyDiscriminator(v) {
			v.Discriminator = nil
			v.AnyOf, v.OneOf = append(v.AnyOf, v.OneOf...), nil
		}
	})
}

// readOnlyDiscriminator reports whether the discriminator property declares
// readOnly in the union itself or in any of its members.
func readOnlyDiscriminator(v *openapi3.Schema) bool {
	name := v.Discriminator.PropertyName
	declares := func(s *openapi3.Schema) bool {
		p := s.Properties[name]
		return p != nil && p.Ref == "" && p.Value != nil && p.Value.ReadOnly
	}
	if declares(v) {
		return true
	}
	for _, m := range append(append(openapi3.SchemaRefs{}, v.OneOf...), v.AnyOf...) {
		if m.Value == nil {
			continue
		}
		if declares(m.Value) {
			return true
		}
		for _, a := range m.Value.AllOf {
			if a.Value != nil && declares(a.Value) {
				return true
			}
		}
	}
	return false
}

// walkSchemas calls fn once for every schema the document's components and
// operations reach.
func walkSchemas(doc *openapi3.T, fn func(*openapi3.Schema)) {
	seen := map[*openapi3.Schema]bool{}
	var visit func(s *openapi3.SchemaRef)
	visit = func(s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		v := s.Value
		seen[v] = true
		fn(v)
		for _, list := range []openapi3.SchemaRefs{v.OneOf, v.AnyOf, v.AllOf} {
			for _, m := range list {
				visit(m)
			}
		}
		for _, p := range v.Properties {
			visit(p)
		}
		visit(v.Items)
		visit(v.AdditionalProperties.Schema)
		visit(v.Not)
	}
	if doc.Components != nil {
		for _, s := range doc.Components.Schemas {
			visit(s)
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
				if p.Value != nil {
					visit(p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					visit(mt.Schema)
				}
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					if r.Value != nil {
						for _, mt := range r.Value.Content {
							visit(mt.Schema)
						}
					}
				}
			}
		}
	}
}

// ApplyAtlasFixes corrects each pattern the fix table names, where the
// document still has the defective text: every schema written inside a
// component is visited with its JSON pointer and judged by AtlasFix.Matches,
// as the generator does. A Sampler reads a document so corrected.
func ApplyAtlasFixes(doc *openapi3.T) {
	if doc.Components == nil {
		return
	}
	fixes := parser.AtlasFixes()
	var visit func(s *openapi3.SchemaRef, ptr string)
	visit = func(s *openapi3.SchemaRef, ptr string) {
		if s == nil || s.Value == nil {
			return
		}
		v := s.Value
		for _, f := range fixes {
			if v.Pattern != "" && f.Matches(ptr+"/pattern", v.Pattern) {
				v.Pattern = f.Corrected
			}
		}
		inline := func(c *openapi3.SchemaRef, at string) {
			if c != nil && c.Ref == "" { // a $ref is visited at its own component
				visit(c, at)
			}
		}
		for name, p := range v.Properties {
			inline(p, ptr+"/properties/"+escape(name))
		}
		for kw, list := range map[string]openapi3.SchemaRefs{"allOf": v.AllOf, "oneOf": v.OneOf, "anyOf": v.AnyOf} {
			for i, m := range list {
				inline(m, fmt.Sprintf("%s/%s/%d", ptr, kw, i))
			}
		}
		inline(v.Items, ptr+"/items")
		inline(v.AdditionalProperties.Schema, ptr+"/additionalProperties")
	}
	for name, s := range doc.Components.Schemas {
		visit(s, "#/components/schemas/"+escape(name))
	}
}

// escape escapes one JSON pointer token (RFC 6901).
func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// allStrings reports whether every member is a string schema.
func allStrings(members openapi3.SchemaRefs) bool {
	for _, m := range members {
		if m.Value == nil || m.Value.Type == nil || !m.Value.Type.Is("string") {
			return false
		}
	}
	return true
}
