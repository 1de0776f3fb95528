package generate

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Inspection is what `atlasgen inspect` reports of a document at one API
// date: every key lowerCamel, every list sorted.
type Inspection struct {
	APIDate     string            `json:"apiDate"`
	Dates       []string          `json:"dates"`
	Operations  []InspectedOp     `json:"operations"`
	Skipped     []InspectedSkip   `json:"skipped"`
	Unions      []InspectedUnion  `json:"unions"`
	Merged      []InspectedMerged `json:"merged"`
	Rules       []InspectedRule   `json:"rules"`
	Unenforced  []string          `json:"unenforced"`
	Nullable    []InspectedNull   `json:"nullable"`
	Fallbacks   InspectedFallback `json:"fallbacks"`
	Corrections []InspectedFix    `json:"corrections"`
	Diagnostics []string          `json:"diagnostics"`
}

// InspectedOp is one operation and the version chosen for it.
type InspectedOp struct {
	ID       string   `json:"operationId"`
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Version  string   `json:"version"`
	Versions []string `json:"versions"`
	Accept   string   `json:"accept"`
}

// InspectedSkip is an operation left out, with why.
type InspectedSkip struct {
	ID       string   `json:"operationId"`
	Versions []string `json:"versions"`
	Reason   string   `json:"reason"`
}

// InspectedUnion is a union: how it was written, what chooses its variant.
type InspectedUnion struct {
	Name          string            `json:"name"`
	Encoding      string            `json:"encoding"`
	Discriminator string            `json:"discriminator"`
	Variants      []InspectedMember `json:"variants"`
	Common        []string          `json:"common"`
}

// InspectedMember is one variant: the discriminator values it is chosen by.
type InspectedMember struct {
	Values []string `json:"values"`
	GoName string   `json:"goName"`
}

// InspectedMerged is a struct merged from oneOf/anyOf members nothing tells
// apart: it carries every member's properties and is valid as any member.
type InspectedMerged struct {
	Name    string     `json:"name"`
	Pointer string     `json:"pointer"`
	Choices [][]string `json:"choices"`
}

// InspectedRule is one check a validator makes, where it makes it.
type InspectedRule struct {
	Type  string `json:"type"`  // the Go type, or the parameter set
	Field string `json:"field"` // the JSON name; [] and {} mark elements
	Rule  string `json:"rule"`
}

// InspectedNull is a property, or the items of one, that may be null: a
// Nullable in Go, which tells absent, null and a value apart.
type InspectedNull struct {
	Type   string `json:"type"`  // the Go type or union variant
	Field  string `json:"field"` // the JSON name; [] and {} mark elements
	GoType string `json:"goType"`
}

// InspectedFallback counts the schemas emitted without a precise Go type.
type InspectedFallback struct {
	Count  int            `json:"count"`
	ByType map[string]int `json:"byType"`
	Places []string       `json:"places"`
}

// InspectedFix is an Atlas fix applied to the spec.
type InspectedFix struct {
	Pointer   string `json:"pointer"`
	Defective string `json:"defective"`
	Corrected string `json:"corrected"`
	Why       string `json:"why"`
}

// Inspect reports an IR.
func Inspect(api *ir.API) Inspection {
	in := Inspection{APIDate: api.APIDate, Dates: api.Dates, Operations: []InspectedOp{}, Skipped: []InspectedSkip{},
		Unions: []InspectedUnion{}, Merged: []InspectedMerged{}, Rules: []InspectedRule{}, Unenforced: []string{},
		Nullable: []InspectedNull{}, Corrections: []InspectedFix{}, Diagnostics: []string{}}
	for _, op := range api.Operations {
		in.Operations = append(in.Operations, InspectedOp{op.ID, op.Method, op.Path, op.Version, op.Versions, op.Accept})
		in.Rules = append(in.Rules, paramRules(op)...)
	}
	for _, s := range api.Skipped {
		in.Skipped = append(in.Skipped, InspectedSkip{s.OperationID, s.Versions, s.Reason})
	}
	for _, t := range api.Types {
		if t.Union != nil {
			in.Unions = append(in.Unions, inspectUnion(t))
		}
		if len(t.Choices) > 0 {
			in.Merged = append(in.Merged, inspectMerged(t))
		}
		if t.Request {
			in.Rules = append(in.Rules, typeRules(t)...)
		}
		in.Nullable = append(in.Nullable, typeNulls(t)...)
	}
	sort.SliceStable(in.Rules, func(i, j int) bool { return in.Rules[i].Type < in.Rules[j].Type })
	sort.Slice(in.Nullable, func(i, j int) bool {
		a, b := in.Nullable[i], in.Nullable[j]
		return a.Type < b.Type || a.Type == b.Type && a.Field < b.Field
	})
	in.Fallbacks = InspectedFallback{Count: len(api.Fallbacks), ByType: map[string]int{}, Places: []string{}}
	for _, f := range api.Fallbacks {
		in.Fallbacks.ByType[f.GoType]++
		in.Fallbacks.Places = append(in.Fallbacks.Places, f.Pointer+": "+f.GoType+" ("+f.Reason+")")
	}
	for _, u := range api.Unenforced {
		in.Unenforced = append(in.Unenforced, u.Pointer+": "+u.What)
	}
	for _, c := range api.Corrections {
		in.Corrections = append(in.Corrections, InspectedFix{c.Pointer, c.Defective, c.Corrected, c.Why})
	}
	for _, d := range api.Diagnostics {
		in.Diagnostics = append(in.Diagnostics, d.String())
	}
	return in
}

