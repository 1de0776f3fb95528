package generate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// Severities of a change, from the Go caller's side.
const (
	Breaking = "breaking" // code that compiled no longer compiles
	Wire     = "wire"     // it compiles, but a valid request is refused or an answer decodes otherwise
	Additive = "additive" // something new; nothing that worked stops working
	Info     = "info"     // worth knowing: deprecation, sunset, looser response rules
)

var severityRank = map[string]int{Breaking: 0, Wire: 1, Additive: 2, Info: 3}

// Change is one difference between the SDKs two specs give.
type Change struct {
	Kind      string `json:"kind"`     // operation-added, field-removed, … (see README "atlasgen diff")
	Severity  string `json:"severity"` // breaking, wire, additive or info
	Symbol    string `json:"symbol"`   // the Go symbol as the old SDK spells it (the new one's for an addition)
	NewSymbol string `json:"newSymbol,omitempty"`
	Operation string `json:"operation,omitempty"` // METHOD /path, for what belongs to one
	Tag       string `json:"tag,omitempty"`
	Detail    string `json:"detail"`
	Old       *Place `json:"old,omitempty"` // where the old spec says it
	New       *Place `json:"new,omitempty"`
}

// Place is a location in a spec.
type Place struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Pointer string `json:"pointer"`
}

func (p *Place) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Pointer)
}

// Locator places a JSON pointer in one spec.
type Locator func(ptr string) *Place

// differ compares two IRs of the same options.
type differ struct {
	old, new *ir.API
	at       [2]Locator // old, new
	// kept says the old names stay (a lock is used): renames are additive.
	kept    bool
	changes []Change
}

// Diff lists every change between the SDKs of old and new, sorted by
// severity, tag, symbol and kind. Operations are matched by method and
// path, types by where they come from (ir.Type.Key), so a rename is one
// change. With kept, renamed names stay as deprecated forwarders and
// aliases (the lock file), and renames are additive.
func Diff(old, new *ir.API, atOld, atNew Locator, kept bool) []Change {
	d := &differ{old: old, new: new, at: [2]Locator{atOld, atNew}, kept: kept}
	if old.Interface != "" && new.Interface != "" && old.Interface != new.Interface {
		d.add(Change{Kind: "interface-renamed", Severity: Breaking, Symbol: old.Interface, NewSymbol: new.Interface,
			Detail: "the client's interface is named " + new.Interface + " now (a schema took " + old.Interface + ")"}, "", "")
	}
	d.operations()
	d.types()
	sort.SliceStable(d.changes, func(i, j int) bool {
		a, b := d.changes[i], d.changes[j]
		if a.Severity != b.Severity {
			return severityRank[a.Severity] < severityRank[b.Severity]
		}
		if a.Tag != b.Tag {
			return a.Tag < b.Tag
		}
		if a.Symbol != b.Symbol {
			return a.Symbol < b.Symbol
		}
		return a.Kind < b.Kind
	})
	return d.changes
}

// add records a change located at ptrOld in the old spec and ptrNew in the
// new ("" for none).
func (d *differ) add(c Change, ptrOld, ptrNew string) {
	if ptrOld != "" && d.at[0] != nil {
		c.Old = d.at[0](ptrOld)
	}
	if ptrNew != "" && d.at[1] != nil {
		c.New = d.at[1](ptrNew)
	}
	d.changes = append(d.changes, c)
}

// renamed is the severity of a rename: breaking, unless the old name is kept.
func (d *differ) renamed() string {
	if d.kept {
		return Additive
	}
	return Breaking
}

