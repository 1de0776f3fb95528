package parser

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// allOf is a conjunction: a value must satisfy every member and the schema
// itself. Statements whose types share no value make the schema (or the
// property) impossible; atlasgen would otherwise let the last statement
// win in silence.

// statedTypes is what a schema's type keyword says, through allOf members
// when it says nothing itself; nil is "any type".
func statedTypes(v *openapi3.Schema, depth int) []string {
	if v == nil || depth > 8 {
		return nil
	}
	if v.Type != nil && len(v.Type.Slice()) > 0 {
		if v.Nullable { // 3.0's spelling of 3.1's [type, "null"]
			return append(slices.Clone(v.Type.Slice()), "null")
		}
		return v.Type.Slice()
	}
	for _, m := range v.AllOf {
		if m != nil {
			if t := statedTypes(m.Value, depth+1); t != nil {
				return t
			}
		}
	}
	return nil
}

// typesMeet reports whether some value has one of a and one of b.
func typesMeet(a, b []string) bool {
	if a == nil || b == nil {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if x == y || numeric(x) && numeric(y) {
				return true
			}
		}
	}
	return false
}

func typeList(ts []string) string { return strings.Join(ts, " or ") }

// checkAllOfTypes refuses a schema whose allOf members (and its own type)
// state types no value has at once: the types still possible narrow with
// each statement.
func (b *builder) checkAllOfTypes(v *openapi3.Schema, ptr string) {
	possible, from := []string(nil), join(ptr, "type")
	if v.Type != nil && len(v.Type.Slice()) > 0 {
		possible = statedTypes(v, 0)
	}
	for i, m := range v.AllOf {
		if m == nil {
			continue
		}
		at := join(ptr, "allOf", itoa(i))
		t := statedTypes(m.Value, 0)
		if t == nil {
			continue
		}
		if possible == nil {
			possible, from = t, at
			continue
		}
		meet := intersectTypes(possible, t)
		if len(meet) == 0 {
			b.fatalOnce(at, "allOf states type %s here, but the statements up to %s allow only %s: no value is both", typeList(t), from, typeList(possible))
			return
		}
		possible, from = meet, at
	}
}

// intersectTypes is the types in both lists; an integer is a number.
func intersectTypes(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			switch {
			case x == y:
				out = append(out, x)
			case x == "integer" && y == "number", x == "number" && y == "integer":
				out = append(out, "integer")
			}
		}
	}
	return out
}

// propConflict notes a property stated twice in one conjunction with types
// that never meet; flatten settles it once the shape knows what is required.
func propConflict(sh *shape, earlier, later prop) {
	if earlier.ref == nil || later.ref == nil {
		return
	}
	a, c := statedTypes(earlier.ref.Value, 0), statedTypes(later.ref.Value, 0)
	if typesMeet(a, c) {
		return
	}
	if sh.conflicts == nil {
		sh.conflicts, sh.conflictAt = map[string]string{}, map[string]string{}
	}
	sh.conflicts[later.name] = fmt.Sprintf("property %q is %s here and %s at %s", later.name, typeList(c), typeList(a), earlier.ptr)
	sh.conflictAt[later.name] = later.ptr
}

// settleConflicts refuses a required property no value can satisfy; an
// optional one can never be present, so it is left out with a warning.
func (b *builder) settleConflicts(sh *shape) {
	if len(sh.conflicts) == 0 {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(sh.conflicts)) {
		msg, at := sh.conflicts[name], sh.conflictAt[name]
		if sh.required[name] {
			b.fatalOnce(at, "%s, and it is required: no value satisfies the schema", msg)
			continue
		}
		b.warn(ir.DiagNeverPresent, at, "%s: no value is both, so the property can never be present; it is left out", msg)
		delete(sh.props, name)
	}
}
