package fakeatlas

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Sampler builds JSON values a schema admits, read as atlasgen reads it:
// only a property's own readOnly counts, a oneOf without a discriminator
// takes any one member, and a discriminated union one variant with its
// discriminator value. Its values are plain JSON trees (maps, slices,
// strings, float64, bool).
type Sampler struct {
	// Doc resolves discriminator mappings (kin-openapi leaves them as names).
	Doc *openapi3.T
	// Request leaves out the properties that declare readOnly; a readOnly
	// discriminator stays in the value to decode but not on the wire.
	Request bool
	// Full sets every optional property and gives lists several items,
	// each a different union member; otherwise only what is required.
	Full bool
	// Pick chooses the union member (and enum value) at the top.
	Pick int
	// Nulls makes every nullable value below the top null (with Full, each
	// nullable property is sent as null once).
	Nulls bool
}

// maxDepth bounds nesting: deeper, only required properties are set and
// lists hold what minItems asks, so recursive schemas end.
const maxDepth = 6

// Sample returns a value of s twice: as the caller's Go value should be
// decoded from, and as the server should receive it.
func (sm Sampler) Sample(s *openapi3.SchemaRef) (decode, wire any, err error) {
	return sm.value(s, sm.Pick, 0)
}

// Members counts the alternatives at the top of s: the variants of a
// union, the members of a oneOf/anyOf; 1 for anything else.
func (sm Sampler) Members(s *openapi3.SchemaRef) int {
	if s == nil || s.Value == nil {
		return 1
	}
	if m := sm.members(s.Value); len(m) > 0 {
		return len(m)
	}
	return 1
}

// members lists a schema's alternatives: oneOf or anyOf, or for a
// discriminator with a mapping and no oneOf, the mapping's targets.
func (sm Sampler) members(v *openapi3.Schema) openapi3.SchemaRefs {
	if len(v.OneOf) > 0 {
		return v.OneOf
	}
	if len(v.AnyOf) > 0 {
		return v.AnyOf
	}
	if v.Discriminator == nil {
		return nil
	}
	var out openapi3.SchemaRefs
	for _, key := range sortedKeys(v.Discriminator.Mapping) {
		ref := mappingTarget(v.Discriminator.Mapping[key].Ref)
		if t := sm.schema(ref); t != nil && t.Value != v {
			out = append(out, t)
		}
	}
	return out
}

func (sm Sampler) schema(ref string) *openapi3.SchemaRef {
	if sm.Doc == nil || sm.Doc.Components == nil {
		return nil
	}
	s := sm.Doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
	if s == nil {
		return nil
	}
	return &openapi3.SchemaRef{Ref: ref, Value: s.Value}
}

func mappingTarget(t string) string {
	if strings.Contains(t, "/") {
		return t
	}
	return "#/components/schemas/" + t
}

func (sm Sampler) value(s *openapi3.SchemaRef, pick, depth int) (any, any, error) {
	if depth > 3*maxDepth {
		return nil, nil, fmt.Errorf("required properties recurse without end")
	}
	if s == nil || s.Value == nil {
		return "value", "value", nil
	}
	v := s.Value
	if sm.Nulls && depth > 0 && v.Nullable {
		return nil, nil, nil
	}
	if m := sm.members(v); len(m) > 0 && !objectType(v, m) {
		return sm.value(m[pick%len(m)], pick, depth) // strings, numbers: one member
	}
	switch {
	case v.Type != nil && v.Type.Is("array"):
		return sm.array(v, depth)
	case len(v.Properties) > 0 || len(v.AllOf) > 0 || sm.members(v) != nil || (v.Type != nil && v.Type.Is("object")):
		return sm.object(s, pick, depth)
	case v.Type != nil && (v.Type.Is("integer") || v.Type.Is("number")):
		n := sampleNumber(v, pick)
		return n, n, nil
	case v.Type != nil && v.Type.Is("boolean"):
		return true, true, nil
	}
	str, err := sampleString(v, pick)
	return str, str, err
}