func (d *differ) operations() {
	byPtr := map[string]*ir.Operation{}
	for _, op := range d.new.Operations {
		byPtr[op.Pointer] = op
	}
	seen := map[string]bool{}
	for _, o := range d.old.Operations {
		n := byPtr[o.Pointer]
		seen[o.Pointer] = true
		where := o.Method + " " + o.Path
		if n == nil {
			d.add(Change{Kind: "operation-removed", Severity: Breaking, Symbol: "Client." + o.GoName, Operation: where, Tag: o.Tag,
				Detail: o.ID + " is gone"}, o.Pointer, "")
			continue
		}
		d.operation(o, n, where)
	}
	for _, n := range d.new.Operations {
		if !seen[n.Pointer] {
			d.add(Change{Kind: "operation-added", Severity: Additive, Symbol: "Client." + n.GoName, Operation: n.Method + " " + n.Path, Tag: n.Tag,
				Detail: n.ID + " is new"}, "", n.Pointer)
		}
	}
}

// operation compares one operation in both specs.
func (d *differ) operation(o, n *ir.Operation, where string) {
	c := Change{Symbol: "Client." + o.GoName, Operation: where, Tag: n.Tag}
	if o.GoName != n.GoName {
		r := c
		r.Kind, r.Severity, r.NewSymbol = "operation-renamed", d.renamed(), "Client."+n.GoName
		r.Detail = fmt.Sprintf("operationId %s became %s", o.ID, n.ID) + derivedRenames(o, n)
		if d.kept {
			r.Detail += "; the lock keeps " + o.GoName + " as a deprecated forwarder"
		}
		d.add(r, join(o.Pointer, "operationId"), join(n.Pointer, "operationId"))
	}
	if o.Version != n.Version {
		r := c
		r.Kind, r.Severity = "operation-version-changed", Wire
		r.Detail = fmt.Sprintf("sends %s instead of %s", n.Accept, o.Accept)
		d.add(r, o.Pointer, n.Pointer)
	}
	if !o.Deprecated && n.Deprecated {
		r := c
		r.Kind, r.Severity, r.Detail = "operation-deprecated", Info, "the API marks it deprecated"
		d.add(r, "", n.Pointer)
	}
	if o.Sunset != n.Sunset && n.Sunset != "" {
		r := c
		r.Kind, r.Severity, r.Detail = "operation-sunset", Info, "Atlas removes it on "+n.Sunset
		d.add(r, "", n.Pointer)
	}
	d.params(o, n, c)
	d.bodies(o, n, c)
	d.extraMethods(o, n, c)
	d.statuses(o, n, c)
}

// statuses compares the documented answers: a success status added or
// removed changes what the method does with such an answer (it decodes
// the body, or hands back nothing); an error status only its detail.
func (d *differ) statuses(o, n *ir.Operation, c Change) {
	set := func(op *ir.Operation) map[string]ir.Response {
		m := map[string]ir.Response{}
		for _, r := range op.Responses {
			m[r.Status] = r
		}
		return m
	}
	olds, news := set(o), set(n)
	for _, status := range sortedKeys(news) {
		if _, ok := olds[status]; !ok {
			r := c
			r.Kind, r.Severity, r.Detail = "response-added", Info, "Atlas documents the answer "+status
			if !news[status].Error {
				r.Severity, r.Detail = Wire, "a "+status+" answer is handled as documented now, where it was undocumented"
			}
			d.add(r, "", join(join(n.Pointer, "responses"), status))
		}
	}
	for _, status := range sortedKeys(olds) {
		if _, ok := news[status]; !ok {
			r := c
			r.Kind, r.Severity, r.Detail = "response-removed", Info, "Atlas no longer documents the answer "+status
			if !olds[status].Error {
				r.Severity, r.Detail = Wire, "a "+status+" answer is undocumented now"
			}
			d.add(r, join(join(o.Pointer, "responses"), status), "")
		}
	}
}