func inspectUnion(t *ir.Type) InspectedUnion {
	u := InspectedUnion{Name: t.Name, Encoding: t.Union.Encoding, Discriminator: t.Union.Discriminator, Common: t.Union.Common,
		Variants: []InspectedMember{}}
	for _, v := range t.Union.Variants {
		u.Variants = append(u.Variants, InspectedMember{Values: v.Values, GoName: v.GoName})
	}
	return u
}

func inspectMerged(t *ir.Type) InspectedMerged {
	m := InspectedMerged{Name: t.Name, Pointer: t.Pointer}
	for _, choice := range t.Choices {
		var names []string
		for _, alt := range choice {
			names = append(names, alt.Name)
		}
		m.Choices = append(m.Choices, names)
	}
	return m
}

// typeRules lists every check the validators of a request type make: of
// its fields, their elements, its conditional rules and its alternatives.
func typeRules(t *ir.Type) []InspectedRule {
	var out []InspectedRule
	add := func(owner string, fields []ir.Field, rules []ir.CondRule, choices [][]ir.Alternative) {
		for _, f := range fields {
			out = append(out, valueRules(owner, f.JSONName, f.Required, f.Type)...)
		}
		for _, r := range rules {
			out = append(out, InspectedRule{owner, strings.Join(r.Require, ","), "conditional: " + r.Description})
		}
		for _, choice := range choices {
			var names []string
			for _, alt := range choice {
				names = append(names, alt.Name)
			}
			out = append(out, InspectedRule{owner, "", "valid as one of " + strings.Join(names, ", ")})
		}
	}
	if t.Union == nil {
		add(t.Name, t.Fields, t.Rules, t.Choices)
		return out
	}
	for _, v := range t.Union.Variants {
		add(v.GoName, v.Fields, v.Rules, v.Choices)
	}
	return out
}

// typeNulls lists where a struct's or a union's variants' values may be
// null: fields, and the items and values inside them.
func typeNulls(t *ir.Type) []InspectedNull {
	var out []InspectedNull
	add := func(owner string, fields []ir.Field) {
		for _, f := range fields {
			eachValue(f.JSONName, f.Type, func(field string, r ir.TypeRef) {
				if r.InNullable() {
					out = append(out, InspectedNull{owner, field, describe(f.Required, r)})
				}
			})
		}
	}
	if t.Union == nil {
		add(t.Name, t.Fields)
	}
	for _, v := range unionVariants(t) {
		add(v.GoName, v.Fields)
	}
	return out
}

func unionVariants(t *ir.Type) []ir.Variant {
	if t.Union == nil {
		return nil
	}
	return t.Union.Variants
}

// paramRules lists the checks of an operation's parameters.
func paramRules(op *ir.Operation) []InspectedRule {
	var out []InspectedRule
	for _, p := range op.Params.Params {
		out = append(out, valueRules(op.Params.GoName, p.Name, p.Required, p.Type)...)
	}
	return out
}

// valueRules lists the checks of one value, then of its elements.
func valueRules(owner, field string, required bool, r ir.TypeRef) []InspectedRule {
	var out []InspectedRule
	if required {
		out = append(out, InspectedRule{owner, field, "required"})
	}
	eachValue(field, r, func(field string, r ir.TypeRef) {
		for _, c := range r.Checks() {
			out = append(out, InspectedRule{owner, field, c.String()})
		}
	})
	return out
}

