package fakeatlas

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/parser"
)

// sampleString returns a string the schema admits: an example that fits,
// an enum value, a value of its format, or one built from its pattern, then
// fitted to its length bounds. pick varies the choice among several.
func sampleString(v *openapi3.Schema, pick int) (string, error) {
	if len(v.Enum) > 0 {
		return fmt.Sprint(v.Enum[pick%len(v.Enum)]), nil
	}
	if ex, ok := v.Example.(string); ok && fitsString(v, ex) {
		return ex, nil
	}
	if s, ok := formatSample(v.Format); ok && fitsString(v, s) {
		return s, nil
	}
	if v.Pattern == "" {
		return fitLength("x", v), nil
	}
	for _, s := range patternCandidates(v.Pattern) {
		if s = fitLength(s, v); fitsString(v, s) {
			return s, nil
		}
	}
	return "", fmt.Errorf("no string found for pattern %q with length %d..%v", v.Pattern, v.MinLength, v.MaxLength)
}

// formatSample returns a value of each string format the spec uses.
func formatSample(format string) (string, bool) {
	switch format {
	case "date-time":
		return "2024-01-02T03:04:05Z", true
	case "date":
		return "2024-01-02", true
	case "uuid":
		return "3fa85f64-5717-4562-b3fc-2c963f66afa6", true
	case "email":
		return "user@example.com", true
	case "uri", "url":
		return "https://example.com/x", true
	case "password":
		return "s3cret-Passw0rd", true
	case "binary", "byte":
		return "eA==", true
	case "ipv4":
		return "10.0.0.1", true
	}
	return "", false
}

// fitsString reports whether s meets the schema's pattern and lengths.
func fitsString(v *openapi3.Schema, s string) bool {
	n := uint64(utf8.RuneCountInString(s))
	if n < v.MinLength || (v.MaxLength != nil && n > *v.MaxLength) {
		return false
	}
	return v.Pattern == "" || matches(v.Pattern, s)
}

// matches judges a pattern as the fake does.
func matches(expr, s string) bool {
	re, err := parser.CompilePattern(expr)
	return err == nil && re.MatchString(s)
}

// fitLength pads a string to the minimum length when it carries no
// pattern that padding could break.
func fitLength(s string, v *openapi3.Schema) string {
	for n := uint64(utf8.RuneCountInString(s)); n < v.MinLength && v.Pattern == ""; n++ {
		s += "x"
	}
	return s
}

// patternCandidates lists strings built from a pattern's syntax tree, with
// repetitions of growing length and each branch of a top-level alternation,
// then values that fit the address patterns RE2 cannot parse.
func patternCandidates(expr string) []string {
	var out []string
	if re, err := syntax.Parse(expr, syntax.Perl); err == nil {
		re = re.Simplify()
		for _, reps := range []int{1, 2, 3, 8, 16, 32} {
			for branch := range max(1, branches(re)) {
				out = append(out, build(re, reps, branch))
			}
		}
	}
	return append(out, "10.0.0.1", "10.0.0.0/16", "2001:db8:0:0:0:0:0:1")
}

func branches(re *syntax.Regexp) int {
	for re.Op == syntax.OpCapture || (re.Op == syntax.OpConcat && len(re.Sub) > 0) {
		if re.Op == syntax.OpConcat {
			// look through ^ … $
			var inner []*syntax.Regexp
			for _, s := range re.Sub {
				if s.Op != syntax.OpBeginLine && s.Op != syntax.OpBeginText && s.Op != syntax.OpEndLine && s.Op != syntax.OpEndText {
					inner = append(inner, s)
				}
			}
			if len(inner) != 1 {
				return 1
			}
			re = inner[0]
			continue
		}
		re = re.Sub[0]
	}
	if re.Op == syntax.OpAlternate {
		return len(re.Sub)
	}
	return 1
}

// build writes one string the expression matches: reps repetitions of
// every unbounded repeat (within its bounds), the branch-th alternative of
// the outermost alternation and the first of every other.
func build(re *syntax.Regexp, reps, branch int) string {
	var b strings.Builder
	var walk func(re *syntax.Regexp, top bool)
	walk = func(re *syntax.Regexp, top bool) {
		switch re.Op {
		case syntax.OpLiteral:
			b.WriteString(string(re.Rune))
		case syntax.OpCharClass:
			b.WriteRune(classRune(re.Rune))
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteByte('a')
		case syntax.OpCapture:
			walk(re.Sub[0], top)
		case syntax.OpConcat:
			for _, s := range re.Sub {
				walk(s, top && len(re.Sub) <= 3)
			}
		case syntax.OpAlternate:
			i := 0
			if top {
				i = branch % len(re.Sub)
			}
			walk(re.Sub[i], false)
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			for range repeats(re, reps) {
				walk(re.Sub[0], false)
			}
		}
	}
	walk(re, true)
	return b.String()
}

func repeats(re *syntax.Regexp, reps int) int {
	switch re.Op {
	case syntax.OpStar:
		return reps - 1
	case syntax.OpPlus:
		return reps
	case syntax.OpQuest:
		return 0
	}
	n := max(re.Min, min(reps, re.Min+reps))
	if re.Max >= 0 {
		n = min(n, re.Max)
	}
	return n
}

// classRune picks a readable rune of a character class: a lower-case
// letter, a digit or an upper-case letter when the class has one.
func classRune(ranges []rune) rune {
	for _, want := range []rune{'a', 'x', '0', '1', 'A', '-', '_'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= want && want <= ranges[i+1] {
				return want
			}
		}
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if r > ' ' && r < 0x7f {
				return r
			}
		}
	}
	if len(ranges) > 0 {
		return ranges[0]
	}
	return 'a'
}
