package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// genIterator writes the iterator of a paginated list operation, a call of
// the runtime's paginate with the fetch of one page:
//
//	func (c *Client) ListThingsAll(ctx, params) iter.Seq2[Thing, error] {
//		return paginate(pageParam(params.PageNum, 1), pageParam(params.ItemsPerPage, 100),
//			func(page int64) ([]Thing, *int64, error) { ... })
//	}
func (g *gen) genIterator(f *jen.File, op *ir.Operation) {
	pg := op.Pagination
	page, size := g.param(op, pg.PageParam), g.param(op, pg.SizeParam)
	item := goType(pg.Item)
	// Each page asks with its own copy of params: two loops over one
	// iterator never share the page number.
	call := []jen.Code{jen.Id("ctx"), jen.Id("p")}
	if op.Body != nil {
		call = append(call, jen.Id("body"))
	}
	total := jen.Code(jen.Nil())
	switch {
	case pg.TotalNull:
		total = jen.Id("nullablePageCount").Call(jen.Id("res").Dot(pg.Total))
	case pg.Total != "":
		total = jen.Id("pageCount").Call(jen.Id("res").Dot(pg.Total))
	}
	items := jen.Id("res").Dot(pg.Results)
	if pg.ResultsNull { // null results: an empty page
		items = jen.Id("nullablePageItems").Call(items)
	}
	fetch := jen.Func().Params(jen.Id("page").Int64()).Params(jen.Index().Add(item.Clone()), jen.Op("*").Int64(), jen.Error()).Block(
		append(append([]jen.Code{jen.Id("p").Op(":=").Id("params")}, g.setParam("p", page, jen.Id("page"))...),
			jen.List(jen.Id("res"), jen.Err()).Op(":=").Id("c").Dot(op.GoName).Call(call...),
			// No page (204, an undocumented status) ends the iteration.
			jen.If(jen.Err().Op("!=").Nil().Op("||").Id("res").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
			jen.Return(items, total, jen.Nil()))...,
	)
	addDoc(f, pg.GoName+" iterates over every item "+op.GoName+" lists, requesting page after page "+
		"from params' page number (default 1). It stops after an empty page, once the total count is "+
		"reached (after a short page when the reply has none), when the loop body stops, or at the first "+
		"error, which it yields.", deprecated("", op.Deprecated, op.Sunset))
	g.clientMethod(f, method{name: pg.GoName, op: op, iterator: true}).Block(
		jen.Return(jen.Id("paginate").Call(g.pageParam(page, pg.PageDefault), g.pageParam(size, pg.SizeDefault), fetch)))
}

func (g *gen) param(op *ir.Operation, goName string) ir.Param {
	for _, p := range op.Params.Params {
		if p.GoName == goName {
			return p
		}
	}
	return ir.Param{}
}

// pageParam is the parameter's value as an int64, or def when unset or not
// positive.
func (g *gen) pageParam(p ir.Param, def int64) jen.Code {
	field := jen.Id("params").Dot(p.GoName)
	if !ir.ByPointer(p.Required, p.Type) {
		return jen.Id("pageValue").Call(field, jen.Lit(int(def)))
	}
	return jen.Id("pageParam").Call(field, jen.Lit(int(def)))
}

// setParam stores the int64 v into the parameter, converted to its Go type.
func (g *gen) setParam(params string, p ir.Param, v jen.Code) []jen.Code {
	conv := jen.Add(v)
	if p.Type.Kind != ir.RefInt64 { // the page is an int64 already
		conv = goType(p.Type).Call(v)
	}
	if !ir.ByPointer(p.Required, p.Type) {
		return []jen.Code{jen.Id(params).Dot(p.GoName).Op("=").Add(conv)}
	}
	return []jen.Code{jen.Id("n").Op(":=").Add(conv), jen.Id(params).Dot(p.GoName).Op("=").Op("&").Id("n")}
}
