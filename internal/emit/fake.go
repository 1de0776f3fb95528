package emit

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/templates"
)

// FakeDir is the sub-package -fake adds beside the snapshot.
const FakeDir = "atlasfake"

// fakeJobs render the atlasfake sub-package: its runtime and the table of
// the snapshot's operations, which imports the snapshot (at snapshot).
func (g *gen) fakeJobs(snapshot string) []job {
	var out []job
	for _, t := range templates.FakeFiles() {
		out = append(out, job{FakeDir + "/" + t.Name, func() ([]byte, error) {
			return formatSource(append([]byte(Header+"\n\n"), t.Source...))
		}})
	}
	out = append(out, job{FakeDir + "/operations.go", func() ([]byte, error) {
		f := jen.NewFile(FakeDir)
		f.HeaderComment(Header)
		f.ImportAlias(snapshot, "snapshot") // no name of the fake's runtime, whatever the package is called
		g.genFakeOperations(f, snapshot)
		return render(f)
	}})
	return out
}

// genFakeOperations writes one constant per operation and the table the
// server routes and judges requests by.
func (g *gen) genFakeOperations(f *jen.File, snapshot string) {
	var consts, table []jen.Code
	for _, op := range g.api.Operations {
		consts = append(consts, jen.Comment(op.FakeName+" is (*"+g.pkg+".Client)."+op.GoName+": "+inline(op.Method+" "+op.Path)+"."),
			jen.Id(op.FakeName).Id("Operation").Op("=").Lit(op.GoName))
		table = append(table, g.fakeOperation(op, snapshot))
		for _, alt := range op.Alternates {
			consts = append(consts, jen.Comment(alt.FakeName+" is (*"+g.pkg+".Client)."+alt.GoName+": "+inline(op.Method+" "+op.Path)+
				" asking for "+inline(alt.Accept)+"."), jen.Id(alt.FakeName).Id("Operation").Op("=").Lit(alt.GoName))
			table = append(table, g.fakeAlternate(op, alt, snapshot))
		}
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	addDoc(f, "operations are the snapshot's operations, as the server knows them.", "")
	f.Func().Id("operations").Params().Index().Id("operation").Block(
		jen.Return(jen.Index().Id("operation").Values(table...)))
}

// fakeOperation is one entry of the table.
func (g *gen) fakeOperation(op *ir.Operation, snapshot string) jen.Code {
	d := jen.Dict{
		jen.Id("name"):    jen.Id(op.FakeName),
		jen.Id("method"):  jen.Lit(op.Method),
		jen.Id("path"):    jen.Qual("regexp", "MustCompile").Call(jen.Lit(pathPattern(op))),
		jen.Id("accept"):  jen.Lit(op.Accept),
		jen.Id("success"): jen.Lit(successStatus(op)),
		jen.Id("sample"):  jen.Lit(sampleBody(op)),
	}
	var required []jen.Code
	for _, p := range op.Params.Params {
		if p.Required && p.In != "path" {
			required = append(required, jen.Values(jen.Lit(p.In), jen.Lit(p.Name)))
		}
	}
	if len(required) > 0 {
		d[jen.Id("required")] = jen.Index().Id("param").Values(required...)
	}
	if params := g.fakeParams(op, snapshot); params != nil {
		d[jen.Id("params")] = params
	}
	if op.Body != nil {
		d[jen.Id("contentType")] = jen.Lit(op.Body.ContentType)
		d[jen.Id("bodyRequired")] = jen.Lit(op.Body.Required)
		d[jen.Id("body")] = g.fakeBody(op.Body.Type, snapshot)
	}
	return jen.Values(d)
}

// fakeAlternate is the entry of an operation's alternate: the same
// request asking for another media type, answered with a stream.
func (g *gen) fakeAlternate(op *ir.Operation, alt ir.Alternate, snapshot string) jen.Code {
	d := jen.Dict{
		jen.Id("name"):    jen.Id(alt.FakeName),
		jen.Id("method"):  jen.Lit(op.Method),
		jen.Id("path"):    jen.Qual("regexp", "MustCompile").Call(jen.Lit(pathPattern(op))),
		jen.Id("accept"):  jen.Lit(alt.Accept),
		jen.Id("success"): jen.Lit(successStatus(op)),
	}
	if params := g.fakeParams(op, snapshot); params != nil {
		d[jen.Id("params")] = params
	}
	return jen.Values(d)
}

// fakeBody is the function that decodes a body into the snapshot's type
// and judges it: unknown properties of an object, then its validators.
func (g *gen) fakeBody(r ir.TypeRef, snapshot string) jen.Code {
	decode := []jen.Code{jen.Var().Id("v").Add(g.qualified(r, snapshot)),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil()).
			Block(jen.Return(jen.Nil(), jen.Id("decodeProblems").Call(jen.Err())))}
	value := jen.Op("&").Id("v")
	if r.NeedsDecoder() { // a union, or lists and maps of them: the snapshot's decoders
		decode = []jen.Code{jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(g.fakeDecode(r, jen.Id("raw"), snapshot)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("decodeProblems").Call(jen.Err())))}
	}
	if r.IsUnion() {
		value = jen.Id("v")
	}
	known := []jen.Code{jen.Id("raw")}
	for _, name := range knownNames(r) {
		known = append(known, jen.Lit(name))
	}
	check := "validated" // a struct or union: the snapshot validates it
	if !r.IsStruct() && !r.IsUnion() {
		check = "validatedIfAny"
	}
	problems := jen.Id(check).Call(value.Clone())
	if len(known) > 1 {
		problems = jen.Append(jen.Id("knownProperties").Call(known...), jen.Id(check).Call(value.Clone()).Op("..."))
	}
	if r.Kind == ir.RefArray && (r.Elem.IsStruct() || r.Elem.IsUnion()) {
		decode = append(decode, jen.Var().Id("problems").Index().String(),
			jen.For(jen.Id("i").Op(":=").Range().Id("v")).Block(fakeItem(*r.Elem)))
		problems = jen.Id("problems")
	}
	return jen.Func().Params(jen.Id("raw").Index().Byte()).Params(jen.Any(), jen.Index().String()).Block(
		append(decode, jen.Return(value, problems))...)
}

