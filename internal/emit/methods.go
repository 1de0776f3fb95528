package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// resultType is the Go type an operation returns, nil when it returns none.
func (g *gen) resultType(op *ir.Operation) *jen.Statement {
	s := op.Success()
	switch {
	case s != nil && s.Stream:
		return jen.Qual("io", "ReadCloser")
	case s == nil || s.Type == nil:
		return nil
	}
	return g.byRef(*s.Type)
}

// resultNilable reports whether the result's zero value is nil.
func (g *gen) resultNilable(op *ir.Operation) bool {
	s := op.Success()
	return s == nil || s.Stream || s.Type == nil || s.Type.Nilable()
}

// byRef is how a body travels through a method: structs by pointer, unions
// as their interface, everything else as its Go type.
func (g *gen) byRef(r ir.TypeRef) *jen.Statement {
	if r.IsStruct() {
		return jen.Op("*").Id(r.Name)
	}
	return goType(r)
}

// genMethod writes the client method of one operation: the runtime's call
// validates, encodes and sends; the method decodes each documented status.
//
//	func (c *Client) CreateGroupPeer(ctx, params, body) (Peer, error) {
//		resp, err := c.call(ctx, &params, body, true, &request{...})
//		...
//		if resp.noContent() { return nil, nil }
//		switch resp.status { case 200: return UnmarshalPeer(resp.body) }
//		c.undocumented(ctx, resp); return nil, nil
//	}
func (g *gen) genMethod(f *jen.File, op *ir.Operation) {
	result := g.resultType(op)
	zero := jen.Id("zero")
	if g.resultNilable(op) {
		zero = jen.Nil()
	}
	ret := func(err jen.Code) jen.Code {
		if result == nil {
			return jen.Return(err)
		}
		return jen.Return(zero.Clone(), err)
	}
	var body []jen.Code
	if !g.resultNilable(op) {
		body = append(body, jen.Var().Id("zero").Add(result.Clone()))
	}
	if s := op.Success(); s != nil && s.Stream {
		body = append(body, jen.Return(g.callExpr(op, "callStream", op.Accept)))
	} else {
		body = append(body,
			jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(g.callExpr(op, "call", op.Accept)),
			jen.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err())),
		)
		if single := g.singleReply(op); single != nil {
			body = append(body, single)
		} else {
			body = append(body, g.decodeResponses(op, result, ret)...)
		}
	}
	g.methodDoc(f, op)
	g.clientMethod(f, method{name: op.GoName, op: op}).Block(body...)
	for _, alt := range op.Alternates {
		g.genAlternate(f, op, alt)
	}
	if op.Pagination != nil {
		g.genIterator(f, op)
	}
}

func (g *gen) methodArgs(op *ir.Operation) []jen.Code {
	args := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("params").Id(op.Params.GoName)}
	if op.Body != nil {
		args = append(args, jen.Id("body").Add(g.byRef(op.Body.Type)))
	}
	return args
}

// callExpr is c.<fn>(ctx, &params, body, required, &request{...}).
func (g *gen) callExpr(op *ir.Operation, fn, accept string) *jen.Statement {
	body, required := jen.Nil(), false
	if op.Body != nil {
		body, required = jen.Id("body"), op.Body.Required
	}
	return jen.Id("c").Dot(fn).Call(jen.Id("ctx"), jen.Op("&").Id("params"), body, jen.Lit(required),
		jen.Op("&").Id("request").Values(g.requestFields(op, accept)))
}

// genAlternate writes the method that asks for another media type of the
// same version (GetInvoiceCSV) and streams the body back.
func (g *gen) genAlternate(f *jen.File, op *ir.Operation, alt ir.Alternate) {
	addDoc(f, alt.GoName+" calls "+op.ID+" asking for "+alt.Accept+" instead of "+op.Accept+
		", and returns the body unread: the caller must close it.", "")
	g.clientMethod(f, method{name: alt.GoName, op: op, alternate: true}).Block(jen.Return(g.callExpr(op, "callStream", alt.Accept)))
}

func (g *gen) methodDoc(f *jen.File, op *ir.Operation) {
	first := op.GoName + " calls " + op.ID + ": " + op.Summary + "."
	if op.Summary == "" {
		first = op.GoName + " calls " + op.ID + "."
	}
	desc := op.Description
	how := "It sends " + op.Method + " " + op.Path
	if op.Version != "" {
		how += " at API version " + op.Version
	}
	how += " with Accept " + op.Accept
	if op.Body != nil {
		how += " and Content-Type " + op.Body.ContentType
	}
	how += "." // what every method does besides is said once, in the package doc
	if op.Body != nil && op.Body.Description != "" {
		how += "\n\nThe body: " + op.Body.Description
	}
	if desc != "" {
		desc += "\n\n"
	}
	addDoc(f, first, deprecated(desc+how, op.Deprecated, op.Sunset))
}