// objectType reports whether a schema with members holds objects.
func objectType(v *openapi3.Schema, members openapi3.SchemaRefs) bool {
	if len(v.Properties) > 0 || v.Discriminator != nil {
		return true
	}
	m := members[0].Value
	return m != nil && (len(m.Properties) > 0 || len(m.AllOf) > 0 || len(m.OneOf) > 0 || (m.Type != nil && m.Type.Is("object")))
}

func (sm Sampler) array(v *openapi3.Schema, depth int) (any, any, error) {
	n := int(v.MinItems)
	if sm.Full && depth < maxDepth {
		n = max(n, 2, sm.Members(v.Items))
	}
	if v.MaxItems != nil {
		n = min(n, int(*v.MaxItems))
	}
	dec, wire := make([]any, 0, n), make([]any, 0, n)
	for i := range n {
		d, w, err := sm.value(v.Items, i, depth+1)
		if err != nil {
			return nil, nil, err
		}
		dec, wire = append(dec, d), append(wire, w)
	}
	if v.UniqueItems {
		dec, wire = uniqueItems(dec, wire)
	}
	return dec, wire, nil
}

func uniqueItems(dec, wire []any) ([]any, []any) {
	d, w := []any{}, []any{}
	seen := map[string]bool{}
	for i := range dec {
		key := fmt.Sprint(wire[i])
		if !seen[key] {
			seen[key] = true
			d, w = append(d, dec[i]), append(w, wire[i])
		}
	}
	return d, w
}

// object fills an object from the schema's allOf members, its chosen
// member and its own properties; a discriminated union also gets its
// discriminator value.
func (sm Sampler) object(s *openapi3.SchemaRef, pick, depth int) (any, any, error) {
	dec, wire := map[string]any{}, map[string]any{}
	v := s.Value
	var chosen *openapi3.SchemaRef
	if m := sm.members(v); len(m) > 0 {
		chosen = m[pick%len(m)]
	}
	required := requiredNames(s)
	if chosen != nil {
		for name := range requiredNames(chosen) {
			required[name] = true
		}
	}
	if err := sm.fill(s, chosen, dec, wire, required, depth, map[*openapi3.Schema]bool{}); err != nil {
		return nil, nil, err
	}
	if chosen != nil && v.Discriminator != nil {
		sm.setDiscriminator(v, chosen, dec, wire)
	}
	if len(dec) == 0 && sm.Full && v.AdditionalProperties.Schema == nil && len(v.Properties) == 0 && chosen == nil && len(v.AllOf) == 0 {
		dec["key"], wire["key"] = "value", "value" // a free-form object
	}
	if ap := v.AdditionalProperties.Schema; ap != nil && sm.Full && depth < maxDepth {
		d, w, err := sm.value(ap, 0, depth+1)
		if err != nil {
			return nil, nil, err
		}
		dec["key1"], wire["key1"] = d, w
	}
	return dec, wire, nil
}

// fill sets the properties of s, of its allOf members and of chosen.
func (sm Sampler) fill(s, chosen *openapi3.SchemaRef, dec, wire map[string]any, required map[string]bool, depth int, seen map[*openapi3.Schema]bool) error {
	if s == nil || s.Value == nil || seen[s.Value] {
		return nil
	}
	v := s.Value
	seen[v] = true
	// Own properties first: a member restating one (with a pattern the
	// base does not state) is the more specific, and its value wins.
	if err := sm.own(v, dec, wire, required, depth); err != nil {
		return err
	}
	for _, m := range v.AllOf {
		var inner *openapi3.SchemaRef
		if ms := sm.members(m.Value); len(ms) > 0 && m.Value.Discriminator == nil {
			inner = ms[0]
		}
		if err := sm.fill(m, inner, dec, wire, required, depth, seen); err != nil {
			return err
		}
	}
	if chosen != nil {
		return sm.fill(chosen, nil, dec, wire, required, depth, seen)
	}
	return nil
}