// fakeDecode decodes arg into a value of r, which needs a decoder (a
// union, or lists, maps and Nullables of them): the snapshot's union
// decoders through the fake's listOf and mapOf.
//
//	listOf(raw, snapshot.UnmarshalPeer)
func (g *gen) fakeDecode(r ir.TypeRef, arg jen.Code, snapshot string) *jen.Statement {
	switch {
	case r.InNullable():
		return jen.Add(g.fakeDecodeFunc(r, snapshot)).Call(arg)
	case r.IsUnion():
		return jen.Qual(snapshot, r.Type.Union.Decoder).Call(arg)
	case r.Kind == ir.RefMap:
		return jen.Id("mapOf").Call(arg, g.fakeDecodeFunc(*r.Elem, snapshot))
	}
	return jen.Id("listOf").Call(arg, g.fakeDecodeFunc(*r.Elem, snapshot))
}

// fakeDecodeFunc is fakeDecode as a func([]byte) (T, error) value; a
// Nullable one takes null first:
//
//	func(b []byte) (snapshot.Nullable[snapshot.Peer], error) {
//		if isNull(b) { return snapshot.Null[snapshot.Peer](), nil }
//		v, err := snapshot.UnmarshalPeer(b)
//		return snapshot.Value(v), err
//	}
func (g *gen) fakeDecodeFunc(r ir.TypeRef, snapshot string) *jen.Statement {
	signature := jen.Func().Params(jen.Id("b").Index().Byte()).Params(g.qualified(r, snapshot), jen.Error())
	if !r.InNullable() {
		if r.IsUnion() {
			return jen.Qual(snapshot, r.Type.Union.Decoder)
		}
		return signature.Block(jen.Return(g.fakeDecode(r, jen.Id("b"), snapshot)))
	}
	inner := r
	inner.Nullable = false
	return signature.Block(
		jen.If(jen.Id("isNull").Call(jen.Id("b"))).Block(jen.Return(jen.Qual(snapshot, "Null").Types(g.qualified(inner, snapshot)).Call(), jen.Nil())),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(g.fakeDecode(inner, jen.Id("b"), snapshot)),
		jen.Return(jen.Qual(snapshot, "Value").Call(jen.Id("v")), jen.Err()),
	)
}