func (g *gen) requestFields(op *ir.Operation, accept string) jen.Dict {
	d := jen.Dict{
		jen.Id("operation"): jen.Lit(op.ID),
		jen.Id("method"):    jen.Lit(op.Method),
		jen.Id("accept"):    jen.Lit(accept),
	}
	if op.Body != nil {
		d[jen.Id("contentType")] = jen.Lit(op.Body.ContentType)
	}
	if op.Envelope != "" {
		env := jen.Id("params").Dot(op.Envelope)
		d[jen.Id("envelope")] = env.Clone().Op("!=").Nil().Op("&&").Op("*").Add(env.Clone())
	}
	return d
}

// decodeResponses decodes each documented success status into the result.
// A reply without a body is the zero result; an undocumented 2xx status is
// a success the runtime reports (warning, raw body in ResponseInfo), since
// the server did the work.
// singleReply is the return of an operation with one documented success
// status and a body, through the runtime's reply; nil for any other:
//
//	return reply(c, ctx, resp, 200, decodeInto(new(Peer)))
func (g *gen) singleReply(op *ir.Operation) jen.Code {
	var success []ir.Response
	for _, r := range op.Responses {
		if !r.Error && r.Code != 0 {
			success = append(success, r)
		}
	}
	if len(success) != 1 || success[0].Type == nil {
		return nil
	}
	r := *success[0].Type
	var decode jen.Code
	switch {
	case r.NeedsDecoder():
		decode = g.decodeFunc(r)
	case r.IsStruct():
		decode = jen.Id("decodeInto").Call(jen.New(jen.Id(r.Name)))
	default:
		decode = jen.Id("decodeValue").Types(goType(r))
	}
	if success[0].Nullable {
		decode = jen.Id("nullIsZero").Call(decode)
	}
	return jen.Return(jen.Id("reply").Call(jen.Id("c"), jen.Id("ctx"), jen.Id("resp"), jen.Lit(success[0].Code), decode))
}

func (g *gen) decodeResponses(op *ir.Operation, result *jen.Statement, ret func(jen.Code) jen.Code) []jen.Code {
	var out, cases, codes []jen.Code
	for _, r := range op.Responses {
		if r.Error || r.Code == 0 {
			continue
		}
		codes = append(codes, jen.Lit(r.Code))
		cases = append(cases, jen.Case(jen.Lit(r.Code)).Block(g.decodeOne(r, result, ret)...))
	}
	if result != nil {
		// No body, documented status or not: the zero result.
		emptyReply := append([]jen.Code{jen.Id("ctx"), jen.Id("resp")}, codes...)
		out = append(out, jen.If(jen.Id("resp").Dot("noContent").Call()).Block(
			jen.Id("c").Dot("emptyReply").Call(emptyReply...), ret(jen.Nil())))
	}
	out = append(out, jen.Switch(jen.Id("resp").Dot("status")).Block(cases...))
	return append(out, jen.Id("c").Dot("undocumented").Call(jen.Id("ctx"), jen.Id("resp")), ret(jen.Nil()))
}

func (g *gen) decodeOne(r ir.Response, result *jen.Statement, ret func(jen.Code) jen.Code) []jen.Code {
	if result == nil {
		return []jen.Code{jen.Return(jen.Nil())}
	}
	if r.Type == nil {
		return []jen.Code{ret(jen.Nil())}
	}
	var null []jen.Code
	if r.Nullable { // the zero result, as for no body
		null = []jen.Code{jen.If(jen.Id("isNullJSON").Call(jen.Id("resp").Dot("body"))).Block(ret(jen.Nil()))}
	}
	return append(null, g.decodeBody(r, ret)...)
}

// decodeBody decodes a success body into the operation's result.
func (g *gen) decodeBody(r ir.Response, ret func(jen.Code) jen.Code) []jen.Code {
	if r.Type.NeedsDecoder() {
		return []jen.Code{jen.Return(g.decodeCall(*r.Type, jen.Id("resp").Dot("body")))}
	}
	target, out := jen.Op("&").Id("out"), jen.Id("out")
	if r.Type.IsStruct() {
		out = jen.Op("&").Id("out")
	}
	return []jen.Code{
		jen.Var().Id("out").Add(goType(*r.Type)),
		jen.If(jen.Err().Op(":=").Id("decodeJSON").Call(jen.Id("resp").Dot("body"), target), jen.Err().Op("!=").Nil()).Block(ret(jen.Err())),
		jen.Return(out, jen.Nil()),
	}
}
