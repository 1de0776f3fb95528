package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// decodeCall decodes the JSON arg into a value of r (one that needsDecoder)
// through the union's decoder and the runtime's list and map helpers:
//
//	UnmarshalPeer(arg)
//	decodeList(arg, UnmarshalPeer)
//	decodeMap(arg, func(b []byte) ([]Peer, error) { return decodeList(b, UnmarshalPeer) })
func (g *gen) decodeCall(r ir.TypeRef, arg jen.Code) *jen.Statement {
	if r.IsUnion() {
		return jen.Id(r.Type.Union.Decoder).Call(arg)
	}
	helper := "decodeList"
	if r.Kind == ir.RefMap {
		helper = "decodeMap"
	}
	return jen.Id(helper).Call(arg, g.decodeFunc(*r.Elem))
}

// decodeFunc is decodeCall as a func([]byte) (T, error) value.
func (g *gen) decodeFunc(r ir.TypeRef) *jen.Statement {
	if r.IsUnion() {
		return jen.Id(r.Type.Union.Decoder)
	}
	return jen.Func().Params(jen.Id("b").Index().Byte()).Params(goType(r), jen.Error()).Block(
		jen.Return(g.decodeCall(r, jen.Id("b"))))
}

// genUnionFieldDecoder writes UnmarshalJSON for a struct with fields that
// hold unions (directly or inside slices and maps):
//
//	func (m *T) UnmarshalJSON(data []byte) error {
//		type plain T
//		var aux struct{ *plain; F json.RawMessage `json:"f"` }  // F shadows plain.F
//		...decode aux, then each such field with its decoder
//	}
func (g *gen) genUnionFieldDecoder(f *jen.File, name string, fields []ir.Field) {
	var decoded []ir.Field
	auxFields := []jen.Code{jen.Op("*").Id("plain")}
	for _, fl := range fields {
		if fl.Type.NeedsDecoder() {
			decoded = append(decoded, fl)
			auxFields = append(auxFields, jen.Id(fl.GoName).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": fl.JSONName}))
		}
	}
	if len(decoded) == 0 {
		return
	}
	body := []jen.Code{
		jen.Type().Id("plain").Id(name),
		jen.Var().Id("aux").Struct(auxFields...),
		jen.Id("aux").Dot("plain").Op("=").Parens(jen.Op("*").Id("plain")).Call(jen.Id("m")),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("aux")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	for _, fl := range decoded {
		src := jen.Id("aux").Dot(fl.GoName)
		body = append(body, jen.If(jen.Id("present").Call(src.Clone())).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(g.decodeCall(fl.Type, src.Clone())),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(fl.JSONName+": %w"), jen.Err()))),
			jen.Id("m").Dot(fl.GoName).Op("=").Id("v"),
		))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("// UnmarshalJSON decodes " + name + ", choosing the variant of each union it holds by its discriminator.")
	f.Func().Params(jen.Id("m").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}