// fakeItem judges the item v[i] of a list body: a struct by pointer, a
// union as it is, the value a Nullable holds when it holds one.
//
//	problems = append(problems, validatedItem(i, &v[i])...)
func fakeItem(elem ir.TypeRef) jen.Code {
	item := jen.Id("v").Index(jen.Id("i"))
	judge := func(x *jen.Statement) jen.Code {
		if !elem.IsUnion() && !elem.Boxed {
			x = jen.Op("&").Add(x)
		}
		return jen.Id("problems").Op("=").Append(jen.Id("problems"), jen.Id("validatedItem").Call(jen.Id("i"), x).Op("..."))
	}
	if !elem.InNullable() {
		return judge(item)
	}
	cond := jen.Id("ok")
	if elem.NilInside() {
		cond = cond.Op("&&").Id("val").Op("!=").Nil()
	}
	return jen.If(jen.List(jen.Id("val"), jen.Id("ok")).Op(":=").Add(item).Dot("Get").Call(), cond).Block(judge(jen.Id("val")))
}

// fakeParams is the function that fills the operation's params type from
// a request and validates it; nil when some required parameter is not a
// string (only strings can be taken from a request as they are).
func (g *gen) fakeParams(op *ir.Operation, snapshot string) jen.Code {
	body := []jen.Code{jen.Var().Id("p").Qual(snapshot, op.Params.GoName)}
	path := 0
	for _, p := range op.Params.Params {
		str := stringKind(p.Type)
		if !str {
			if p.Required {
				return nil
			}
			continue
		}
		field := jen.Id("p").Dot(p.GoName)
		conv := func(v jen.Code) jen.Code {
			if p.Type.Kind == ir.RefNamed {
				return jen.Qual(snapshot, p.Type.Name).Call(v)
			}
			return v
		}
		var value jen.Code
		switch p.In {
		case "path":
			value = jen.Id("path").Index(jen.Lit(path))
			path++
		case "query":
			value = jen.Id("query").Dot("Get").Call(jen.Lit(p.Name))
		default:
			value = jen.Id("header").Dot("Get").Call(jen.Lit(p.Name))
		}
		present := jen.Id("query").Dot("Has").Call(jen.Lit(p.Name))
		if p.In == "header" {
			present = jen.Id("header").Dot("Get").Call(jen.Lit(p.Name)).Op("!=").Lit("")
		}
		switch {
		case p.In == "path":
			body = append(body, field.Op("=").Add(conv(value)))
		case ir.ByPointer(p.Required, p.Type):
			body = append(body, jen.If(present).Block(jen.Id("v").Op(":=").Add(conv(value)), field.Clone().Op("=").Op("&").Id("v")))
		default:
			body = append(body, jen.If(present).Block(field.Clone().Op("=").Add(conv(value))))
		}
	}
	body = append(body, jen.Return(jen.Id("validParams").Call(jen.Op("&").Id("p"))))
	return jen.Func().Params(jen.Id("path").Index().String(), jen.Id("query").Qual("net/url", "Values"), jen.Id("header").Qual("net/http", "Header")).
		Index().String().Block(body...)
}

// stringKind reports whether a parameter's Go type is a string or an
// enum of strings.
func stringKind(r ir.TypeRef) bool {
	return r.Kind == ir.RefString || r.IsEnum()
}

