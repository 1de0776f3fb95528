package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// genKept writes the names an earlier snapshot declared and this one
// names otherwise (ir.API.Kept): type aliases, constants, and methods and
// functions forwarding to the new ones, each deprecated.
//
//	// Deprecated: use ListOrgResourcePolicies.
//	func (c *Client) GetAtlasResourcePolicies(ctx, params) (…, error) {
//		return c.ListOrgResourcePolicies(ctx, params)
//	}
//	type GetAtlasResourcePoliciesParams = ListOrgResourcePoliciesParams
func (g *gen) genKept(f *jen.File) {
	for _, k := range g.api.Kept {
		addDoc(f, k.Old+" is what an earlier snapshot named "+k.Name+" (atlasgen.lock.json keeps the name): "+k.Why+".",
			"Deprecated: use "+k.Name+".")
		switch {
		case k.Kind == ir.NameType:
			f.Type().Id(k.Old).Op("=").Id(k.Name)
			g.keptConsts(f, k)
		case k.Kind == ir.NameFunc:
			f.Func().Id(k.Old).Params(jen.Id("data").Index().Byte()).Params(jen.Id(k.Type.Name), jen.Error()).
				Block(jen.Return(jen.Id(k.Name).Call(jen.Id("data"))))
		default:
			g.keptMethod(f, k)
		}
	}
}

// keptConsts writes a kept enum's constants under their old names.
func (g *gen) keptConsts(f *jen.File, k ir.Kept) {
	if len(k.Consts) == 0 {
		return
	}
	defs := make([]jen.Code, 0, 2*len(k.Consts))
	for _, c := range k.Consts {
		defs = append(defs, jen.Comment("Deprecated: use "+c.New+"."), jen.Id(c.Old).Op("=").Id(c.New))
	}
	f.Const().Defs(defs...)
}

// keptMethod writes a method with the signature of the one it forwards to.
func (g *gen) keptMethod(f *jen.File, k ir.Kept) {
	op := k.Op
	call := []jen.Code{jen.Id("ctx"), jen.Id("params")}
	if op.Body != nil {
		call = append(call, jen.Id("body"))
	}
	g.clientMethod(f, method{name: k.Old, op: op, alternate: k.Alternate != "", iterator: k.Iterator}).
		Block(jen.Return(jen.Id("c").Dot(k.Name).Call(call...)))
}
