package emit

import (
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// A client method's signature, in one place: the method itself, its
// alternates and iterator, the kept forwarders and the API interface all
// spell it from here.

// method is one method of *Client.
type method struct {
	name      string
	op        *ir.Operation
	alternate bool // streams another media type of the operation
	iterator  bool // the operation's iterator
}

// results is what a method returns.
func (g *gen) results(m method) []jen.Code {
	switch result := g.resultType(m.op); {
	case m.iterator:
		return []jen.Code{jen.Qual("iter", "Seq2").Types(goType(m.op.Pagination.Item), jen.Error())}
	case m.alternate:
		return []jen.Code{jen.Qual("io", "ReadCloser"), jen.Error()}
	case result != nil:
		return []jen.Code{result, jen.Error()}
	}
	return []jen.Code{jen.Error()}
}

// signature appends a method's parameters and results to s (a func
// declaration after its name, or an interface method's name).
func (g *gen) signature(s *jen.Statement, m method) *jen.Statement {
	s.Params(g.methodArgs(m.op)...)
	if r := g.results(m); len(r) > 1 {
		return s.Params(r...)
	}
	return s.Add(g.results(m)[0])
}

// clientMethod starts the declaration func (c *Client) Name(…) (…).
func (g *gen) clientMethod(f *jen.File, m method) *jen.Statement {
	return g.signature(f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(m.name), m)
}

// methods are every method of *Client the spec gives, sorted by name.
func (g *gen) methods() []method {
	var out []method
	for _, op := range g.api.Operations {
		out = append(out, method{name: op.GoName, op: op})
		for _, alt := range op.Alternates {
			out = append(out, method{name: alt.GoName, op: op, alternate: true})
		}
		if op.Pagination != nil {
			out = append(out, method{name: op.Pagination.GoName, op: op, iterator: true})
		}
	}
	for _, k := range g.api.Kept {
		if k.Kind == ir.NameMethod {
			out = append(out, method{name: k.Old, op: k.Op, alternate: k.Alternate != "", iterator: k.Iterator})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// genAPI writes the interface of every client method, so that a caller
// can put a fake of its own where the client goes.
//
//	type API interface { CreateGroupPeer(ctx, params, body) (…, error); … }
//	var _ API = (*Client)(nil)
func (g *gen) genAPI(f *jen.File) {
	var methods []jen.Code
	for _, m := range g.methods() {
		methods = append(methods, jen.Comment(m.name+" is (*Client)."+m.name+", which calls "+inline(m.op.ID)+"."),
			g.signature(jen.Id(m.name), m))
	}
	name := g.api.Interface
	addDoc(f, name+" is every method of *Client: a test can put a fake of its own where the client goes, "+
		"embedding "+name+" to implement only the methods it calls.", "")
	f.Type().Id(name).Interface(methods...)
	f.Var().Id("_").Id(name).Op("=").Parens(jen.Op("*").Id("Client")).Parens(jen.Nil())
}
