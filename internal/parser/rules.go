package parser

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// rules extracts the validation constraints a schema states at ptr.
func (b *builder) rules(v *openapi3.Schema, ptr string) ir.Rules {
	var r ir.Rules
	if v.Pattern != "" {
		at := join(ptr, "pattern")
		r.Pattern = b.pattern(b.correct(at, v.Pattern), at)
	}
	if v.MinLength > 0 {
		r.MinLength = i64(v.MinLength)
	}
	if v.MaxLength != nil {
		r.MaxLength = i64(*v.MaxLength)
	}
	if v.MinItems > 0 {
		r.MinItems = i64(v.MinItems)
	}
	if v.MaxItems != nil {
		r.MaxItems = i64(*v.MaxItems)
	}
	r.Minimum, r.ExclMin = bound(v.Min, v.ExclusiveMin)
	r.Maximum, r.ExclMax = bound(v.Max, v.ExclusiveMax)
	if v.Format == "uuid" {
		r.Format = "uuid"
	}
	return r
}

// formatsEnforced are the formats the generated code checks: uuid by a
// validator, date-time by decoding into time.Time, the integer and number
// widths by the Go type.
var formatsEnforced = map[string]bool{"": true, "uuid": true, "date-time": true, "int32": true, "int64": true, "float": true, "double": true}

// unenforced records, for a schema used in a request, each constraint the
// validators cannot check.
func (b *builder) unenforced(v *openapi3.Schema, ptr string) {
	note := func(what string) { b.skippedRules[ptr+"\x00"+what] = ir.Unenforced{Pointer: ptr, What: what} }
	if !formatsEnforced[v.Format] {
		note("format " + v.Format)
	}
	if v.MultipleOf != nil {
		note("multipleOf")
	}
	if v.UniqueItems {
		note("uniqueItems")
	}
	if v.MinProps > 0 || v.MaxProps != nil {
		note("minProperties/maxProperties")
	}
	if v.Not != nil {
		note("not")
	}
	if len(v.Enum) > 0 && !isStringEnum(v) {
		note("non-string enum")
	}
}

// bound reads minimum/maximum in both the 3.0 (flag) and 3.1 (value) forms.
func bound(limit *float64, excl openapi3.ExclusiveBound) (*float64, bool) {
	if excl.Value != nil {
		return excl.Value, true
	}
	return limit, limit != nil && excl.IsTrue()
}

func i64(u uint64) *int64 {
	v := int64(u)
	return &v
}

// pattern decides how a pattern is enforced: Go's RE2 when it compiles,
// otherwise regexp2 in ECMAScript mode (the dialect OpenAPI patterns are
// written in). checkQuirks has already reported, over the whole document,
// every pattern that is not RE2 or that compiles in neither: none is
// dropped silently.
func (b *builder) pattern(expr, ptr string) *ir.Pattern {
	if p, ok := b.patterns[expr]; ok {
		return p
	}
	v, ok := b.verdicts[expr]
	if !ok {
		v = judgePattern(expr)
		b.verdicts[expr] = v
	}
	var p *ir.Pattern
	switch {
	case v.re2 == nil:
		p = &ir.Pattern{Expr: expr, Var: b.names.claim("pattern"+shortHash(expr), "pattern:"+expr)}
	case v.ecma == nil:
		p = &ir.Pattern{Expr: expr, ECMAScript: true, Var: b.names.claim("pattern"+shortHash(expr), "pattern:"+expr)}
	}
	b.patterns[expr] = p
	return p
}
