package emit

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// genValidators writes Validate for every request struct, union variant and
// parameter set, plus the compiled patterns they share.
//
//	func (m *T) Validate() error { return report(m) }
//	func (m *T) validate(v *validator, path string) { ...one check per constraint... }
func (g *gen) genValidators(f *jen.File) {
	g.genPatternVars(f, g.patterns())
	for _, t := range g.api.Types {
		if !t.Request {
			continue
		}
		switch t.Kind {
		case ir.KindStruct:
			g.genValidate(f, t.Name, t.Fields, t.Rules, t.Choices)
		case ir.KindUnion:
			for _, v := range t.Union.Variants {
				g.genValidate(f, v.GoName, v.Fields, v.Rules, v.Choices)
			}
			g.genUnknownValidate(f, t)
		}
	}
	for _, op := range g.api.Operations {
		g.genParamsValidate(f, op)
	}
}

// patterns lists every pattern the validators use, once each, sorted by
// the variable the parser named for it.
func (g *gen) patterns() []ir.Pattern {
	seen := map[string]ir.Pattern{}
	var walk func(r ir.TypeRef)
	walk = func(r ir.TypeRef) {
		if r.Rules.Pattern != nil {
			seen[r.Rules.Pattern.Var] = *r.Rules.Pattern
		}
		if r.Elem != nil {
			walk(*r.Elem)
		}
	}
	for _, t := range g.api.Types {
		if !t.Request {
			continue
		}
		for _, fl := range allFields(t) {
			walk(fl.Type)
		}
		for _, choice := range allChoices(t) {
			for _, alt := range choice {
				for _, af := range alt.Fields {
					walk(ir.TypeRef{Rules: af.Rules})
				}
			}
		}
	}
	for _, op := range g.api.Operations {
		for _, p := range op.Params.Params {
			walk(p.Type)
		}
	}
	list := make([]ir.Pattern, 0, len(seen))
	for _, p := range seen {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Var < list[j].Var })
	return list
}

func allChoices(t *ir.Type) [][]ir.Alternative {
	if t.Union == nil {
		return t.Choices
	}
	var out [][]ir.Alternative
	for _, v := range t.Union.Variants {
		out = append(out, v.Choices...)
	}
	return out
}

func allFields(t *ir.Type) []ir.Field {
	if t.Union == nil {
		return t.Fields
	}
	var out []ir.Field
	for _, v := range t.Union.Variants {
		out = append(out, v.Fields...)
	}
	return out
}

// genPatternVars declares each pattern once, as the parser named it.
func (g *gen) genPatternVars(f *jen.File, pats []ir.Pattern) {
	for _, p := range pats {
		if p.ECMAScript {
			f.Comment("// " + p.Var + " is " + quoteForComment(p.Expr) + ", not RE2: it is enforced with regexp2 in ECMAScript mode.")
			f.Var().Id(p.Var).Op("=").Id("ecmaScript").Call(jen.Lit(p.Expr))
			continue
		}
		f.Comment("// " + p.Var + " is " + quoteForComment(p.Expr) + ".")
		f.Var().Id(p.Var).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p.Expr))
	}
}

// genValidate writes Validate and validate for one struct or variant.
func (g *gen) genValidate(f *jen.File, name string, fields []ir.Field, rules []ir.CondRule, choices [][]ir.Alternative) {
	f.Comment("// Validate reports every constraint m breaks, each with its path (body.<field>).")
	f.Func().Params(jen.Id("m").Op("*").Id(name)).Id("Validate").Params().Error().Block(
		jen.Return(jen.Id("report").Call(jen.Id("m"))),
	)
	body := []jen.Code{jen.If(jen.Id("m").Op("==").Nil()).Block(jen.Id("v").Dot("missing").Call(jen.Id("path")), jen.Return())}
	for _, fl := range fields {
		body = append(body, g.checkField(jen.Id("m").Dot(fl.GoName), fl.Required, fl.Required, fl.Type, pathOf(fl.JSONName))...)
	}
	body = append(body, g.condRules(fields, rules)...)
	for _, choice := range choices {
		body = append(body, g.anyOf(fields, choice))
	}
	f.Func().Params(jen.Id("m").Op("*").Id(name)).Id("validate").Params(jen.Id("v").Op("*").Id("validator"), jen.Id("path").String()).Block(body...)
}

