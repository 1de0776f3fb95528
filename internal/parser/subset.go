package parser

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Selection names operations by tag and by operationId.
type Selection struct {
	Tags       []string `json:"tags,omitempty"`
	Operations []string `json:"operations,omitempty"`
}

func (s Selection) empty() bool { return len(s.Tags) == 0 && len(s.Operations) == 0 }

// subset reports whether the options choose some operations only.
func (o Options) subset() bool { return !o.Include.empty() || !o.Exclude.empty() }

// matches reports whether the selection names the operation, by its id or
// any of its tags.
func (s Selection) matches(p *plan) bool {
	if slices.Contains(s.Operations, p.id) {
		return true
	}
	for _, t := range p.op.Tags {
		if slices.Contains(s.Tags, t) {
			return true
		}
	}
	return false
}

// optionError is a problem with an option, located by a JSON pointer into
// the options (#/include/tags/1); a config file's reader places it at the
// line that wrote the option.
func optionError(ptr, format string, args ...any) ir.Diagnostic {
	return ir.Diagnostic{Severity: ir.Fatal, Pointer: ptr, Message: fmt.Sprintf(format, args...)}
}

// checkSelection reports the tags and operationIds of the include and
// exclude options that no operation of the document has.
func checkSelection(plans []*plan, opts Options) ir.Diagnostics {
	ids, tags := map[string]bool{}, map[string]bool{}
	for _, p := range plans {
		ids[p.id] = true
		for _, t := range p.op.Tags {
			tags[t] = true
		}
	}
	var ds ir.Diagnostics
	for _, sel := range []struct {
		name string
		s    Selection
	}{{"include", opts.Include}, {"exclude", opts.Exclude}} {
		for i, t := range sel.s.Tags {
			if !tags[t] {
				ds = append(ds, optionError(join("#", sel.name, "tags", itoa(i)), "no operation has tag %q", t))
			}
		}
		for i, id := range sel.s.Operations {
			if !ids[id] {
				ds = append(ds, optionError(join("#", sel.name, "operations", itoa(i)), "no operation has operationId %q", id))
			}
		}
	}
	for _, id := range sortedKeys(opts.Versions) {
		if !ids[id] {
			ds = append(ds, optionError(join("#/versions", id), "no operation has operationId %q", id))
		}
	}
	for _, id := range sortedKeys(opts.Names.Operations) {
		if !ids[id] {
			ds = append(ds, optionError(join("#/names/operations", id), "no operation has operationId %q", id))
		}
	}
	return append(ds, checkNames(opts.Names)...)
}

// checkNames refuses a chosen name that is no exported Go identifier, and
// two things given one name.
func checkNames(n Names) ir.Diagnostics {
	var ds ir.Diagnostics
	for _, kind := range []struct {
		key string
		m   map[string]string
	}{{"operations", n.Operations}, {"schemas", n.Schemas}} {
		by := map[string]string{}
		for _, from := range sortedKeys(kind.m) {
			to, ptr := kind.m[from], join("#/names", kind.key, from)
			switch prev, dup := by[to]; {
			case !token.IsIdentifier(to) || !token.IsExported(to):
				ds = append(ds, optionError(ptr, "%q is not an exported Go identifier", to))
			case dup:
				ds = append(ds, optionError(ptr, "%s is also the name chosen for %s", to, prev))
			}
			by[to] = from
		}
	}
	return ds
}

// outsideSubset warns about options that name operations the subset
// leaves out: they are valid, and do nothing.
func (b *builder) outsideSubset(plans []*plan) {
	for _, p := range plans {
		if selected(p, b.opts) {
			continue
		}
		if _, ok := b.opts.Versions[p.id]; ok {
			b.optionWarning(join("#/versions", p.id), "%s is not among the operations generated: its version is not used", p.id)
		}
		if _, ok := b.opts.Names.Operations[p.id]; ok {
			b.optionWarning(join("#/names/operations", p.id), "%s is not among the operations generated: its name is not used", p.id)
		}
	}
}

// optionWarning is a warning about an option, located as optionError is.
func (b *builder) optionWarning(ptr, format string, args ...any) {
	d := optionError(ptr, format, args...)
	d.Severity, d.Kind = ir.Warning, ir.DiagOutsideSubset
	b.diags = append(b.diags, d)
}

