package parser

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// A oneOf or anyOf without a discriminator still describes its values, and
// the upstream spec uses it for whole areas (alerts, events, hardware
// specs, region names). It becomes, by what its members are:
//
//   - strings (plain or enums): a string, or a named enum with every
//     member's values when all are enums;
//   - objects one property's enum values tell apart: a union chosen by that
//     property, an inferred discriminator (inferUnion);
//   - objects nothing tells apart: one struct carrying every member's
//     properties, valid when a body satisfies any member (flatten folds
//     them in and keeps each member as an alternative);
//   - members of different JSON kinds: json.RawMessage, listed by inspect.

// encInferred names the union encoding whose discriminator atlasgen infers.
const encInferred = "inferred"

// untypedMembers returns the oneOf (else anyOf) members of a schema no
// discriminator chooses between, with the keyword they are listed under.
func untypedMembers(v *openapi3.Schema) (openapi3.SchemaRefs, string) {
	if v == nil || v.Discriminator != nil {
		return nil, ""
	}
	if _, ok := v.Extensions[encXgen]; ok {
		return nil, ""
	}
	if len(v.OneOf) > 0 {
		return v.OneOf, "oneOf"
	}
	if len(v.AnyOf) > 0 {
		return v.AnyOf, "anyOf"
	}
	return nil, ""
}

// JSON kinds of a schema's values, as far as the schema says.
const (
	kindAny    = ""
	kindString = "string"
	kindObject = "object"
	kindMixed  = "mixed"
)

// jsonKind is the JSON type every value of s has: its members decide for a
// oneOf/anyOf (a `type: object` beside string members is a contradiction
// the caller reports), otherwise its type, properties or allOf. A member
// that states no kind (only `required`, say) fits any kind.
func jsonKind(s *openapi3.SchemaRef) string {
	return jsonKindSeen(s, map[*openapi3.Schema]bool{}, map[*openapi3.Schema]string{})
}

// jsonKindSeen breaks cycles with the schemas on the path (a cycle fits any
// kind) and remembers results, so shared members are judged once.
func jsonKindSeen(s *openapi3.SchemaRef, path map[*openapi3.Schema]bool, done map[*openapi3.Schema]string) string {
	if s == nil || s.Value == nil || path[s.Value] {
		return kindAny
	}
	v := s.Value
	if k, ok := done[v]; ok {
		return k
	}
	path[v] = true
	defer delete(path, v)
	kind := kindAny
	if members, _ := untypedMembers(v); len(members) > 0 {
		for _, m := range members {
			if kind = mergeKinds(kind, jsonKindSeen(m, path, done)); kind == kindMixed {
				break
			}
		}
	}
	if kind == kindAny {
		kind = ownKind(v)
	}
	done[v] = kind
	return kind
}

// mergeKinds is the kind of values that are either a or b.
func mergeKinds(a, b string) string {
	switch {
	case a == b || b == kindAny:
		return a
	case a == kindAny:
		return b
	case numeric(a) && numeric(b):
		return "number"
	}
	return kindMixed
}

// ownKind is what a schema's own keywords say its values are.
func ownKind(v *openapi3.Schema) string {
	switch {
	case isStringEnum(v):
		return kindString
	case v.Type != nil && len(v.Type.Slice()) > 0:
		return v.Type.Slice()[0]
	case len(v.Properties) > 0 || len(v.AllOf) > 0 || v.Discriminator != nil:
		return kindObject
	}
	return kindAny
}

func numeric(kind string) bool { return kind == "integer" || kind == "number" }

// stringValues returns the values a string schema admits, in first-seen
// order: closed is false when any member (or the schema) admits any string.
// A schema reached twice (or through a cycle) adds nothing new.
func stringValues(s *openapi3.SchemaRef) (values []string, closed bool) {
	closed = true
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.SchemaRef)
	walk = func(s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil {
			closed = false
			return
		}
		if seen[s.Value] {
			return
		}
		seen[s.Value] = true
		if members, _ := untypedMembers(s.Value); len(members) > 0 {
			for _, m := range members {
				walk(m)
			}
			return
		}
		if !isStringEnum(s.Value) {
			closed = false
			return
		}
		for _, e := range enumStrings(s.Value) {
			if !slices.Contains(values, e) {
				values = append(values, e)
			}
		}
	}
	walk(s)
	return values, closed
}

// isStringUnion reports a oneOf/anyOf whose every member is a string.
func isStringUnion(v *openapi3.Schema) bool {
	members, _ := untypedMembers(v)
	return len(members) > 0 && jsonKind(&openapi3.SchemaRef{Value: v}) == kindString
}

// inferUnion recognises a oneOf/anyOf of objects that one property tells
// apart: every member gives it a closed set of string values and no value
// belongs to two members. A property every member requires is preferred,
// then the name first in order. It returns nil when nothing tells them apart.
func (b *builder) inferUnion(s *openapi3.SchemaRef, ptr string) *unionSpec {
	members, kw := untypedMembers(s.Value)
	if len(members) < 2 || jsonKind(s) != kindObject {
		return nil
	}
	shapes := make([]shape, len(members))
	for i, m := range members {
		shapes[i] = b.flatten(m, memberPtr(ptr, s.Value, kw, i))
	}
	disc, values := pickDiscriminator(shapes)
	if disc == "" {
		return nil
	}
	base := b.ownShape(s, ptr)
	u := &unionSpec{encoding: encInferred, disc: disc}
	for i, m := range members {
		vs := variantSpec{value: values[i][0], values: values[i], shape: merge(base, shapes[i])}
		if len(values[i]) > 1 {
			vs.name = memberName(m, kw, memberIndex(s.Value, kw, i))
		}
		u.variants = append(u.variants, vs)
	}
	sortVariants(u)
	return u
}

// pickDiscriminator finds the property whose values tell the shapes apart.
func pickDiscriminator(shapes []shape) (string, [][]string) {
	var best string
	var bestValues [][]string
	bestRequired := false
	for _, name := range shapes[0].names() {
		values, ok := disjointValues(shapes, name)
		if !ok {
			continue
		}
		required := true
		for _, sh := range shapes {
			required = required && sh.required[name]
		}
		if best == "" || (required && !bestRequired) {
			best, bestValues, bestRequired = name, values, required
		}
	}
	return best, bestValues
}

// disjointValues returns each shape's values of the property name, when
// every shape closes it to strings no other shape admits.
func disjointValues(shapes []shape, name string) ([][]string, bool) {
	owner := map[string]int{}
	out := make([][]string, len(shapes))
	for i, sh := range shapes {
		p, ok := sh.props[name]
		if !ok {
			return nil, false
		}
		values, closed := stringValues(p.ref)
		if !closed || len(values) == 0 {
			return nil, false
		}
		for _, v := range values {
			if _, dup := owner[v]; dup {
				return nil, false
			}
			owner[v] = i
		}
		out[i] = values
	}
	return out, true
}

// memberName names a member: its schema's name, or its place in the list.
func memberName(m *openapi3.SchemaRef, kw string, i int) string {
	if m.Ref != "" {
		return lastToken(m.Ref)
	}
	return kw + itoa(i+1)
}
