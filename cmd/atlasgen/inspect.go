package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"io"
	"strings"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
)

func isKeyword(s string) bool { return token.IsKeyword(s) }

// inspection is what inspect reports, as text or JSON.
type inspection struct {
	APIDate     string          `json:"apiDate"`
	Dates       []string        `json:"dates"`
	Operations  []inspectOp     `json:"operations"`
	Skipped     []ir.Skipped    `json:"skipped"`
	Unions      []inspectUnion  `json:"unions"`
	Merged      []inspectMerged `json:"merged"`
	Rules       []inspectRule   `json:"rules"`
	Unenforced  []string        `json:"unenforced"`
	Fallbacks   inspectFallback `json:"fallbacks"`
	Corrections []inspectFix    `json:"corrections"`
	Diagnostics []string        `json:"diagnostics"`
}

// inspectFix is an Atlas fix applied to the spec.
type inspectFix struct {
	Pointer   string `json:"pointer"`
	Defective string `json:"defective"`
	Corrected string `json:"corrected"`
	Why       string `json:"why"`
}

// inspectFallback counts the schemas emitted without a precise Go type.
type inspectFallback struct {
	Count  int            `json:"count"`
	ByType map[string]int `json:"byType"`
	Places []string       `json:"places"`
}

type inspectOp struct {
	ID       string   `json:"operationId"`
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Version  string   `json:"version"`
	Versions []string `json:"versions"`
	Accept   string   `json:"accept"`
}

type inspectUnion struct {
	Name          string            `json:"name"`
	Encoding      string            `json:"encoding"`
	Discriminator string            `json:"discriminator"`
	Variants      map[string]string `json:"variants"`
	Common        []string          `json:"common"`
}

// inspectMerged is a struct merged from oneOf/anyOf members nothing tells
// apart: it carries every member's properties and is valid as any member.
type inspectMerged struct {
	Name    string     `json:"name"`
	Pointer string     `json:"pointer"`
	Choices [][]string `json:"choices"`
}

type inspectRule struct {
	Type  string `json:"type"`
	Field string `json:"field"`
	Rule  string `json:"rule"`
}

