package ir

import "sort"

// NameKind is the kind of Go declaration a name is.
type NameKind string

// The kinds of names a snapshot declares and a lock file keeps.
const (
	NameMethod NameKind = "method" // a Client method: an operation's, an alternate's or an iterator
	NameType   NameKind = "type"   // a type: struct, union, enum, params, variant, unknown variant
	NameFunc   NameKind = "func"   // a union's decoder
	NameConst  NameKind = "const"  // an enum constant
)

// Named is one declared name and where it comes from. Key says it without
// any Go name (#/paths/~1x/get, #/paths/~1x/get#params, enum:…|Status), so
// the same thing has the same key when upstream renames an operationId or
// a names option changes.
type Named struct {
	Key  string
	Kind NameKind
	Name string
	// Op is the operation of a method; Alternate the media type it asks
	// for, Iterator whether it is the operation's iterator.
	Op        *Operation
	Alternate string
	Iterator  bool
	// Type is the type of a type name (nil for params), or the union a
	// decoder decodes.
	Type *Type
}

// Names lists every exported name the snapshot declares from the document,
// sorted by key: what a lock file records and keeps. Enum constants are
// not listed: a kept enum's constants follow its name.
func (api *API) Names() []Named {
	var out []Named
	for _, op := range api.Operations {
		out = append(out, Named{Key: op.Pointer, Kind: NameMethod, Name: op.GoName, Op: op},
			Named{Key: op.Pointer + "#params", Kind: NameType, Name: op.Params.GoName})
		for _, alt := range op.Alternates {
			out = append(out, Named{Key: op.Pointer + "#" + alt.Accept, Kind: NameMethod, Name: alt.GoName, Op: op, Alternate: alt.Accept})
		}
		if op.Pagination != nil {
			out = append(out, Named{Key: op.Pointer + "#all", Kind: NameMethod, Name: op.Pagination.GoName, Op: op, Iterator: true})
		}
	}
	for _, t := range api.Types {
		out = append(out, Named{Key: t.Key, Kind: NameType, Name: t.Name, Type: t})
		if u := t.Union; u != nil {
			for _, v := range u.Variants {
				out = append(out, Named{Key: t.Key + "#=" + v.Value, Kind: NameType, Name: v.GoName, Type: t}) // "=": no value is #unknown
			}
			out = append(out, Named{Key: t.Key + "#unknown", Kind: NameType, Name: u.Unknown, Type: t},
				Named{Key: t.Key + "#decoder", Kind: NameFunc, Name: u.Decoder, Type: t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Kept is a name an earlier snapshot declared (its lock file lists it)
// that this one gives another name: it stays declared, deprecated, as an
// alias of the new name (a method forwarding to it), so that callers'
// code keeps compiling.
type Kept struct {
	Old string
	Named
	// Why says what renamed it, for the godoc and the run's report.
	Why string
	// Consts are a kept enum's constants under their old names, each with
	// the constant it stands for.
	Consts []KeptConst
}

// KeptConst is an enum constant kept under its earlier name.
type KeptConst struct{ Old, New string }
