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
	v.OneOf = nullMembers(v, v.OneOf)
	v.AnyOf = nullMembers(v, v.AnyOf)
}

// nullMembers drops the members that admit only null, when others remain,
// and makes v nullable when any member admits null.
func nullMembers(v *openapi3.Schema, members openapi3.SchemaRefs) openapi3.SchemaRefs {
	if slices.ContainsFunc(members, func(m *openapi3.SchemaRef) bool { return m != nil && admitsNull(m.Value) }) {
		v.Nullable = true
	}
	onlyNull := func(m *openapi3.SchemaRef) bool {
		return m != nil && m.Value != nil && m.Value.Type.Is(openapi3.TypeNull)
	}
	if !slices.ContainsFunc(members, onlyNull) || !slices.ContainsFunc(members, func(m *openapi3.SchemaRef) bool { return !onlyNull(m) }) {
		return members
	}
	return slices.DeleteFunc(slices.Clone(members), onlyNull)
}

// admitsNull reports whether a schema says null is one of its values, in
// any of the spellings nullForms reads (it may not have read this one yet).
func admitsNull(v *openapi3.Schema) bool {
	if v == nil {
		return false
	}
	return v.Nullable || v.Type != nil && slices.Contains(*v.Type, openapi3.TypeNull) ||
		slices.ContainsFunc(v.Enum, func(e any) bool { return e == nil })
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
