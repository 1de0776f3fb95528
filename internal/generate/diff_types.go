package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// types compares the types of both SDKs, matched by Key.
func (d *differ) types() {
	byKey := map[string]*ir.Type{}
	for _, t := range d.new.Types {
		byKey[t.Key] = t
	}
	seen := map[string]bool{}
	for _, o := range d.old.Types {
		n := byKey[o.Key]
		seen[o.Key] = true
		switch {
		case n == nil:
			d.add(Change{Kind: "type-removed", Severity: Breaking, Symbol: o.Name, Detail: o.Name + " is gone"}, o.Pointer, "")
			continue
		case o.Name != n.Name:
			d.add(Change{Kind: "type-renamed", Severity: d.renamed(), Symbol: o.Name, NewSymbol: n.Name, Tag: d.tagOf(n.Key),
				Detail: fmt.Sprintf("%s is now %s", o.Name, n.Name)}, o.Pointer, n.Pointer)
		}
		if o.Kind != n.Kind {
			d.add(Change{Kind: "type-kind-changed", Severity: Breaking, Symbol: o.Name, Tag: d.tagOf(n.Key),
				Detail: fmt.Sprintf("%s is now another kind of type (%s → %s)", o.Name, kindName(o), kindName(n))}, o.Pointer, n.Pointer)
			continue
		}
		d.typeContent(o, n)
	}
	for _, n := range d.new.Types {
		if !seen[n.Key] {
			d.add(Change{Kind: "type-added", Severity: Additive, Symbol: n.Name, Detail: n.Name + " is new"}, "", n.Pointer)
		}
	}
}

func kindName(t *ir.Type) string {
	switch t.Kind {
	case ir.KindEnum:
		return "enum"
	case ir.KindUnion:
		return "union"
	}
	return "struct"
}

// tagOf is the tag of the operation a type is named after (its inline
// body, a parameter's enum), "" for a schema's type.
func (d *differ) tagOf(key string) string {
	for _, op := range d.new.Operations {
		if parser.DerivedFrom(key, op.Pointer) {
			return op.Tag
		}
	}
	return ""
}

// typeContent compares one type's fields, enum values or variants. A
// request type is held to the request's rule (narrowing breaks on the
// wire), a response-only type to the response's (widening does).
func (d *differ) typeContent(o, n *ir.Type) {
	request := o.Request || n.Request
	d.fields(o.Name, o.Fields, n.Fields, request, o.Pointer, n.Pointer)
	d.enum(o, n, request)
	if o.Union == nil || n.Union == nil {
		return
	}
	if o.Union.Discriminator != n.Union.Discriminator || o.Union.Method != n.Union.Method {
		d.add(Change{Kind: "discriminator-changed", Severity: Breaking, Symbol: o.Name + "." + o.Union.Method, Tag: d.tagOf(n.Key),
			Detail: fmt.Sprintf("variants are told apart by %q (method %s), not %q (%s)", n.Union.Discriminator, n.Union.Method,
				o.Union.Discriminator, o.Union.Method)}, o.Pointer, n.Pointer)
	}
	variants := map[string]ir.Variant{}
	for _, v := range n.Union.Variants {
		variants[v.Value] = v
	}
	for _, v := range o.Union.Variants {
		nv, ok := variants[v.Value]
		delete(variants, v.Value)
		if !ok {
			d.add(Change{Kind: "variant-removed", Severity: Breaking, Symbol: v.GoName,
				Detail: fmt.Sprintf("%s %q is gone from %s", o.Union.Discriminator, v.Value, o.Name)}, o.Pointer, "")
			continue
		}
		d.fields(v.GoName, v.Fields, nv.Fields, request, o.Pointer, n.Pointer)
	}
	for _, v := range sortedVariants(variants) {
		sev, why := Additive, "a new choice for requests"
		if !request {
			sev, why = Wire, "an answer with it decoded as the Unknown variant before"
		}
		d.add(Change{Kind: "variant-added", Severity: sev, Symbol: v.GoName,
			Detail: fmt.Sprintf("%s %q joins %s: %s", n.Union.Discriminator, v.Value, n.Name, why)}, "", n.Pointer)
	}
}

func sortedVariants(m map[string]ir.Variant) []ir.Variant {
	var out []ir.Variant
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b ir.Variant) int { return strings.Compare(a.Value, b.Value) })
	return out
}

// fields compares the fields of one struct or variant, by JSON name,
// each located at its property (or, composed by allOf, at its schema).
func (d *differ) fields(owner string, olds, news []ir.Field, request bool, oldAt, newAt string) {
	prop := func(at, json string) string { return join(join(at, "properties"), json) }
	old := map[string]ir.Field{}
	for _, f := range olds {
		old[f.JSONName] = f
	}
	for _, f := range news {
		q, had := old[f.JSONName]
		delete(old, f.JSONName)
		c := Change{Symbol: owner + "." + f.GoName}
		switch {
		case !had && f.Required && request:
			c.Kind, c.Severity, c.Detail = "field-added", Wire, fmt.Sprintf("required %q: a body without it is refused", f.JSONName)
		case !had:
			c.Kind, c.Severity, c.Detail = "field-added", Additive, fmt.Sprintf("%q", f.JSONName)
		case goShape(q.Required, q.Type) != goShape(f.Required, f.Type):
			c.Symbol = owner + "." + q.GoName
			c.Kind, c.Severity, c.Detail = "field-type-changed", Breaking, fmt.Sprintf("%q: %s → %s", f.JSONName, describe(q.Required, q.Type), describe(f.Required, f.Type))
		case !q.Required && f.Required && request:
			c.Symbol = owner + "." + q.GoName
			c.Kind, c.Severity, c.Detail = "field-required", Wire, fmt.Sprintf("%q is required now: a body without it is refused", f.JSONName)
		case q.Required && !f.Required:
			c.Symbol = owner + "." + q.GoName
			c.Kind, c.Severity, c.Detail = "field-optional", Info, fmt.Sprintf("%q is optional now", f.JSONName)
		default:
			d.rules(c, q.Type.Rules, f.Type.Rules, request, prop(oldAt, f.JSONName), prop(newAt, f.JSONName))
			continue
		}
		ptrOld := ""
		if had {
			ptrOld = prop(oldAt, f.JSONName)
		}
		d.add(c, ptrOld, prop(newAt, f.JSONName))
	}
	for _, q := range sortedFields(old) {
		d.add(Change{Kind: "field-removed", Severity: Breaking, Symbol: owner + "." + q.GoName,
			Detail: fmt.Sprintf("%q is gone", q.JSONName)}, prop(oldAt, q.JSONName), "")
	}
}

