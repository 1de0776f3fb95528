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
	if r.InNullable() { // decodeNullable(arg, UnmarshalPeer): null is Null
		inner := r
		inner.Nullable = false
		return jen.Id("decodeNullable").Call(arg, g.decodeFunc(inner))
	}
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
	if r.IsUnion() && !r.InNullable() {
		return jen.Id(r.Type.Union.Decoder)
	}
	return jen.Func().Params(jen.Id("b").Index().Byte()).Params(goType(r), jen.Error()).Block(
		jen.Return(g.decodeCall(r, jen.Id("b"))))
}

// genUnionFieldDecoder writes UnmarshalJSON for a struct with fields that
// hold unions (directly or inside slices and maps), or with properties no
// struct tag can name (their MarshalJSON too):
//
//	func (m *T) UnmarshalJSON(data []byte) error {
//		type plain T
//		var aux struct{ *plain; F json.RawMessage `json:"f"` }  // F shadows plain.F
//		...decode aux, then each such field with its decoder
//		return decodeUntagged(data, []untagged{{name: "", value: &m.X}})  // or nil
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
	extra := untagged(fields)
	if len(decoded) == 0 && len(extra) == 0 {
		return
	}
	body := []jen.Code{jen.Type().Id("plain").Id(name)}
	into := jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("m"))
	if len(decoded) > 0 {
		body = append(body, jen.Var().Id("aux").Struct(auxFields...), jen.Id("aux").Dot("plain").Op("=").Add(into))
		into = jen.Op("&").Id("aux")
	}
	body = append(body, jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), into), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	for _, fl := range decoded {
		src := jen.Id("aux").Dot(fl.GoName)
		// Absent leaves the field zero; so does null, unless it is nullable.
		sent := jen.Id("present").Call(src.Clone())
		if fl.Type.InNullable() {
			sent = jen.Len(src.Clone()).Op(">").Lit(0)
		}
		body = append(body, jen.If(sent).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(g.decodeCall(fl.Type, src.Clone())),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(fl.JSONName+": %w"), jen.Err()))),
			jen.Id("m").Dot(fl.GoName).Op("=").Id("v"),
		))
	}
	doc := "choosing the variant of each union it holds by its discriminator."
	if len(extra) > 0 {
		g.genUntaggedEncoder(f, name, extra)
		body = append(body, jen.Return(jen.Id("decodeUntagged").Call(jen.Id("data"), untaggedDsts(extra))))
		doc = "with the properties no struct tag can name."
	} else {
		body = append(body, jen.Return(jen.Nil()))
	}
	f.Comment("// UnmarshalJSON decodes " + name + ", " + doc)
	f.Func().Params(jen.Id("m").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

func untagged(fields []ir.Field) []ir.Field {
	var out []ir.Field
	for _, fl := range fields {
		if fl.Untagged {
			out = append(out, fl)
		}
	}
	return out
}

// genUntaggedEncoder writes MarshalJSON for a struct with properties no
// struct tag can name: the runtime encodes the rest as usual and adds
// those by name.
//
//	func (m T) MarshalJSON() ([]byte, error) {
//		type plain T
//		return encodeUntagged(plain(m), []untagged{{name: "", value: m.X, omit: m.X == nil}})
//	}
func (g *gen) genUntaggedEncoder(f *jen.File, name string, extra []ir.Field) {
	var props []jen.Code
	for _, fl := range extra {
		x := jen.Id("m").Dot(fl.GoName)
		// As a tag would: a required property is always sent (null when a
		// boxed pointer is nil or a Nullable zero); an optional one is left
		// out when absent: nil (pointers, slices, maps, interfaces) or, for
		// a Nullable, unset.
		omit := jen.False()
		switch {
		case fl.Required:
		case fl.Type.InNullable():
			omit = jen.Op("!").Add(x.Clone()).Dot("IsSet").Call()
		default:
			omit = x.Clone().Op("==").Nil()
		}
		props = append(props, jen.Values(jen.Dict{jen.Id("name"): jen.Lit(fl.JSONName), jen.Id("value"): x.Clone(), jen.Id("omit"): omit}))
	}
	f.Comment("// MarshalJSON encodes " + name + ", with the properties no struct tag can name.")
	f.Func().Params(jen.Id("m").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(name),
		jen.Return(jen.Id("encodeUntagged").Call(jen.Id("plain").Call(jen.Id("m")), jen.Index().Id("untagged").Values(props...))),
	)
}

// untaggedDsts lists the untagged properties with pointers to their
// fields, in field order, so the first bad one is always the one reported.
func untaggedDsts(extra []ir.Field) *jen.Statement {
	var dsts []jen.Code
	for _, fl := range extra {
		dsts = append(dsts, jen.Values(jen.Dict{jen.Id("name"): jen.Lit(fl.JSONName), jen.Id("value"): jen.Op("&").Id("m").Dot(fl.GoName)}))
	}
	return jen.Index().Id("untagged").Values(dsts...)
}
