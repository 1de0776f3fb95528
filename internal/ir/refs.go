package ir

// The answers the emitter needs about a type reference, settled here so
// that it never looks a type up by name nor repeats the rules.

// IsUnion reports whether r names a union: a Go interface.
func (r TypeRef) IsUnion() bool {
	return r.Kind == RefNamed && r.Type != nil && r.Type.Kind == KindUnion
}

// IsStruct reports whether r names a struct.
func (r TypeRef) IsStruct() bool {
	return r.Kind == RefNamed && r.Type != nil && r.Type.Kind == KindStruct
}

// IsEnum reports whether r names an enum.
func (r TypeRef) IsEnum() bool { return r.Kind == RefNamed && r.Type != nil && r.Type.Kind == KindEnum }

// InNullable reports whether r is held in the runtime's Nullable[T], which
// tells absent, null and a value apart: every nullable value but
// json.RawMessage, which holds null itself. The parser clears Nullable
// where null cannot travel (parameters) or means nothing (a whole body).
func (r TypeRef) InNullable() bool { return r.Nullable && r.Kind != RefRaw }

// ByPointer reports whether a field or parameter of type r is held by
// pointer: optional scalars, enums, times and structs are, so "absent"
// differs from "zero", and so are structs boxed to break a recursion.
// Slices, maps, interfaces and any already have nil; a Nullable has its
// own absent (it holds a boxed struct by pointer inside).
func ByPointer(required bool, r TypeRef) bool {
	switch {
	case r.InNullable():
		return false
	case r.Kind == RefArray, r.Kind == RefMap, r.Kind == RefAny, r.Kind == RefRaw:
		return false
	}
	return r.Boxed || !r.IsUnion() && !required
}

// NilInside reports whether the value a Nullable of r holds can itself be
// nil (a slice, map, interface, any or boxed pointer): Value(nil) is sent
// as null, so validators check only what is not nil.
func (r TypeRef) NilInside() bool {
	switch r.Kind {
	case RefArray, RefMap, RefAny, RefRaw:
		return true
	}
	return r.Boxed || r.IsUnion()
}

// Nilable reports whether r, as a body travels through a method (structs
// by pointer, unions as their interface), has nil as its zero value.
func (r TypeRef) Nilable() bool {
	switch r.Kind {
	case RefNamed:
		return r.IsStruct() || r.IsUnion()
	case RefArray, RefMap, RefAny, RefRaw:
		return true
	}
	return false
}

// NarrowerEnum reports whether the location allows fewer values than its
// enum type declares (an inline enum on a shared type): they are checked
// one by one, not through the type's table.
func (r TypeRef) NarrowerEnum() bool {
	return r.IsEnum() && len(r.Rules.Enum) > 0 && len(r.Rules.Enum) < len(r.Type.Enum)
}

// NeedsDecoder reports whether r holds a union, directly or inside slices
// and maps at any depth: encoding/json cannot fill an interface.
func (r TypeRef) NeedsDecoder() bool {
	if r.IsUnion() {
		return true
	}
	return (r.Kind == RefArray || r.Kind == RefMap) && r.Elem != nil && r.Elem.NeedsDecoder()
}
