package parser

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// nullForms spells "null is allowed" one way, 3.0's nullable: true, before
// anything reads the schema. OpenAPI 3.1 writes it type: [T, "null"], and
// either version may list null among an enum's values; every later step
// (types, enums, validators, Nullable fields) then reads one flag. A
// schema typed only null is a nullable value of no stated type (a
// Nullable[any]: never stricter than the spec); one whose only enum value
// is null is left as it is.
func nullForms(v *openapi3.Schema) {
	if v.Type != nil && slices.Contains(*v.Type, openapi3.TypeNull) {
		types := slices.DeleteFunc(slices.Clone(*v.Type), func(t string) bool { return t == openapi3.TypeNull })
		v.Type, v.Nullable = (*openapi3.Types)(&types), true // none left: no stated type
	}
	isNull := func(e any) bool { return e == nil }
	if slices.ContainsFunc(v.Enum, isNull) && slices.ContainsFunc(v.Enum, func(e any) bool { return e != nil }) {
		v.Enum, v.Nullable = slices.DeleteFunc(slices.Clone(v.Enum), isNull), true
	}
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
