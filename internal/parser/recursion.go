package parser

import (
	"github.com/atlasgen/atlasgen/internal/ir"
)

// boxRecursion breaks the value cycles Go cannot declare: a struct that
// holds itself, directly or through other structs, by value (every field on
// the way required or nullable: a Nullable holds its value in place) has
// no finite size. The field that closes the cycle is held by pointer
// (inside its Nullable, for a nullable one), which compiles and
// round-trips whatever a server sends. Only a cycle of required,
// non-nullable fields also has no finite value, so only that one is warned
// about: null ends the others. Types are visited in name order, so the
// field chosen does not depend on map order.
func (b *builder) boxRecursion(types []*ir.Type) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*ir.Type]int{}
	var path []*ir.Field // the fields from the first type visited to t
	start := map[*ir.Type]int{}
	var visit func(t *ir.Type)
	visit = func(t *ir.Type) {
		state[t], start[t] = onPath, len(path)
		for i := range t.Fields {
			f := &t.Fields[i]
			if !f.Type.IsStruct() || ir.ByPointer(f.Required, f.Type) {
				continue
			}
			path = append(path, f)
			switch state[f.Type.Type] {
			case onPath:
				f.Type.Boxed = true
				if !anyNullable(path[start[f.Type.Type]:]) {
					b.warn(ir.DiagNoFiniteValue, join(t.Pointer, "properties", f.JSONName),
						"required property %q holds %s again by value, so no finite value satisfies the schema; %s.%s is a pointer",
						f.JSONName, f.Type.Name, t.Name, f.GoName)
				}
			case unseen:
				visit(f.Type.Type)
			}
			path = path[:len(path)-1]
		}
		state[t] = done
	}
	for _, t := range types {
		if t.Kind == ir.KindStruct && state[t] == unseen {
			visit(t)
		}
	}
}

func anyNullable(fields []*ir.Field) bool {
	for _, f := range fields {
		if f.Type.Nullable {
			return true
		}
	}
	return false
}
