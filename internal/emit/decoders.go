package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// unionField is a field holding a union directly, or as the elements of a
// slice or map: encoding/json cannot decode into an interface, so the
// owning struct gets an UnmarshalJSON that decodes these by discriminator.
type unionField struct {
	field ir.Field
	union *ir.Type
	shape ir.RefKind // RefNamed, RefArray or RefMap
}

func (g *gen) unionFields(fields []ir.Field) []unionField {
	var out []unionField
	for _, f := range fields {
		r := f.Type
		shape := ir.RefNamed
		if (r.Kind == ir.RefArray || r.Kind == ir.RefMap) && r.Elem != nil {
			shape, r = r.Kind, *r.Elem
		}
		if g.isUnion(r) {
			out = append(out, unionField{field: f, union: g.types[r.Name], shape: shape})
		}
	}
	return out
}

// genUnionFieldDecoder writes UnmarshalJSON for a struct with union fields:
//
//	func (m *T) UnmarshalJSON(data []byte) error {
//		type plain T
//		var aux struct{ *plain; F json.RawMessage `json:"f"` }  // F shadows plain.F
//		...decode aux, then each union field by its discriminator
//	}
func (g *gen) genUnionFieldDecoder(f *jen.File, name string, fields []ir.Field) {
	ufs := g.unionFields(fields)
	if len(ufs) == 0 {
		return
	}
	raw := jen.Qual("encoding/json", "RawMessage")
	auxFields := []jen.Code{jen.Op("*").Id("plain")}
	for _, uf := range ufs {
		typ := raw.Clone()
		switch uf.shape {
		case ir.RefArray:
			typ = jen.Index().Add(raw.Clone())
		case ir.RefMap:
			typ = jen.Map(jen.String()).Add(raw.Clone())
		}
		auxFields = append(auxFields, jen.Id(uf.field.GoName).Add(typ).Tag(map[string]string{"json": uf.field.JSONName}))
	}
	body := []jen.Code{
		jen.Type().Id("plain").Id(name),
		jen.Var().Id("aux").Struct(auxFields...),
		jen.Id("aux").Dot("plain").Op("=").Parens(jen.Op("*").Id("plain")).Call(jen.Id("m")),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("aux")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	for _, uf := range ufs {
		body = append(body, g.decodeUnionField(uf)...)
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("// UnmarshalJSON decodes " + name + ", choosing the variant of each union field by its discriminator.")
	f.Func().Params(jen.Id("m").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

func (g *gen) decodeUnionField(uf unionField) []jen.Code {
	src := jen.Id("aux").Dot(uf.field.GoName)
	dst := jen.Id("m").Dot(uf.field.GoName)
	decode := func(in jen.Code, assign func(jen.Code) jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(decoderName(uf.union)).Call(in),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(uf.field.JSONName+": %w"), jen.Err()))),
			assign(jen.Id("v")),
		}
	}
	present := jen.Len(src.Clone()).Op(">").Lit(0).Op("&&").String().Call(src.Clone()).Op("!=").Lit("null")
	switch uf.shape {
	case ir.RefArray:
		loop := decode(jen.Id("r"), func(v jen.Code) jen.Code { return dst.Clone().Index(jen.Id("i")).Op("=").Add(v) })
		return []jen.Code{jen.If(src.Clone().Op("!=").Nil()).Block(
			dst.Clone().Op("=").Make(jen.Index().Id(uf.union.Name), jen.Len(src.Clone())),
			jen.For(jen.List(jen.Id("i"), jen.Id("r")).Op(":=").Range().Add(src.Clone())).Block(loop...),
		)}
	case ir.RefMap:
		loop := decode(jen.Id("r"), func(v jen.Code) jen.Code { return dst.Clone().Index(jen.Id("k")).Op("=").Add(v) })
		return []jen.Code{jen.If(src.Clone().Op("!=").Nil()).Block(
			dst.Clone().Op("=").Make(jen.Map(jen.String()).Id(uf.union.Name), jen.Len(src.Clone())),
			jen.For(jen.List(jen.Id("k"), jen.Id("r")).Op(":=").Range().Add(src.Clone())).Block(loop...),
		)}
	}
	return []jen.Code{jen.If(present).Block(decode(src.Clone(), func(v jen.Code) jen.Code { return dst.Clone().Op("=").Add(v) })...)}
}