// pathOf is the expression path + ".name".
// A name that is not a plain word (empty, "a.b", `say "hi"`) is written
// quoted in brackets, so the path stays unambiguous: body["a.b"].
func pathOf(jsonName string) *jen.Statement {
	if plainName(jsonName) {
		return jen.Id("path").Op("+").Lit("." + jsonName)
	}
	return jen.Id("path").Op("+").Lit("[" + strconv.Quote(jsonName) + "]")
}

// plainName reports whether a property name reads as one word in a path.
func plainName(name string) bool {
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '$' {
			return false
		}
	}
	return name != ""
}

// checkField checks one field: presence when it must be present, then its
// value. declared says how the field is declared (required: a plain value;
// optional: a pointer or a nilable slice, map or union); present whether
// this check requires it — an alternative of a merged struct can require
// a field the struct declares optional.
func (g *gen) checkField(x *jen.Statement, declared, present bool, r ir.TypeRef, path *jen.Statement) []jen.Code {
	if r.InNullable() {
		return g.checkNullableField(x, declared, present, r, path)
	}
	if ir.ByPointer(declared, r) || !declared {
		// Absent is nil. An optional value is checked only when present:
		// Atlas applies minItems and every other rule to values it was sent.
		checks := g.checkValue(x, r, path, 0)
		if ir.ByPointer(declared, r) && len(checks) > 0 {
			// Dereference once into a local, so method calls bind to the value.
			checks = append([]jen.Code{jen.Id("val").Op(":=").Op("*").Add(x.Clone())}, g.checkValue(jen.Id("val"), r, path, 0)...)
		}
		switch {
		case present:
			stmt := jen.If(x.Clone().Op("==").Nil()).Block(jen.Id("v").Dot("missing").Call(path))
			if len(checks) > 0 {
				stmt.Else().Block(checks...)
			}
			return []jen.Code{stmt}
		case len(checks) > 0:
			return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(checks...)}
		}
		return nil
	}
	checks := g.checkValue(x, r, path, 0)
	missing := g.missingCond(x, r)
	switch {
	case missing == nil:
		return checks
	case !present: // presence is checked elsewhere: only a value is checked
		if len(checks) == 0 {
			return nil
		}
		return []jen.Code{jen.If(jen.Op("!").Parens(missing)).Block(checks...)}
	}
	stmt := jen.If(missing).Block(jen.Id("v").Dot("missing").Call(path))
	if len(checks) > 0 {
		stmt.Else().Block(checks...)
	}
	return []jen.Code{stmt}
}

// checkNullableField checks a Nullable field: its value when it holds
// one. Null is what the API allows there, and a required one left zero is
// sent as null, so only an alternative that requires a field the struct
// declares optional finds it missing, when it is absent.
func (g *gen) checkNullableField(x *jen.Statement, declared, present bool, r ir.TypeRef, path *jen.Statement) []jen.Code {
	checks := g.nullableChecks(x, r, path, 0)
	if !present || declared {
		return checks
	}
	stmt := jen.If(jen.Op("!").Add(x.Clone()).Dot("IsSet").Call()).Block(jen.Id("v").Dot("missing").Call(path))
	if len(checks) > 0 {
		stmt.Else().Block(checks...)
	}
	return []jen.Code{stmt}
}

// nullableChecks checks the value the Nullable x holds, when it holds one
// (a nil slice, map or pointer inside is sent as null: nothing to check):
//
//	if val, ok := x.Get(); ok && val != nil { ...checks of val... }
func (g *gen) nullableChecks(x *jen.Statement, r ir.TypeRef, path *jen.Statement, depth int) []jen.Code {
	name := "val"
	if depth > 0 {
		name += itoa(depth)
	}
	inner := r
	inner.Nullable = false
	checks := g.checkValue(jen.Id(name), inner, path, depth)
	if len(checks) == 0 {
		return nil
	}
	cond := jen.Id("ok")
	if r.NilInside() {
		cond = cond.Op("&&").Id(name).Op("!=").Nil()
	}
	return []jen.Code{jen.If(jen.List(jen.Id(name), jen.Id("ok")).Op(":=").Add(x.Clone()).Dot("Get").Call(), cond).Block(checks...)}
}

