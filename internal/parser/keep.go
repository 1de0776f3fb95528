package parser

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Keep is what an earlier snapshot's lock file says it declared.
type Keep struct {
	// File names the lock file, for diagnostics.
	File string
	// Names are the Go names by key (ir.Named.Key): the one the snapshot
	// gave each, then older ones it still kept.
	Names map[string][]string
	// OperationIDs are the operationIds the snapshot's operations had, by
	// key, which say why a method's name changed.
	OperationIDs map[string]string
	// Why says why each name the snapshot kept had changed, by key and
	// name ("key\x00name"): a kept name keeps its reason.
	Why map[string]string
}

// keepNames keeps every earlier name the lock lists whose key now has
// another name: as an alias or a forwarding method, deprecated. A name
// that something else now declares cannot be kept, and is warned about.
func (b *builder) keepNames(api *ir.API) {
	if len(b.opts.Keep.Names) == 0 {
		return
	}
	kept := map[string]bool{}
	for _, n := range api.Names() {
		for _, old := range b.opts.Keep.Names[n.Key] {
			scope := b.names
			if n.Kind == ir.NameMethod {
				scope = b.methods
			}
			if old == n.Name || kept[string(n.Kind)+old] {
				continue
			}
			if !token.IsIdentifier(old) || !token.IsExported(old) { // a lock is input: it names nothing into code
				b.lockWarning(n.Key, "%q cannot stay as the earlier name of %s: it is no exported Go identifier", old, n.Name)
				continue
			}
			if holder, taken := scope.taken[old]; taken {
				b.lockWarning(n.Key, "%s cannot stay as the earlier name of %s: the package now declares it for %s", old, n.Name, holder)
				continue
			}
			scope.taken[old], kept[string(n.Kind)+old] = n.Key+"#kept", true
			why, ok := b.opts.Keep.Why[n.Key+"\x00"+old]
			if !ok {
				why = b.keptWhy(api, n)
			}
			api.Kept = append(api.Kept, ir.Kept{Old: old, Named: n, Why: why, Consts: b.keptConsts(n, old)})
		}
	}
	sort.Slice(api.Kept, func(i, j int) bool { return api.Kept[i].Old < api.Kept[j].Old })
}

// lockWarning reports a name of the lock that cannot be kept.
func (b *builder) lockWarning(key, format string, args ...any) {
	b.diags = append(b.diags, ir.Diagnostic{Severity: ir.Warning, Kind: ir.DiagLockName, File: b.opts.Keep.File, Line: 1, Col: 1,
		Pointer: join("#/names", key), Message: fmt.Sprintf(format, args...)})
}

// keptWhy says what renamed a name: upstream's operationId (of the
// operation the name is, or is derived from), else a names option or the
// spec.
func (b *builder) keptWhy(api *ir.API, n ir.Named) string {
	for _, op := range api.Operations {
		if n.Op != op && !DerivedFrom(n.Key, op.Pointer) {
			continue
		}
		if was := b.opts.Keep.OperationIDs[op.Pointer]; was != "" && was != op.ID {
			return fmt.Sprintf("the operationId of %s %s was %s and is now %s", op.Method, op.Path, was, op.ID)
		}
	}
	return "a names option or the spec named it otherwise"
}

// DerivedFrom reports whether a key places a name under an operation: an
// inline schema of it, its params, or an enum of its parameters or bodies.
func DerivedFrom(key, op string) bool {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(key, "enum:"), op)
	return ok && rest != "" && strings.ContainsRune("/#|", rune(rest[0]))
}

// keptConsts are a kept enum's constants under the old name: the new
// constant's name is the type's name and a suffix, as the namer makes
// them; those that are not, or whose old name is taken, are not kept.
func (b *builder) keptConsts(n ir.Named, old string) []ir.KeptConst {
	if n.Kind != ir.NameType || n.Type == nil || n.Type.Kind != ir.KindEnum || n.Type.Name != n.Name {
		return nil
	}
	var out []ir.KeptConst
	for _, e := range n.Type.Enum {
		suffix, ok := strings.CutPrefix(e.GoName, n.Name)
		if _, taken := b.names.taken[old+suffix]; ok && !taken {
			b.names.taken[old+suffix] = n.Key + "=" + e.Value + "#kept"
			out = append(out, ir.KeptConst{Old: old + suffix, New: e.GoName})
		}
	}
	return out
}

// fakeNames names each operation's constant in the atlasfake package (and
// each alternate's): its method's name, or, when the fake's runtime
// declares that, the name with Operation appended (and X until free).
func fakeNames(api *ir.API, reserved []string) {
	taken := map[string]bool{}
	for _, r := range reserved {
		taken[r] = true
	}
	var names []*string // each constant's name, by its method's
	var methods []string
	for _, op := range api.Operations {
		names, methods = append(names, &op.FakeName), append(methods, op.GoName)
		for i := range op.Alternates {
			names, methods = append(names, &op.Alternates[i].FakeName), append(methods, op.Alternates[i].GoName)
		}
	}
	for i, m := range methods {
		if !taken[m] {
			*names[i] = m
		}
	}
	for _, n := range names {
		taken[*n] = true
	}
	for i, n := range names {
		if *n == "" {
			name := methods[i] + "Operation"
			for taken[name] {
				name += "X"
			}
			*n, taken[name] = name, true
		}
	}
}
