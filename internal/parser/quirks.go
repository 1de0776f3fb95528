package parser

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dlclark/regexp2"
	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Quirks are checked over the whole document, whatever the API date
// selects, so each is reported once with its location: patterns RE2 cannot
// compile, properties both required and readOnly, and properties that
// $ref a readOnly schema.

// checkQuirks visits every schema object of the document (every mapping
// outside an example).
func (b *builder) checkQuirks() {
	walkYAML(b.src.root, func(n *yaml.Node, ptr func() string, inExample bool) {
		if n.Kind == yaml.MappingNode && !inExample {
			b.schemaQuirks(n, ptr)
		}
	})
}

func (b *builder) schemaQuirks(n *yaml.Node, ptr func() string) {
	if p := mapValue(n, "pattern"); p != nil && p.Kind == yaml.ScalarNode {
		at := join(ptr(), "pattern")
		b.patternQuirk(b.correct(at, p.Value), at)
	}
	props := mapValue(n, "properties")
	if props == nil || props.Kind != yaml.MappingNode {
		return
	}
	required := map[string]bool{}
	if r := mapValue(n, "required"); r != nil && r.Kind == yaml.SequenceNode {
		for _, c := range r.Content {
			required[c.Value] = true
		}
	}
	for i := 0; i+1 < len(props.Content); i += 2 {
		name, prop := props.Content[i].Value, props.Content[i+1]
		if ro := mapValue(prop, "readOnly"); ro != nil && ro.Value == "true" && required[name] {
			b.warn(ir.DiagRequiredReadOnly, join(ptr(), "properties", name), "property %q is both required and readOnly: required in responses, never sent or required in requests", name)
		}
		if ref := mapValue(prop, "$ref"); ref != nil && b.refReadOnly(ref.Value) {
			b.warn(ir.DiagRefToReadOnly, join(ptr(), "properties", name), "property %q refers to readOnly schema %s; only a property's own readOnly counts, so requests may carry it", name, ref.Value)
		}
	}
}

// refReadOnly reports whether a $ref target declares readOnly itself.
func (b *builder) refReadOnly(ref string) bool {
	c := b.comps[ref]
	return c != nil && c.ref.Value != nil && c.ref.Value.ReadOnly
}

// patternQuirk reports a pattern RE2 cannot compile (warning: enforced
// with regexp2) or that neither engine compiles (fatal).
func (b *builder) patternQuirk(expr, ptr string) {
	verdict, ok := b.verdicts[expr]
	if !ok {
		verdict = judgePattern(expr)
		b.verdicts[expr] = verdict
	}
	switch {
	case verdict.re2 == nil:
	case verdict.ecma == nil:
		b.warn(ir.DiagNonRE2Pattern, ptr, "pattern %q is not RE2 (%s); enforced with regexp2 in ECMAScript mode", expr, reason(verdict.re2))
	default:
		b.diags = append(b.diags, b.src.at(ir.Fatal, ptr,
			fmt.Sprintf("pattern %q compiles neither as RE2 (%s) nor as ECMAScript (%s)", expr, reason(verdict.re2), reason(verdict.ecma))))
	}
}

// verdict is how each engine fared on a pattern; the same pattern recurs
// many times in a large spec, so it is compiled once.
type verdict struct{ re2, ecma error }

func judgePattern(expr string) verdict {
	var v verdict
	if _, v.re2 = regexp.Compile(expr); v.re2 != nil {
		_, v.ecma = regexp2.Compile(expr, regexp2.ECMAScript)
	}
	return v
}

// reason is an error's last clause, without the engine's own prefix.
func reason(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && !strings.HasPrefix(msg[i:], ": `") {
		return msg[i+2:]
	}
	return strings.TrimPrefix(msg, "error parsing regexp: ")
}