// anyOf checks one choice of a merged struct: the runtime accepts the value
// when one alternative finds nothing wrong, and otherwise reports what the
// closest one found.
//
//	v.anyOf(path, []string{"AWSHardwareSpec", ...}, func(v *validator) { ... }, ...)
func (g *gen) anyOf(fields []ir.Field, choice []ir.Alternative) jen.Code {
	names := make([]jen.Code, len(choice))
	args := []jen.Code{jen.Id("path"), nil}
	for i, alt := range choice {
		names[i] = jen.Lit(alt.Name)
		var body []jen.Code
		for _, af := range alt.Fields {
			f := fields[af.Index]
			r := f.Type
			r.Rules = af.Rules
			if af.NotNull {
				body = append(body, notNullCheck(jen.Id("m").Dot(f.GoName), f.Required, pathOf(f.JSONName)))
			}
			body = append(body, g.checkField(jen.Id("m").Dot(f.GoName), f.Required, af.Required && !f.Required, r, pathOf(f.JSONName))...)
		}
		args = append(args, jen.Func().Params(jen.Id("v").Op("*").Id("validator")).Block(body...))
	}
	args[1] = jen.Index().String().Values(names...)
	return jen.Id("v").Dot("anyOf").Call(args...)
}

// notNullCheck reports the Nullable x when it would be sent as null: set
// to null, or, required, left unset (its zero value sends null).
func notNullCheck(x *jen.Statement, required bool, path *jen.Statement) jen.Code {
	if required {
		return jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(x).Dot("Get").Call(), jen.Op("!").Id("ok")).Block(jen.Id("v").Dot("null").Call(path))
	}
	return jen.If(x.Dot("IsNull").Call()).Block(jen.Id("v").Dot("null").Call(path))
}

// missingCond is the condition under which a required value counts as
// absent, or nil when its zero value is a real value (numbers, booleans).
func (g *gen) missingCond(x *jen.Statement, r ir.TypeRef) *jen.Statement {
	switch r.Kind {
	case ir.RefString:
		return x.Clone().Op("==").Lit("")
	case ir.RefTime:
		return x.Clone().Dot("IsZero").Call()
	case ir.RefArray, ir.RefMap, ir.RefAny, ir.RefRaw:
		return x.Clone().Op("==").Nil()
	case ir.RefNamed:
		switch {
		case r.IsEnum():
			return x.Clone().Op("==").Lit("")
		case r.IsUnion():
			return x.Clone().Op("==").Nil()
		}
	}
	return nil
}

// checkValue checks a present value: one call per check the IR lists,
// then its elements; depth counts the collections it sits in, so nested
// loops never shadow an outer one.
func (g *gen) checkValue(x *jen.Statement, r ir.TypeRef, path *jen.Statement, depth int) []jen.Code {
	var out []jen.Code
	for _, c := range r.Checks() {
		out = append(out, checkCall(x, c, path))
	}
	if (r.Kind == ir.RefArray || r.Kind == ir.RefMap) && r.Elem != nil {
		out = append(out, g.elementLoop(x, r, path, depth)...)
	}
	return out
}

