package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// genIterator writes the iterator of a paginated list operation:
//
//	func (c *Client) ListThingsAll(ctx, params) iter.Seq2[Thing, error]
//
// It requests page after page from params' pageNum (default 1) and yields
// every item; it stops after an empty or short page, once totalCount items
// were seen, when the caller stops, or at the first error, which it yields.
func (g *gen) genIterator(f *jen.File, op *ir.Operation) {
	pg := op.Pagination
	page, size := g.param(op, pg.PageParam), g.param(op, pg.SizeParam)
	item := goType(pg.Item)
	call := []jen.Code{jen.Id("ctx"), jen.Id("params")}
	if op.Body != nil {
		call = append(call, jen.Id("body"))
	}
	stop := jen.Len(jen.Id("res").Dot(pg.Results)).Op("==").Lit(0).
		Op("||").Int64().Call(jen.Len(jen.Id("res").Dot(pg.Results))).Op("<").Int64().Call(jen.Id("size"))
	if pg.Total != "" {
		total := jen.Id("res").Dot(pg.Total)
		stop = stop.Op("||").Parens(total.Clone().Op("!=").Nil().Op("&&").Id("seen").Op(">=").Int64().Call(jen.Op("*").Add(total.Clone())))
	}
	loop := []jen.Code{
		g.setParam("params", page, jen.Id("page")),
		jen.List(jen.Id("res"), jen.Err()).Op(":=").Id("c").Dot(op.GoName).Call(call...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Var().Id("zero").Add(item.Clone()), jen.Id("yield").Call(jen.Id("zero"), jen.Err()), jen.Return()),
		jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Id("res").Dot(pg.Results)).Block(
			jen.If(jen.Op("!").Id("yield").Call(jen.Id("it"), jen.Nil())).Block(jen.Return())),
		jen.Id("seen").Op("+=").Int64().Call(jen.Len(jen.Id("res").Dot(pg.Results))),
		jen.If(stop).Block(jen.Return()),
		jen.Id("page").Op("++"),
	}
	fn := []jen.Code{
		g.initFromParam("page", page, pg.PageDefault),
		g.initFromParam("size", size, pg.SizeDefault),
		jen.Var().Id("seen").Int64(),
		jen.For().Block(loop...),
	}
	addDoc(f, pg.GoName+" iterates over every item "+op.GoName+" lists, requesting page after page "+
		"from params' page number (default 1). It stops after an empty or short page, once the total count "+
		"is reached, when the loop body stops, or at the first error, which it yields.", "")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(pg.GoName).Params(g.methodArgs(op)...).
		Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(item.Clone(), jen.Error()).Bool()).Block(fn...)))
}

func (g *gen) param(op *ir.Operation, goName string) ir.Param {
	for _, p := range op.Params.Params {
		if p.GoName == goName {
			return p
		}
	}
	return ir.Param{}
}

// initFromParam declares name with the parameter's value, or def when unset.
func (g *gen) initFromParam(name string, p ir.Param, def int64) jen.Code {
	field := jen.Id("params").Dot(p.GoName)
	if !ir.ByPointer(p.Required, p.Type) {
		return jen.Id(name).Op(":=").Int64().Call(field)
	}
	return jen.Id(name).Op(":=").Func().Params().Int64().Block(
		jen.If(field.Clone().Op("!=").Nil()).Block(jen.Return(jen.Int64().Call(jen.Op("*").Add(field.Clone())))),
		jen.Return(jen.Lit(def)),
	).Call()
}

// setParam stores an int64 into the parameter, converting to its Go type.
func (g *gen) setParam(params string, p ir.Param, v jen.Code) jen.Code {
	conv := goType(p.Type).Call(v)
	if !ir.ByPointer(p.Required, p.Type) {
		return jen.Id(params).Dot(p.GoName).Op("=").Add(conv)
	}
	return jen.Block(jen.Id("n").Op(":=").Add(conv), jen.Id(params).Dot(p.GoName).Op("=").Op("&").Id("n"))
}
