package parser

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// nullForms spells "null is allowed" one way, 3.0's nullable: true, before
// anything reads the schema. OpenAPI 3.1 writes it type: [T, "null"] or as
// an anyOf/oneOf member {type: "null"}, either version may list null among
// an enum's values, and a member that admits null lets the schema admit it
// (a value need satisfy one member); every later step (types, enums,
// validators, Nullable fields) then reads one flag. A schema typed only
// null keeps its type (valueRef maps it), and one whose only enum value
// is null is left as it is.
func nullForms(v *openapi3.Schema) {
	if v.Type != nil && len(*v.Type) > 1 && slices.Contains(*v.Type, openapi3.TypeNull) {
		types := slices.DeleteFunc(slices.Clone(*v.Type), func(t string) bool { return t == openapi3.TypeNull })
		v.Type, v.Nullable = (*openapi3.Types)(&types), true
	}
	isNull := func(e any) bool { return e == nil }
	if slices.ContainsFunc(v.Enum, isNull) && slices.ContainsFunc(v.Enum, func(e any) bool { return e != nil }) {
		v.Enum, v.Nullable = slices.DeleteFunc(slices.Clone(v.Enum), isNull), true
	}
	v.OneOf = nullMembers(v, "oneOf", v.OneOf)
	v.AnyOf = nullMembers(v, "anyOf", v.AnyOf)
}

// nullMembers makes a schema that states no type of its own nullable when
// a member admits null (a value need satisfy one member; a type of its own
// rules null out), and drops the members that admit only null, when others
// remain: they said just that (or, beside a type, nothing). What the
// others are numbered in the spec is kept (memberIndex).
func nullMembers(v *openapi3.Schema, kw string, members openapi3.SchemaRefs) openapi3.SchemaRefs {
	typed := v.Type != nil && len(*v.Type) > 0
	if !typed && slices.ContainsFunc(members, func(m *openapi3.SchemaRef) bool { return m != nil && admitsNull(m.Value) }) {
		v.Nullable = true
	}
	var kept openapi3.SchemaRefs
	var index []int
	for i, m := range members {
		if m == nil || m.Value == nil || !m.Value.Type.Is(openapi3.TypeNull) {
			kept, index = append(kept, m), append(index, i)
		}
	}
	if len(kept) == len(members) || len(kept) == 0 {
		return members
	}
	if v.Extensions == nil {
		v.Extensions = map[string]any{}
	}
	v.Extensions[memberIndexMark+kw] = index
	return kept
}

// memberIndexMark records, under memberIndexMark+kw, where the members
// nullMembers kept stand in the spec's list.
const memberIndexMark = "x-atlasgen-member-index-"

// memberIndex is where the i-th member of v's kw list stands in the spec:
// pointers and member names say the spec's numbers.
func memberIndex(v *openapi3.Schema, kw string, i int) int {
	if index, ok := v.Extensions[memberIndexMark+kw].([]int); ok && i < len(index) {
		return index[i]
	}
	return i
}

// memberPtr is the pointer of v's i-th kw member, v being at ptr.
func memberPtr(ptr string, v *openapi3.Schema, kw string, i int) string {
	return join(ptr, kw, itoa(memberIndex(v, kw, i)))
}

// admitsNull reports whether a schema says null is one of its values, in
// any of the spellings nullForms reads, through the members of an untyped
// oneOf/anyOf at any depth: the answer is the same whether nullForms has
// read the schema yet or not, so it does not depend on the walk's order.
func admitsNull(v *openapi3.Schema) bool { return admitsNullAt(v, 0) }

func admitsNullAt(v *openapi3.Schema, depth int) bool {
	switch {
	case v == nil || depth > 8: // deeper is a cycle in all likelihood
		return false
	case v.Nullable, v.Type != nil && slices.Contains(*v.Type, openapi3.TypeNull), slices.ContainsFunc(v.Enum, func(e any) bool { return e == nil }):
		return true
	case v.Type != nil && len(*v.Type) > 0:
		return false
	}
	for _, m := range slices.Concat(v.OneOf, v.AnyOf) {
		if m != nil && admitsNullAt(m.Value, depth+1) {
			return true
		}
	}
	return false
}

// notNull is r as a parameter holds it: a path, query or header value
// cannot be null, so neither it nor its items are Nullable.
func notNull(r ir.TypeRef) ir.TypeRef {
	r.Nullable = false
	if r.Elem != nil {
		elem := notNull(*r.Elem)
		r.Elem = &elem
	}
	return r
}
