package parser

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// The three published encodings of a discriminated union. They normalize to
// one unionSpec, so the Go types never depend on which one a document uses.
const (
	encOneOf   = "oneOf"                // oneOf + discriminator (mapping or implicit)
	encMapping = "mapping"              // discriminator + mapping on a base, no oneOf
	encXgen    = "x-xgen-discriminator" // one flat object + x-xgen-discriminator
)

// unionSpec is a detected union before it is named and built.
type unionSpec struct {
	encoding string
	disc     string
	variants []variantSpec // sorted by value
}

// variantSpec is one member: every property it carries, the base's included.
type variantSpec struct {
	value string
	// values are every discriminator value the member admits (an inferred
	// discriminator may give one several); name then names the variant.
	values []string
	name   string
	shape  shape
}

// detectUnion recognises the three encodings on the schema s written at at.
// It returns nil for a schema that is not a discriminated union.
func (b *builder) detectUnion(s *openapi3.SchemaRef, at string) *unionSpec {
	if s == nil || s.Value == nil {
		return nil
	}
	ptr := schemaPtr(s, at)
	if u, ok := b.unions[ptr]; ok {
		return u
	}
	u := b.detectUnionAt(s, ptr)
	if u != nil && (!validTagName(u.disc) || u.disc == "-") {
		// Variants write the discriminator through a struct tag.
		b.fatalOnce(ptr, "discriminator property %q cannot be a Go struct tag: no variant could send it", u.disc)
		u = nil
	}
	b.unions[ptr] = u
	return u
}

func (b *builder) detectUnionAt(s *openapi3.SchemaRef, ptr string) *unionSpec {
	v := s.Value
	if raw, ok := v.Extensions[encXgen]; ok {
		return b.xgenUnion(v, ptr, raw)
	}
	d := v.Discriminator
	if d == nil {
		return b.inferUnion(s, ptr)
	}
	if d.PropertyName == "" {
		return nil
	}
	var u *unionSpec
	switch {
	case len(v.OneOf) > 0:
		u = b.oneOfUnion(s, ptr)
	case len(d.Mapping) > 0:
		u = b.mappingUnion(s, ptr)
	}
	b.checkDiscValues(u, ptr)
	return u
}

// checkDiscValues warns about a variant whose discriminator value (a
// mapping key, or the schema name a member is implicitly known by) the
// discriminator property's own enum does not admit: Atlas would refuse a
// request carrying it, or never send an answer with it.
func (b *builder) checkDiscValues(u *unionSpec, ptr string) {
	if u == nil {
		return
	}
	for _, vs := range u.variants {
		p, ok := vs.shape.props[u.disc]
		if !ok || p.ref == nil || p.ref.Value == nil || len(p.ref.Value.Enum) == 0 {
			continue
		}
		allowed := enumStrings(p.ref.Value)
		if !slices.Contains(allowed, vs.value) {
			b.warn(ir.DiagDiscriminatorNotInEnum, join(ptr, "discriminator"), "discriminator value %q is not in the enum of %s (%s): the variant is still chosen and sent by %q",
				vs.value, p.ptr, strings.Join(allowed, ", "), vs.value)
		}
	}
}

// oneOfUnion: variants are the oneOf members, valued by the mapping or, when
// a member is not mapped, by its schema name; mapping-only targets join too.
func (b *builder) oneOfUnion(s *openapi3.SchemaRef, ptr string) *unionSpec {
	v := s.Value
	byTarget := map[string]string{}
	for _, value := range sortedKeys(v.Discriminator.Mapping) {
		target := mappingRef(v.Discriminator.Mapping[value].Ref)
		if _, dup := byTarget[target]; !dup {
			byTarget[target] = value
		}
	}
	base := b.ownShape(s, ptr)
	u := &unionSpec{encoding: encOneOf, disc: v.Discriminator.PropertyName}
	listed := map[string]bool{}
	for i, m := range v.OneOf {
		if m.Ref == "" {
			b.warn(ir.DiagInlineUnionMember, memberPtr(ptr, v, "oneOf", i), "inline oneOf member has no schema name to serve as discriminator value; the union is decoded as raw JSON")
			return nil
		}
		value, ok := byTarget[m.Ref]
		if !ok {
			value = lastToken(m.Ref)
		}
		listed[value] = true
		u.variants = append(u.variants, variantSpec{value: value, shape: merge(base, b.flatten(m, m.Ref))})
	}
	for _, value := range sortedKeys(v.Discriminator.Mapping) {
		if !listed[value] {
			target := mappingRef(v.Discriminator.Mapping[value].Ref)
			u.variants = append(u.variants, variantSpec{value: value, shape: merge(base, b.flatten(b.target(target), target))})
		}
	}
	sortVariants(u)
	return u
}