// selected reports whether the options keep the operation: included (when
// include names anything) and not excluded.
func selected(p *plan, opts Options) bool {
	return (opts.Include.empty() || opts.Include.matches(p)) && !opts.Exclude.matches(p)
}

// prune keeps the selected operations and the types they reach. It runs on
// the whole IR, built and named as if every operation were kept, so the
// operations kept are byte-identical to the same ones in the full SDK.
func prune(api *ir.API, keep map[*ir.Operation]bool, diags *ir.Diagnostics) {
	ops := api.Operations[:0]
	reached := map[*ir.Type]bool{}
	for _, o := range api.Operations {
		if keep[o] {
			ops = append(ops, o)
			operationTypes(o, reached)
		}
	}
	api.Operations = ops
	types := api.Types[:0]
	for _, t := range api.Types {
		if reached[t] {
			types = append(types, t)
		}
	}
	api.Types = types
	pruneFindings(api, diags)
}

// pruneFindings keeps the warnings, notes and inspect lists that concern
// what the subset generates: a finding under #/components/schemas/X or
// under #/paths/P is kept when X is a type generated (or inlined in one)
// or an operation of P is kept; findings elsewhere (shared parameters, the
// options) are kept.
func pruneFindings(api *ir.API, diags *ir.Diagnostics) {
	var prefixes []string
	for _, t := range api.Types {
		prefixes = append(prefixes, t.Pointer)
	}
	for _, o := range api.Operations {
		prefixes = append(prefixes, o.Pointer, join("#/paths", o.Path, "parameters"))
	}
	concerns := func(ptr string) bool {
		if !strings.HasPrefix(ptr, "#/components/schemas/") && !strings.HasPrefix(ptr, "#/paths/") {
			return true
		}
		for _, p := range prefixes {
			if ptr == p || strings.HasPrefix(ptr, p+"/") {
				return true
			}
		}
		return false
	}
	*diags = slices.DeleteFunc(*diags, func(d ir.Diagnostic) bool { return d.Severity != ir.Fatal && d.File != "" && !concerns(d.Pointer) })
	api.Unenforced = slices.DeleteFunc(api.Unenforced, func(u ir.Unenforced) bool { return !concerns(u.Pointer) })
	api.Fallbacks = slices.DeleteFunc(api.Fallbacks, func(f ir.Fallback) bool { return !concerns(f.Pointer) })
	api.Corrections = slices.DeleteFunc(api.Corrections, func(c ir.Correction) bool { return !concerns(c.Pointer) })
}

// namesOutsideSubset warns about schema names the Names option sets for
// types the whole SDK has and the subset does not.
func (b *builder) namesOutsideSubset(api *ir.API) {
	kept := map[string]bool{}
	for _, t := range api.Types {
		kept[t.Name] = true
	}
	for _, from := range sortedKeys(b.opts.Names.Schemas) {
		if c := b.comps[join("#/components/schemas", from)]; c != nil && c.goName == b.opts.Names.Schemas[from] && !kept[c.goName] {
			b.optionWarning(join("#/names/schemas", from), "schema %s is not among the types generated: its name is not used", from)
		}
	}
}

// operationTypes marks every named type an operation's method uses.
func operationTypes(o *ir.Operation, reached map[*ir.Type]bool) {
	for _, p := range o.Params.Params {
		refTypes(p.Type, reached)
	}
	if o.Body != nil {
		refTypes(o.Body.Type, reached)
	}
	for _, r := range o.Responses {
		if r.Type != nil {
			refTypes(*r.Type, reached)
		}
	}
	if o.Pagination != nil {
		refTypes(o.Pagination.Item, reached)
	}
}

func refTypes(r ir.TypeRef, reached map[*ir.Type]bool) {
	if r.Elem != nil {
		refTypes(*r.Elem, reached)
	}
	t := r.Type
	if t == nil || reached[t] {
		return
	}
	reached[t] = true
	for _, f := range t.Fields {
		refTypes(f.Type, reached)
	}
	if t.Union != nil {
		for _, v := range t.Union.Variants {
			for _, f := range v.Fields {
				refTypes(f.Type, reached)
			}
		}
	}
}