func runInspect(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("atlasgen inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	specPath := fs.String("spec", "", "OpenAPI document (default: the embedded spec)")
	apiDate := fs.String("api-date", "", "API date (default: the newest in the spec)")
	asJSON := fs.Bool("json", false, "print JSON")
	fixes := fs.Bool("atlas-fixes", true, "correct patterns the spec states more strictly than Atlas (false: keep them as written)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	name, data, err := readSpec(*specPath)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	api, err := generate.Parse(name, data, generate.Options{APIDate: *apiDate, NoAtlasFixes: !*fixes})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	in := inspect(api)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(in)
		return exitOK
	}
	printInspection(stdout, in)
	return exitOK
}

func inspect(api *ir.API) inspection {
	in := inspection{APIDate: api.APIDate, Dates: api.Dates, Skipped: api.Skipped,
		Operations: []inspectOp{}, Unions: []inspectUnion{}, Merged: []inspectMerged{}, Rules: []inspectRule{}, Unenforced: []string{}, Diagnostics: []string{}}
	for _, op := range api.Operations {
		in.Operations = append(in.Operations, inspectOp{op.ID, op.Method, op.Path, op.Version, op.Versions, op.Accept})
	}
	for _, t := range api.Types {
		if t.Union != nil {
			u := inspectUnion{Name: t.Name, Encoding: t.Union.Encoding, Discriminator: t.Union.Discriminator,
				Variants: map[string]string{}, Common: t.Union.Common}
			for _, v := range t.Union.Variants {
				u.Variants[v.Value] = v.GoName
			}
			in.Unions = append(in.Unions, u)
		}
		if len(t.Choices) > 0 {
			m := inspectMerged{Name: t.Name, Pointer: t.Pointer}
			for _, choice := range t.Choices {
				var names []string
				for _, alt := range choice {
					names = append(names, alt.Name)
				}
				m.Choices = append(m.Choices, names)
			}
			in.Merged = append(in.Merged, m)
		}
		if t.Request {
			in.Rules = append(in.Rules, typeRules(t)...)
		}
	}
	in.Fallbacks = inspectFallback{Count: len(api.Fallbacks), ByType: map[string]int{}, Places: []string{}}
	for _, f := range api.Fallbacks {
		in.Fallbacks.ByType[f.GoType]++
		in.Fallbacks.Places = append(in.Fallbacks.Places, f.Pointer+": "+f.GoType+" ("+f.Reason+")")
	}
	for _, u := range api.Unenforced {
		in.Unenforced = append(in.Unenforced, u.Pointer+": "+u.What)
	}
	in.Corrections = []inspectFix{}
	for _, c := range api.Corrections {
		in.Corrections = append(in.Corrections, inspectFix{c.Pointer, c.Defective, c.Corrected, c.Why})
	}
	for _, d := range api.Diagnostics {
		in.Diagnostics = append(in.Diagnostics, d.String())
	}
	return in
}

// typeRules lists the validation rules of one request type.
func typeRules(t *ir.Type) []inspectRule {
	var out []inspectRule
	add := func(owner string, fields []ir.Field, rules []ir.CondRule) {
		for _, f := range fields {
			for _, r := range describeRules(f) {
				out = append(out, inspectRule{owner, f.JSONName, r})
			}
		}
		for _, r := range rules {
			out = append(out, inspectRule{owner, strings.Join(r.Require, ","), "conditional: " + r.Description})
		}
	}
	if t.Union == nil {
		add(t.Name, t.Fields, t.Rules)
	} else {
		for _, v := range t.Union.Variants {
			add(v.GoName, v.Fields, v.Rules)
		}
	}
	return out
}

func describeRules(f ir.Field) []string {
	var out []string
	if f.Required {
		out = append(out, "required")
	}
	r := f.Type.Rules
	if r.Pattern != nil {
		engine := "RE2"
		if r.Pattern.ECMAScript {
			engine = "regexp2/ECMAScript"
		}
		out = append(out, fmt.Sprintf("pattern %s (%s)", r.Pattern.Expr, engine))
	}
	if r.MinLength != nil || r.MaxLength != nil {
		out = append(out, fmt.Sprintf("length %s..%s", num(r.MinLength), num(r.MaxLength)))
	}
	if r.MinItems != nil || r.MaxItems != nil {
		out = append(out, fmt.Sprintf("items %s..%s", num(r.MinItems), num(r.MaxItems)))
	}
	if r.Format != "" {
		out = append(out, "format "+r.Format)
	}
	if f.Type.Kind == ir.RefNamed && len(r.Enum) > 0 {
		out = append(out, "enum "+strings.Join(r.Enum, "|"))
	}
	return out
}

func num(p *int64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

func printInspection(w io.Writer, in inspection) {
	fmt.Fprintf(w, "API date %s (dates in spec: %s)\n\noperations:\n", in.APIDate, strings.Join(in.Dates, ", "))
	for _, op := range in.Operations {
		fmt.Fprintf(w, "  %-32s %-6s %s\n  %32s version %s of [%s], Accept %s\n", op.ID, op.Method, op.Path, "", op.Version, strings.Join(op.Versions, " "), op.Accept)
	}
	for _, s := range in.Skipped {
		fmt.Fprintf(w, "  %-32s left out: %s\n", s.OperationID, s.Reason)
	}
	fmt.Fprintln(w, "\nunions:")
	for _, u := range in.Unions {
		fmt.Fprintf(w, "  %s (%s) by %s: %v; common %v\n", u.Name, u.Encoding, u.Discriminator, u.Variants, u.Common)
	}
	fmt.Fprintln(w, "\nmerged structs (oneOf/anyOf members nothing tells apart; valid as any member):")
	for _, m := range in.Merged {
		fmt.Fprintf(w, "  %s (%s): %v\n", m.Name, m.Pointer, m.Choices)
	}
	fmt.Fprintln(w, "\nvalidation rules:")
	for _, r := range in.Rules {
		fmt.Fprintf(w, "  %s.%s: %s\n", r.Type, r.Field, r.Rule)
	}
	fmt.Fprintln(w, "\nnot enforced:")
	if len(in.Unenforced) == 0 {
		fmt.Fprintln(w, "  nothing")
	}
	for _, u := range in.Unenforced {
		fmt.Fprintln(w, "  "+u)
	}
	fmt.Fprintf(w, "\nAtlas fixes: %d (-atlas-fixes=false keeps the spec as written)\n", len(in.Corrections))
	for _, c := range in.Corrections {
		fmt.Fprintf(w, "  %s: %q -> %q: %s\n", c.Pointer, c.Defective, c.Corrected, c.Why)
	}
	fmt.Fprintf(w, "\nimprecise types: %d %v\n", in.Fallbacks.Count, in.Fallbacks.ByType)
	for _, p := range in.Fallbacks.Places {
		fmt.Fprintln(w, "  "+p)
	}
	if len(in.Diagnostics) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, d := range in.Diagnostics {
			fmt.Fprintln(w, "  "+d)
		}
	}
}