// derivedRenames lists the names a renamed operation hands down that
// change with it: its params type, iterator and alternates.
func derivedRenames(o, n *ir.Operation) string {
	var out []string
	pair := func(a, b string) {
		if a != "" && b != "" && a != b {
			out = append(out, a+" → "+b)
		}
	}
	pair(o.Params.GoName, n.Params.GoName)
	if o.Pagination != nil && n.Pagination != nil {
		pair(o.Pagination.GoName, n.Pagination.GoName)
	}
	for _, a := range o.Alternates {
		for _, b := range n.Alternates {
			if a.Accept == b.Accept {
				pair(a.GoName, b.GoName)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (with " + strings.Join(out, ", ") + ")"
}

// extraMethods compares an operation's iterator and alternates: the
// methods besides its own.
func (d *differ) extraMethods(o, n *ir.Operation, c Change) {
	names := func(op *ir.Operation) map[string]string { // role → method
		m := map[string]string{}
		if op.Pagination != nil {
			m["iterator"] = op.Pagination.GoName
		}
		for _, a := range op.Alternates {
			m["alternate "+a.Accept] = a.GoName
		}
		return m
	}
	olds, news := names(o), names(n)
	for _, role := range sortedKeys(olds) {
		if _, ok := news[role]; !ok {
			r := c
			r.Kind, r.Severity, r.Symbol, r.Detail = "method-removed", Breaking, "Client."+olds[role], "the "+role+" is gone"
			d.add(r, o.Pointer, n.Pointer)
		}
	}
	for _, role := range sortedKeys(news) {
		if _, ok := olds[role]; !ok {
			r := c
			r.Kind, r.Severity, r.Symbol, r.Detail = "method-added", Additive, "Client."+news[role], "a new "+role
			d.add(r, o.Pointer, n.Pointer)
		}
	}
}

// params compares an operation's parameters, by location and wire name.
func (d *differ) params(o, n *ir.Operation, c Change) {
	key := func(p ir.Param) string { return p.In + " " + p.Name }
	olds := map[string]ir.Param{}
	for _, p := range o.Params.Params {
		olds[key(p)] = p
	}
	moved := map[string]ir.Param{} // by wire name: a parameter that changed its location
	for _, p := range n.Params.Params {
		if _, same := olds[key(p)]; !same {
			for k, q := range olds {
				if q.Name == p.Name && q.GoName == p.GoName {
					moved[p.Name] = q
					delete(olds, k)
				}
			}
		}
	}
	for _, p := range n.Params.Params {
		q, had := olds[key(p)]
		delete(olds, key(p))
		if m, ok := moved[p.Name]; ok && !had {
			d.add(Change{Kind: "parameter-moved", Severity: Wire, Symbol: o.Params.GoName + "." + m.GoName, Operation: c.Operation, Tag: c.Tag,
				Detail: fmt.Sprintf("%s is sent in the %s, not the %s", p.Name, p.In, m.In)}, o.Pointer, n.Pointer)
			continue
		}
		r := c
		r.Symbol = o.Params.GoName + "." + p.GoName
		switch {
		case !had && p.Required:
			r.Kind, r.Severity, r.Detail = "parameter-added", Wire, fmt.Sprintf("required %s parameter %s: a call without it is refused", p.In, p.Name)
		case !had:
			r.Kind, r.Severity, r.Detail = "parameter-added", Additive, fmt.Sprintf("optional %s parameter %s", p.In, p.Name)
		case goShape(q.Required, q.Type) != goShape(p.Required, p.Type):
			r.Symbol = o.Params.GoName + "." + q.GoName
			r.Kind, r.Severity, r.Detail = "parameter-type-changed", Breaking, fmt.Sprintf("%s → %s", describe(q.Required, q.Type), describe(p.Required, p.Type))
		default:
			d.rules(r, q.Type.Rules, p.Type.Rules, true, "", "")
			continue
		}
		d.add(r, "", n.Pointer)
	}
	for _, k := range sortedKeys(olds) {
		q := olds[k]
		d.add(Change{Kind: "parameter-removed", Severity: Breaking, Symbol: o.Params.GoName + "." + q.GoName, Operation: c.Operation, Tag: c.Tag,
			Detail: fmt.Sprintf("%s parameter %s is gone", q.In, q.Name)}, o.Pointer, "")
	}
}

// bodies compares the request body's and the result's Go types.
func (d *differ) bodies(o, n *ir.Operation, c Change) {
	var ob, nb string
	if o.Body != nil {
		ob = refShape(o.Body.Type)
	}
	if n.Body != nil {
		nb = refShape(n.Body.Type)
	}
	if ob != nb {
		r := c
		r.Kind, r.Severity, r.Detail = "request-type-changed", Breaking, "the body is another Go type"
		d.add(r, o.Pointer, n.Pointer)
	} else if o.Body != nil && o.Body.Required != n.Body.Required {
		r := c
		r.Kind, r.Severity, r.Detail = "body-required", Wire, "the body is required now: a call without one is refused"
		if !n.Body.Required {
			r.Kind, r.Severity, r.Detail = "body-optional", Additive, "the body is optional now"
		}
		d.add(r, o.Pointer, n.Pointer)
	}
	if opResultShape(o) != opResultShape(n) {
		r := c
		r.Kind, r.Severity, r.Detail = "result-type-changed", Breaking, "the method returns another Go type"
		d.add(r, o.Pointer, n.Pointer)
	}
}

func opResultShape(op *ir.Operation) string {
	s := op.Success()
	switch {
	case s != nil && s.Stream: // a stream has no Type
		return "stream"
	case s == nil || s.Type == nil:
		return ""
	}
	return refShape(*s.Type)
}

// goShape says what a field's or parameter's Go type is, by identity
// rather than name: a renamed type is the same shape, so one rename is one
// change. Only the field itself is held by pointer (ir.ByPointer); bodies,
// results and elements are refShape.
func goShape(required bool, r ir.TypeRef) string {
	if ir.ByPointer(required, r) {
		return "*" + refShape(r)
	}
	return refShape(r)
}

// refShape is the shape of a type as bodies, results and elements hold it;
// a Nullable is a shape of its own (Go callers write Value and Null).
func refShape(r ir.TypeRef) string {
	switch {
	case r.InNullable() && r.Boxed: // Nullable[*T]: Get returns a pointer
		return "nullable *" + valueShape(r)
	case r.InNullable():
		return "nullable " + valueShape(r)
	}
	return valueShape(r)
}

func valueShape(r ir.TypeRef) string {
	switch r.Kind {
	case ir.RefNamed:
		return "type " + r.Type.Key
	case ir.RefArray:
		return "[]" + refShape(*r.Elem)
	case ir.RefMap:
		return "map " + refShape(*r.Elem)
	}
	return fmt.Sprint(r.Kind)
}

// describe spells a type as Go does, for details: a field's or
// parameter's (required says whether it may be held by pointer), or an
// element's (required: never by pointer).
func describe(required bool, r ir.TypeRef) string {
	switch {
	case r.InNullable() && r.Boxed:
		return "Nullable[*" + describeValue(r) + "]"
	case r.InNullable():
		return "Nullable[" + describeValue(r) + "]"
	case ir.ByPointer(required, r):
		return "*" + describeValue(r)
	}
	return describeValue(r)
}

func describeValue(r ir.TypeRef) string {
	switch r.Kind {
	case ir.RefNamed:
		return r.Name
	case ir.RefArray:
		return "[]" + describe(true, *r.Elem)
	case ir.RefMap:
		return "map[string]" + describe(true, *r.Elem)
	}
	return []string{"string", "bool", "int32", "int64", "float64", "time.Time", "", "", "", "any", "json.RawMessage"}[r.Kind]
}

// join is a JSON pointer with one more token.
func join(ptr, tok string) string {
	return ptr + "/" + strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// LocatorOf places pointers in the spec and overlays of in.
func LocatorOf(in Inputs) (Locator, error) {
	at, err := parser.Locator(in.Spec.Name, in.Spec.Data, in.Overlays)
	if err != nil {
		return nil, err
	}
	return func(ptr string) *Place {
		file, line, col := at(ptr)
		return &Place{File: file, Line: line, Col: col, Pointer: ptr}
	}, nil
}

// sortedKeys are a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