// checkCall is the validator call making one check of x:
//
//	v.pattern(path, x, pattern54e8e2)
//	v.minimum(path, float64(x), 1, false)
//	x.validate(v, path)
func checkCall(x *jen.Statement, c ir.Check, path *jen.Statement) jen.Code {
	v := func(method string, args ...jen.Code) jen.Code {
		return jen.Id("v").Dot(method).Call(append([]jen.Code{path.Clone()}, args...)...)
	}
	switch c.Kind {
	case ir.CheckPattern:
		if c.Pattern.ECMAScript {
			return v("patternECMAScript", x.Clone(), jen.Id(c.Pattern.Var))
		}
		return v("pattern", x.Clone(), jen.Id(c.Pattern.Var))
	case ir.CheckLength:
		return v("length", x.Clone(), jen.Lit(int(c.Min)), jen.Lit(int(c.Max)))
	case ir.CheckUUID:
		return v("uuid", x.Clone())
	case ir.CheckMinimum:
		return v("minimum", jen.Float64().Call(x.Clone()), jen.Lit(c.Limit), jen.Lit(c.Exclusive))
	case ir.CheckMaximum:
		return v("maximum", jen.Float64().Call(x.Clone()), jen.Lit(c.Limit), jen.Lit(c.Exclusive))
	case ir.CheckItems:
		return v("items", jen.Len(x.Clone()), jen.Lit(int(c.Min)), jen.Lit(int(c.Max)))
	case ir.CheckEnum:
		return v("enum", jen.String().Call(x.Clone()), x.Clone().Dot("IsKnown").Call())
	case ir.CheckOneOf:
		args := []jen.Code{jen.String().Call(x.Clone())}
		for _, e := range c.Values {
			args = append(args, jen.Lit(e))
		}
		return v("oneOf", args...)
	}
	return x.Clone().Dot("validate").Call(jen.Id("v"), path.Clone())
}

// elementLoop checks each element of a slice or map.
func (g *gen) elementLoop(x *jen.Statement, r ir.TypeRef, path *jen.Statement, depth int) []jen.Code {
	if r.Kind == ir.RefArray {
		i := "i" + itoa(depth)
		elemPath := jen.Id("index").Call(path.Clone(), jen.Id(i))
		if inner := g.elemChecks(x.Clone().Index(jen.Id(i)), *r.Elem, elemPath, depth+1); len(inner) > 0 {
			return []jen.Code{jen.For(jen.Id(i).Op(":=").Range().Add(x.Clone())).Block(inner...)}
		}
		return nil
	}
	k, e := "k"+itoa(depth), "e"+itoa(depth)
	if inner := g.elemChecks(jen.Id(e), *r.Elem, jen.Id("key").Call(path.Clone(), jen.Id(k)), depth+1); len(inner) > 0 {
		return []jen.Code{jen.For(jen.List(jen.Id(k), jen.Id(e)).Op(":=").Range().Add(x.Clone())).Block(inner...)}
	}
	return nil
}

// elemChecks checks one element of a slice or map. A union element is an
// interface and may be nil: that is a missing value, never a nil call. A
// slice or map element left nil would be sent as null, which only a
// Nullable element may be.
func (g *gen) elemChecks(x *jen.Statement, r ir.TypeRef, path *jen.Statement, depth int) []jen.Code {
	if r.InNullable() {
		return g.nullableChecks(x, r, path, depth)
	}
	checks := g.checkValue(x, r, path, depth)
	report := "missing"
	switch {
	case r.Kind == ir.RefArray || r.Kind == ir.RefMap:
		report = "null"
	case len(checks) == 0 || !r.IsUnion():
		return checks
	}
	stmt := jen.If(x.Clone().Op("==").Nil()).Block(jen.Id("v").Dot(report).Call(path.Clone()))
	if len(checks) > 0 {
		stmt.Else().Block(checks...)
	}
	return []jen.Code{stmt}
}

