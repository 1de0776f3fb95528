package parser

import (
	"github.com/atlasgen/atlasgen/internal/ir"
)

// boxRecursion breaks the value cycles Go cannot declare: a struct that
// holds itself, directly or through other structs, by value (every field on
// the way required and not nullable) has no finite size. Such a schema has
// no finite value either, so the spec is warned about; the field that
// closes the cycle is held by pointer, which compiles and round-trips
// whatever a server sends. Types are visited in name order, so the field
// chosen does not depend on map order.
func (b *builder) boxRecursion(types []*ir.Type) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*ir.Type]int{}
	var visit func(t *ir.Type)
	visit = func(t *ir.Type) {
		state[t] = onPath
		for i := range t.Fields {
			f := &t.Fields[i]
			if !f.Type.IsStruct() || ir.ByPointer(f.Required, f.Type) {
				continue
			}
			switch state[f.Type.Type] {
			case onPath:
				f.Type.Boxed = true
				b.warn(ir.DiagNoFiniteValue, join(t.Pointer, "properties", f.JSONName),
					"required property %q holds %s again by value, so no finite value satisfies the schema; %s.%s is a pointer",
					f.JSONName, f.Type.Name, t.Name, f.GoName)
			case unseen:
				visit(f.Type.Type)
			}
		}
		state[t] = done
	}
	for _, t := range types {
		if t.Kind == ir.KindStruct && state[t] == unseen {
			visit(t)
		}
	}
}