// own sets a schema's own properties: not those that declare readOnly in a
// request, nor writeOnly ones in a response, and optional ones only when
// full.
func (sm Sampler) own(v *openapi3.Schema, dec, wire map[string]any, required map[string]bool, depth int) error {
	for _, name := range sortedKeys(v.Properties) {
		p := v.Properties[name]
		own := p.Ref == "" && p.Value != nil
		switch {
		case sm.Request && own && p.Value.ReadOnly, !sm.Request && p.Value != nil && p.Value.WriteOnly:
			continue
		case !required[name] && (!sm.Full || depth >= maxDepth):
			continue
		}
		d, w, err := sm.value(p, depth, depth+1)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		dec[name], wire[name] = d, w
	}
	return nil
}

// setDiscriminator writes the chosen member's discriminator value: the
// mapping key naming it, or its schema name. A readOnly discriminator goes
// to the value to decode only: requests never carry it.
func (sm Sampler) setDiscriminator(v *openapi3.Schema, chosen *openapi3.SchemaRef, dec, wire map[string]any) {
	name := v.Discriminator.PropertyName
	value := chosen.Ref[strings.LastIndexByte(chosen.Ref, '/')+1:]
	for _, key := range sortedKeys(v.Discriminator.Mapping) {
		if mappingTarget(v.Discriminator.Mapping[key].Ref) == chosen.Ref {
			value = key
			break
		}
	}
	dec[name] = value
	if sm.Request && discriminatorReadOnly(v, chosen, name) {
		delete(wire, name)
		return
	}
	wire[name] = value
}

func discriminatorReadOnly(v *openapi3.Schema, chosen *openapi3.SchemaRef, name string) bool {
	for _, s := range append([]*openapi3.Schema{v}, schemasOf(chosen)...) {
		if p := s.Properties[name]; p != nil && p.Ref == "" && p.Value != nil && p.Value.ReadOnly {
			return true
		}
	}
	return false
}

// schemasOf is a schema and its allOf members.
func schemasOf(s *openapi3.SchemaRef) []*openapi3.Schema {
	if s == nil || s.Value == nil {
		return nil
	}
	out := []*openapi3.Schema{s.Value}
	for _, m := range s.Value.AllOf {
		out = append(out, schemasOf(m)...)
	}
	return out
}

// requiredNames collects the required names of a schema and its allOf.
func requiredNames(s *openapi3.SchemaRef) map[string]bool {
	out := map[string]bool{}
	for _, v := range schemasOf(s) {
		for _, r := range v.Required {
			out[r] = true
		}
	}
	return out
}

// sampleNumber returns a number within the schema's bounds.
func sampleNumber(v *openapi3.Schema, pick int) float64 {
	if len(v.Enum) > 0 {
		if f, ok := v.Enum[pick%len(v.Enum)].(float64); ok {
			return f
		}
	}
	if ex, ok := v.Example.(float64); ok && inBounds(v, ex) {
		return ex
	}
	n := 1.0
	if v.Min != nil {
		n = math.Max(n, math.Ceil(*v.Min))
		if v.ExclusiveMin.IsTrue() && n == *v.Min {
			n++
		}
	}
	if v.Max != nil && n > *v.Max {
		n = math.Floor(*v.Max)
	}
	if v.MultipleOf != nil && *v.MultipleOf > 0 {
		n = math.Ceil(n / *v.MultipleOf) * *v.MultipleOf
	}
	return n
}

func inBounds(v *openapi3.Schema, x float64) bool {
	return (v.Min == nil || x >= *v.Min) && (v.Max == nil || x <= *v.Max) && (v.Type == nil || !v.Type.Is("integer") || x == math.Trunc(x))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return slices.Clip(keys)
}