// condRules writes the conditional requirements of x-atlasgen-rules:
// when every condition holds, each required property must be present.
func (g *gen) condRules(fields []ir.Field, rules []ir.CondRule) []jen.Code {
	byName := map[string]ir.Field{}
	for _, f := range fields {
		byName[f.JSONName] = f
	}
	var out []jen.Code
	for _, rule := range rules {
		var conds []jen.Code
		var words []string
		for _, c := range rule.When {
			conds = append(conds, g.condExpr(byName[c.Property], c.Values))
			words = append(words, c.Property+" is "+strings.Join(c.Values, " or "))
		}
		msg := "is required when " + strings.Join(words, " and ")
		var body []jen.Code
		for _, name := range rule.Require {
			f := byName[name]
			x := jen.Id("m").Dot(f.GoName)
			missing := x.Clone().Op("==").Nil()
			switch {
			case f.Type.InNullable() && f.Required:
				continue // always sent, null when left zero
			case f.Type.InNullable(): // null is present
				missing = jen.Op("!").Add(x.Clone()).Dot("IsSet").Call()
			case !ir.ByPointer(f.Required, f.Type):
				if m := g.missingCond(x, f.Type); m != nil {
					missing = m
				}
			}
			body = append(body, jen.If(missing).Block(jen.Id("v").Dot("add").Call(pathOf(name), jen.Lit(msg))))
		}
		if len(body) == 0 {
			continue
		}
		cond := conds[0]
		for _, c := range conds[1:] {
			cond = jen.Add(cond).Op("&&").Add(c)
		}
		out = append(out, jen.Comment("// "+commentLines(rule.Description + " ")[0][3:]), jen.If(cond).Block(body...))
	}
	return out
}

// condExpr is true when the field is present and equals one of values.
func (g *gen) condExpr(f ir.Field, values []string) jen.Code {
	x := jen.Id("m").Dot(f.GoName)
	if f.Type.InNullable() { // null equals none of them
		args := []jen.Code{x}
		for _, value := range values {
			args = append(args, jen.Lit(value))
		}
		return jen.Id("nullableIs").Call(args...)
	}
	val := x.Clone()
	var guard *jen.Statement
	if ir.ByPointer(f.Required, f.Type) {
		guard = x.Clone().Op("!=").Nil()
		val = jen.Op("*").Add(x.Clone())
	}
	if f.Type.Kind == ir.RefNamed {
		val = jen.String().Call(val)
	}
	var eq *jen.Statement
	for i, value := range values {
		term := val.Clone().Op("==").Lit(value)
		if i == 0 {
			eq = term
		} else {
			eq = eq.Op("||").Add(term)
		}
	}
	if len(values) > 1 {
		eq = jen.Parens(eq)
	}
	if guard != nil {
		return guard.Op("&&").Add(eq)
	}
	return eq
}

// genUnknownValidate rejects an unknown variant in a request: its
// discriminator is not one this snapshot can send.
func (g *gen) genUnknownValidate(f *jen.File, t *ir.Type) {
	u := t.Union
	f.Comment("// Validate rejects the unknown variant: the API does not accept its " + inline(u.Discriminator) + ".")
	f.Func().Params(jen.Id("m").Op("*").Id(u.Unknown)).Id("Validate").Params().Error().Block(
		jen.Return(jen.Id("report").Call(jen.Id("m"))),
	)
	f.Func().Params(jen.Id("m").Op("*").Id(u.Unknown)).Id("validate").Params(jen.Id("v").Op("*").Id("validator"), jen.Id("path").String()).Block(
		jen.Id("v").Dot("add").Call(pathOf(u.Discriminator), jen.Lit("unknown value %q"), jen.Id("m").Dot(u.UnknownValue)),
	)
}

// genParamsValidate checks a parameter set under the path params.<name>.
func (g *gen) genParamsValidate(f *jen.File, op *ir.Operation) {
	ps := op.Params
	f.Comment("// Validate reports every constraint the parameters break, each as params.<name>.")
	f.Func().Params(jen.Id("p").Op("*").Id(ps.GoName)).Id("Validate").Params().Error().Block(
		jen.Var().Id("v").Id("validator"),
		jen.Id("p").Dot("validate").Call(jen.Op("&").Id("v")),
		jen.Return(jen.Id("v").Dot("result").Call()),
	)
	var body []jen.Code
	for _, p := range ps.Params {
		path := jen.Lit("params." + p.Name)
		body = append(body, g.checkField(jen.Id("p").Dot(p.GoName), p.Required, p.Required, p.Type, path)...)
	}
	f.Func().Params(jen.Id("p").Op("*").Id(ps.GoName)).Id("validate").Params(jen.Id("v").Op("*").Id("validator")).Block(body...)
}