// eachValue calls fn for a field's value, then for the elements of each
// list or map inside it, the field marked [] or {} once per level.
func eachValue(field string, r ir.TypeRef, fn func(field string, r ir.TypeRef)) {
	for {
		fn(field, r)
		if r.Elem == nil {
			return
		}
		field += elementMark(r)
		r = *r.Elem
	}
}

func elementMark(r ir.TypeRef) string {
	if r.Kind == ir.RefMap {
		return "{}"
	}
	return "[]"
}

// WriteJSON writes the inspection as indented JSON.
func (in Inspection) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(in)
}

// WriteText writes the inspection for a reader: the counts first, then
// each section.
func (in Inspection) WriteText(w io.Writer) error {
	inferred := 0
	for _, u := range in.Unions {
		if u.Encoding == "inferred" {
			inferred++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "API date %s (dates in spec: %s)\n", in.APIDate, strings.Join(in.Dates, ", "))
	fmt.Fprintf(&b, "%d operations, %d left out; %d unions (%d with an inferred discriminator), %d merged structs; "+
		"%d validation rules, %d not enforced; %d nullable; %d imprecise types; %d Atlas fixes; %d warnings and notes\n",
		len(in.Operations), len(in.Skipped), len(in.Unions), inferred, len(in.Merged), len(in.Rules), len(in.Unenforced),
		len(in.Nullable), in.Fallbacks.Count, len(in.Corrections), len(in.Diagnostics))
	b.WriteString("\noperations:\n")
	for _, op := range in.Operations {
		fmt.Fprintf(&b, "  %-32s %-6s %s\n  %32s version %s of [%s], Accept %s\n", op.ID, op.Method, op.Path, "", op.Version, strings.Join(op.Versions, " "), op.Accept)
	}
	for _, s := range in.Skipped {
		fmt.Fprintf(&b, "  %-32s left out: %s\n", s.ID, s.Reason)
	}
	b.WriteString("\nunions:\n")
	for _, u := range in.Unions {
		var vs []string
		for _, v := range u.Variants {
			vs = append(vs, strings.Join(v.Values, "|")+" → "+v.GoName)
		}
		fmt.Fprintf(&b, "  %s (%s) by %s: %s; common: %s\n", u.Name, u.Encoding, u.Discriminator, strings.Join(vs, ", "), strings.Join(u.Common, ", "))
	}
	b.WriteString("\nmerged structs (oneOf/anyOf members nothing tells apart; valid as any member):\n")
	for _, m := range in.Merged {
		for _, c := range m.Choices {
			fmt.Fprintf(&b, "  %s (%s): one of %s\n", m.Name, m.Pointer, strings.Join(c, ", "))
		}
	}
	writeSection(&b, "validation rules", rulesText(in.Rules))
	writeSection(&b, "not enforced", in.Unenforced)
	writeSection(&b, "nullable (absent, null or a value: Null and Value set them)", nullsText(in.Nullable))
	fmt.Fprintf(&b, "\nAtlas fixes: %d (-atlas-fixes=false keeps the spec as written)\n", len(in.Corrections))
	for _, c := range in.Corrections {
		fmt.Fprintf(&b, "  %s: %q -> %q: %s\n", c.Pointer, c.Defective, c.Corrected, c.Why)
	}
	fmt.Fprintf(&b, "\nimprecise types: %d%s\n", in.Fallbacks.Count, byTypeText(in.Fallbacks.ByType))
	for _, p := range in.Fallbacks.Places {
		b.WriteString("  " + p + "\n")
	}
	if len(in.Diagnostics) > 0 {
		writeSection(&b, "warnings and notes", in.Diagnostics)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func rulesText(rules []InspectedRule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.Type + "." + r.Field + ": " + r.Rule
	}
	return out
}

func nullsText(nulls []InspectedNull) []string {
	out := make([]string, len(nulls))
	for i, n := range nulls {
		out[i] = n.Type + "." + n.Field + ": " + n.GoType
	}
	return out
}

// byTypeText is " (any 2, json.RawMessage 1)", sorted, or "".
func byTypeText(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func writeSection(b *strings.Builder, title string, lines []string) {
	fmt.Fprintf(b, "\n%s:\n", title)
	if len(lines) == 0 {
		b.WriteString("  nothing\n")
	}
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
}