// mappingUnion: a base with discriminator + mapping and no oneOf. Variants
// either allOf the base (a reference cycle flatten stops) or stand alone.
func (b *builder) mappingUnion(s *openapi3.SchemaRef, ptr string) *unionSpec {
	v := s.Value
	base := b.ownShape(s, ptr)
	u := &unionSpec{encoding: encMapping, disc: v.Discriminator.PropertyName}
	for _, value := range sortedKeys(v.Discriminator.Mapping) {
		target := mappingRef(v.Discriminator.Mapping[value].Ref)
		if target == ptr {
			continue // the base mapped to itself is not a variant
		}
		u.variants = append(u.variants, variantSpec{value: value, shape: merge(base, b.flatten(b.target(target), target))})
	}
	sortVariants(u)
	return u
}

// xgenDisc is the x-xgen-discriminator extension of the flattened form.
type xgenDisc struct {
	PropertyName string `json:"propertyName"`
	Mapping      map[string]struct {
		Properties []string `json:"properties"`
		Required   []string `json:"required"`
	} `json:"mapping"`
}

// xgenUnion: one flat object; each mapping entry lists only the properties
// and required names specific to its value, the rest are common to all.
func (b *builder) xgenUnion(v *openapi3.Schema, ptr string, raw any) *unionSpec {
	at := join(ptr, encXgen)
	data, _ := json.Marshal(raw)
	var x xgenDisc
	if err := json.Unmarshal(data, &x); err != nil || x.PropertyName == "" || len(x.Mapping) == 0 {
		b.fatal(at, "%s needs propertyName and mapping: {VALUE: {properties: [...], required: [...]}}", encXgen)
		return nil
	}
	flat := b.flatten(&openapi3.SchemaRef{Value: v}, ptr)
	specific := map[string]bool{}
	for _, value := range sortedKeys(x.Mapping) {
		for _, p := range x.Mapping[value].Properties {
			specific[p] = true
			if _, ok := flat.props[p]; !ok {
				b.fatal(join(at, "mapping", value, "properties"), "variant %q lists unknown property %q", value, p)
			}
		}
	}
	u := &unionSpec{encoding: encXgen, disc: x.PropertyName}
	for _, value := range sortedKeys(x.Mapping) {
		m := x.Mapping[value]
		sh := newShape()
		sh.rules = flat.rules
		mine := map[string]bool{}
		for _, p := range m.Properties {
			mine[p] = true
		}
		for name, p := range flat.props {
			if !specific[name] || mine[name] {
				sh.props[name] = p
				sh.required[name] = flat.required[name]
			}
		}
		for _, r := range m.Required {
			sh.required[r] = true
		}
		u.variants = append(u.variants, variantSpec{value: value, shape: sh})
	}
	sortVariants(u)
	return u
}

// target resolves a mapping target (checked to exist before loading): kin-openapi
// does not resolve mapping values itself.
func (b *builder) target(ptr string) *openapi3.SchemaRef {
	if c := b.comps[ptr]; c != nil {
		return &openapi3.SchemaRef{Ref: ptr, Value: c.ref.Value}
	}
	return nil
}

// ownShape is a union schema's own properties, without its members (not
// cached: it is not the schema's whole shape).
func (b *builder) ownShape(s *openapi3.SchemaRef, ptr string) shape {
	own := *s.Value
	own.OneOf, own.AnyOf = nil, nil
	sh := newShape()
	b.flattenInto(&sh, &openapi3.SchemaRef{Ref: s.Ref, Value: &own}, ptr, map[string]bool{})
	return sh
}

// merge overlays a variant's shape on its base: the variant's property
// schemas win, required names and rules add up.
func merge(base, variant shape) shape {
	out := newShape()
	for _, sh := range []shape{base, variant} {
		for k, p := range sh.props {
			out.props[k] = p
			out.members[k] = sh.members[k]
		}
		out.choices = append(out.choices, sh.choices...)
		for k, r := range sh.required {
			out.required[k] = out.required[k] || r
		}
		for _, r := range sh.rules {
			if !hasRule(out.rules, r.ptr) { // a variant that allOfs its base repeats the base's rules
				out.rules = append(out.rules, r)
			}
		}
	}
	return out
}

// multiValued reports whether some variant admits several values.
func (u *unionSpec) multiValued() bool {
	for _, v := range u.variants {
		if len(v.values) > 1 {
			return true
		}
	}
	return false
}

func sortVariants(u *unionSpec) {
	sort.Slice(u.variants, func(i, j int) bool { return u.variants[i].value < u.variants[j].value })
}

// lastToken is the unescaped final token of a JSON pointer: a schema's name.
func lastToken(ptr string) string {
	tok := ptr[strings.LastIndexByte(ptr, '/')+1:]
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

func hasRule(rules []rawRule, ptr string) bool {
	for _, r := range rules {
		if r.ptr == ptr {
			return true
		}
	}
	return false
}
