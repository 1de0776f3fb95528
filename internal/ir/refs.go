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

// ByPointer reports whether a field or parameter of type r is held by
// pointer: optional or nullable scalars, enums, times and structs are, so
// "absent" differs from "zero", and so are structs boxed to break a
// recursion. Slices, maps, interfaces and any already
// have nil.
func ByPointer(required bool, r TypeRef) bool {
	switch r.Kind {
	case RefArray, RefMap, RefAny, RefRaw:
		return false
	}
	return r.Boxed || !r.IsUnion() && (!required || r.Nullable)
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