func sortedFields(m map[string]ir.Field) []ir.Field {
	var out []ir.Field
	for _, f := range m {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
	return out
}

// enum compares an enum's values: a value removed takes its constant
// away; one added widens a response, which a caller switching on it may
// not handle.
func (d *differ) enum(o, n *ir.Type, request bool) {
	if o.Kind != ir.KindEnum || n.Kind != ir.KindEnum {
		return
	}
	have := map[string]bool{}
	for _, e := range n.Enum {
		have[e.Value] = true
	}
	was := map[string]bool{}
	for _, e := range o.Enum {
		was[e.Value] = true
		if !have[e.Value] {
			d.add(Change{Kind: "enum-value-removed", Severity: Breaking, Symbol: e.GoName,
				Detail: fmt.Sprintf("%q is gone from %s", e.Value, o.Name)}, o.Pointer, n.Pointer)
		}
	}
	for _, e := range n.Enum {
		if !was[e.Value] {
			sev := Additive
			if !request {
				sev = Wire
			}
			d.add(Change{Kind: "enum-value-added", Severity: sev, Symbol: e.GoName,
				Detail: fmt.Sprintf("%q joins %s", e.Value, n.Name)}, "", n.Pointer)
		}
	}
}

// rules compares the constraints at one place: in a request, tightening
// refuses what was sent before (wire) and loosening accepts more
// (additive); in a response both are only worth knowing.
func (d *differ) rules(c Change, o, n ir.Rules, request bool, ptrOld, ptrNew string) {
	tighter, looser := compareRules(o, n)
	for _, what := range tighter {
		r := c
		r.Kind, r.Severity, r.Detail = "constraint-tightened", Info, what
		if request {
			r.Severity = Wire
		}
		d.add(r, ptrOld, ptrNew)
	}
	for _, what := range looser {
		r := c
		r.Kind, r.Severity, r.Detail = "constraint-loosened", Info, what
		if request {
			r.Severity = Additive
		}
		d.add(r, ptrOld, ptrNew)
	}
}

// compareRules lists what became stricter and what more lenient.
func compareRules(o, n ir.Rules) (tighter, looser []string) {
	var c ruleChanges
	bound(&c, "minLength", o.MinLength, n.MinLength, false)
	bound(&c, "maxLength", o.MaxLength, n.MaxLength, true)
	bound(&c, "minItems", o.MinItems, n.MinItems, false)
	bound(&c, "maxItems", o.MaxItems, n.MaxItems, true)
	bound(&c, "minimum", o.Minimum, n.Minimum, false)
	bound(&c, "maximum", o.Maximum, n.Maximum, true)
	c.flag("exclusiveMinimum", o.ExclMin, n.ExclMin)
	c.flag("exclusiveMaximum", o.ExclMax, n.ExclMax)
	c.text("format", o.Format, n.Format)
	c.text("pattern", patternOf(o), patternOf(n))
	return c.tighter, c.looser
}

// ruleChanges collects constraint changes by direction.
type ruleChanges struct{ tighter, looser []string }

// bound compares a lower (upper false) or upper limit; none is no limit.
func bound[T int64 | float64](c *ruleChanges, name string, a, b *T, upper bool) {
	switch {
	case a == nil && b == nil, a != nil && b != nil && *a == *b:
	case a == nil || b != nil && (*b < *a) == upper:
		c.tighter = append(c.tighter, fmt.Sprintf("%s %s → %s", name, show(a), show(b)))
	default:
		c.looser = append(c.looser, fmt.Sprintf("%s %s → %s", name, show(a), show(b)))
	}
}

// flag compares a constraint that is on or off.
func (c *ruleChanges) flag(name string, a, b bool) {
	switch {
	case !a && b:
		c.tighter = append(c.tighter, name+" set")
	case a && !b:
		c.looser = append(c.looser, name+" dropped")
	}
}

// text compares a constraint written as text (a format, a pattern): set
// or changed may refuse what was taken; dropped takes more.
func (c *ruleChanges) text(name, a, b string) {
	switch {
	case a == b:
	case b == "":
		c.looser = append(c.looser, name+" "+a+" dropped")
	case a == "":
		c.tighter = append(c.tighter, name+" "+b+" added")
	default:
		c.tighter = append(c.tighter, fmt.Sprintf("%s %s → %s", name, a, b))
	}
}

func patternOf(r ir.Rules) string {
	if r.Pattern == nil {
		return ""
	}
	return r.Pattern.Expr
}

func show[T int64 | float64](v *T) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprint(*v)
}