// qualified is a type of the snapshot, named from the sub-package.
func (g *gen) qualified(r ir.TypeRef, snapshot string) *jen.Statement {
	if r.InNullable() {
		return jen.Qual(snapshot, "Nullable").Types(nullableValue(r, func(r ir.TypeRef) *jen.Statement { return g.qualifiedValue(r, snapshot) }))
	}
	return g.qualifiedValue(r, snapshot)
}

// qualifiedValue is qualified without the Nullable.
func (g *gen) qualifiedValue(r ir.TypeRef, snapshot string) *jen.Statement {
	switch r.Kind {
	case ir.RefNamed:
		return jen.Qual(snapshot, r.Name)
	case ir.RefArray:
		return jen.Index().Add(g.qualified(*r.Elem, snapshot))
	case ir.RefMap:
		return jen.Map(jen.String()).Add(g.qualified(*r.Elem, snapshot))
	}
	return valueType(r)
}

// knownNames are the properties an object body may have: its fields', or
// for a union every variant's and the discriminator.
func knownNames(r ir.TypeRef) []string {
	if r.Kind != ir.RefNamed || r.Type == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(fields []ir.Field) {
		for _, f := range fields {
			if !seen[f.JSONName] {
				seen[f.JSONName] = true
				out = append(out, f.JSONName)
			}
		}
	}
	add(r.Type.Fields)
	if u := r.Type.Union; u != nil {
		add([]ir.Field{{JSONName: u.Discriminator}})
		for _, v := range u.Variants {
			add(v.Fields)
		}
	}
	if r.Type.Kind == ir.KindEnum {
		return nil
	}
	return out
}

// pathPattern matches the operation's path: its literal text, and one
// segment for each parameter.
func pathPattern(op *ir.Operation) string {
	var b strings.Builder
	b.WriteString("^")
	for _, part := range op.PathParts {
		if part.Param >= 0 {
			b.WriteString("([^/]+)")
		} else {
			b.WriteString(regexp.QuoteMeta(part.Literal))
		}
	}
	b.WriteString("$")
	return b.String()
}

// successStatus is the status of the default answer.
func successStatus(op *ir.Operation) int {
	for _, r := range op.Responses {
		if r.Code >= 200 && r.Code < 300 {
			return r.Code
		}
	}
	return 204
}

// sampleBody is the default answer's body: the success type with its
// required properties, the first variant of a union, the first value of
// an enum; "" for none.
func sampleBody(op *ir.Operation) string {
	for _, s := range op.Responses {
		if s.Code == successStatus(op) && s.Type != nil && !s.Stream {
			data, _ := json.Marshal(sample(*s.Type, 0)) // plain values: they marshal
			return string(data)
		}
	}
	return ""
}

func sample(r ir.TypeRef, depth int) any {
	switch r.Kind {
	case ir.RefString:
		return "string"
	case ir.RefBool:
		return false
	case ir.RefInt32, ir.RefInt64, ir.RefFloat64:
		return 0
	case ir.RefTime:
		return "2024-01-01T00:00:00Z"
	case ir.RefArray:
		return []any{}
	case ir.RefMap, ir.RefAny, ir.RefRaw:
		return map[string]any{}
	}
	t := r.Type
	switch {
	case t == nil || depth > 4:
		return map[string]any{}
	case t.Kind == ir.KindEnum && len(t.Enum) > 0:
		return t.Enum[0].Value
	case t.Union != nil && len(t.Union.Variants) > 0:
		v := t.Union.Variants[0]
		obj := requiredSample(v.Fields, depth)
		obj[t.Union.Discriminator] = v.Value
		return obj
	}
	return requiredSample(t.Fields, depth)
}

func requiredSample(fields []ir.Field, depth int) map[string]any {
	obj := map[string]any{}
	for _, f := range fields {
		if f.Required {
			obj[f.JSONName] = sample(f.Type, depth+1)
		}
	}
	return obj
}
