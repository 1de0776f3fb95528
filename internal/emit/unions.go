package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// genUnions declares each union as a sealed interface, one struct per
// variant and one for unknown bodies, plus its decoder.
//
//	type Peer interface { ProviderName() string; isPeer() }
//	type PeerAWS struct{ ... }            // marshals with providerName "AWS"
//	type PeerUnknown struct{ Value string; Raw json.RawMessage }
//	func decodePeer(data []byte) (Peer, error)
func (g *gen) genUnions(f *jen.File) {
	for _, t := range typesOfKind(g.api, ir.KindUnion) {
		g.genUnionInterface(f, t)
		for _, v := range t.Union.Variants {
			g.genVariant(f, t, v)
		}
		g.genUnknown(f, t)
		g.genDecoder(f, t)
	}
}

func (g *gen) genUnionInterface(f *jen.File, t *ir.Type) {
	u := t.Union
	members := ""
	for _, v := range u.Variants {
		members += "*" + v.GoName + ", "
	}
	first := t.Name + " is one of " + members + "or *" + u.Unknown + " for a body whose " +
		u.Discriminator + " this snapshot does not know. Type-switch on it to read a variant."
	addDoc(f, first, deprecated(t.Description, t.Deprecated, t.Sunset))
	methods := docCode(u.Method+" returns the "+u.Discriminator+" value the variant is sent with.", "")
	methods = append(methods, jen.Id(u.Method).Params().String())
	if t.Request {
		methods = append(methods, docCode("Validate reports every constraint the variant breaks.", "")...)
		methods = append(methods, jen.Id("Validate").Params().Error())
		methods = append(methods, jen.Id("validate").Params(jen.Id("v").Op("*").Id("validator"), jen.Id("path").String()))
	}
	methods = append(methods, jen.Id(t.Union.Seal).Params())
	f.Type().Id(t.Name).Interface(methods...)
}

// genVariant declares one variant; MarshalJSON writes the discriminator
// first, so callers never set it.
func (g *gen) genVariant(f *jen.File, t *ir.Type, v ir.Variant) {
	u := t.Union
	first := v.GoName + " is the " + t.Name + " variant sent with " + u.Discriminator + " " + strconv.Quote(v.Value) + "."
	switch {
	case v.DiscField != "":
		first = v.GoName + " is the " + t.Name + " variant for " + strconv.Itoa(len(v.Values)) + " values of " + u.Discriminator +
			"; set " + v.DiscField + " to the one meant."
	case u.OmitDiscriminator:
		first = v.GoName + " is the " + t.Name + " variant for " + u.Discriminator + " " + strconv.Quote(v.Value) +
			"; the API sets " + u.Discriminator + " itself, so requests never carry it."
	}
	addDoc(f, first, "")
	f.Type().Id(v.GoName).Struct(g.structFields(v.Fields)...)
	g.genUnionFieldDecoder(f, v.GoName, v.Fields)
	f.Func().Params(jen.Op("*").Id(v.GoName)).Id(u.Seal).Params().Block()
	if v.DiscField != "" {
		f.Comment("// " + u.Method + " returns the " + inline(u.Discriminator) + " the variant holds.")
		f.Func().Params(jen.Id("x").Op("*").Id(v.GoName)).Id(u.Method).Params().String().Block(jen.Return(jen.String().Call(jen.Id("x").Dot(v.DiscField))))
	} else {
		f.Comment("// " + u.Method + " returns " + quoteForComment(v.Value) + ".")
		f.Func().Params(jen.Op("*").Id(v.GoName)).Id(u.Method).Params().String().Block(jen.Return(jen.Lit(v.Value)))
	}
	if u.OmitDiscriminator || v.DiscField != "" {
		// The API marks the discriminator readOnly, so requests never carry
		// it, or the variant's own field holds it.
		f.Comment("// MarshalJSON encodes the variant as its fields say.")
		f.Func().Params(jen.Id("x").Id(v.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Type().Id("plain").Id(v.GoName),
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("x")))),
		)
		return
	}
	f.Comment("// MarshalJSON encodes the variant with its " + inline(u.Discriminator) + " set.")
	f.Func().Params(jen.Id("x").Id(v.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(v.GoName),
		jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Struct(
			jen.Id("Discriminator").String().Tag(map[string]string{"json": u.Discriminator}),
			jen.Id("plain"),
		).Values(jen.Lit(v.Value), jen.Id("plain").Call(jen.Id("x"))))),
	)
}

func (g *gen) genUnknown(f *jen.File, t *ir.Type) {
	u := t.Union
	addDoc(f, u.Unknown+" holds a "+t.Name+" body whose "+u.Discriminator+" is missing or unknown to this snapshot. "+
		"It keeps the JSON exactly as received and marshals it back byte for byte.", "")
	f.Type().Id(u.Unknown).Struct(
		jen.Comment("// "+u.UnknownValue+" is the "+inline(u.Discriminator)+" received; empty when absent."),
		jen.Id(u.UnknownValue).String(),
		jen.Comment("// "+u.UnknownRaw+" is the body as received."),
		jen.Id(u.UnknownRaw).Qual("encoding/json", "RawMessage"),
	)
	f.Func().Params(jen.Op("*").Id(u.Unknown)).Id(u.Seal).Params().Block()
	f.Comment("// " + u.Method + " returns the value received.")
	f.Func().Params(jen.Id("x").Op("*").Id(u.Unknown)).Id(u.Method).Params().String().Block(jen.Return(jen.Id("x").Dot(u.UnknownValue)))
	f.Comment("// MarshalJSON returns the body as received.")
	f.Func().Params(jen.Id("x").Id(u.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("rawOrEmpty").Call(jen.Id("x").Dot(u.UnknownRaw)), jen.Nil()),
	)
}

// genDecoder picks the variant by the discriminator; anything else is kept
// as the unknown variant, never guessed.
func (g *gen) genDecoder(f *jen.File, t *ir.Type) {
	u := t.Union
	cases := make([]jen.Code, 0, len(u.Variants))
	for _, v := range u.Variants {
		values := make([]jen.Code, len(v.Values))
		for i, value := range v.Values {
			values[i] = jen.Lit(value)
		}
		cases = append(cases, jen.Case(values...).Block(jen.Id("out").Op("=").New(jen.Id(v.GoName))))
	}
	addDoc(f, u.Decoder+" decodes JSON into a "+t.Name+", choosing the variant by its "+u.Discriminator+
		"; a missing or unknown value gives *"+u.Unknown+". Use it where encoding/json cannot: "+t.Name+" is an interface.", "")
	f.Func().Id(u.Decoder).Params(jen.Id("data").Index().Byte()).Params(jen.Id(t.Name), jen.Error()).Block(
		jen.List(jen.Id("value"), jen.Id("found"), jen.Err()).Op(":=").Id("discriminatorValue").Call(jen.Id("data"), jen.Lit(u.Discriminator)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("atlas: decoding "+t.Name+": %w"), jen.Err())),
		),
		jen.Var().Id("out").Id(t.Name),
		jen.If(jen.Id("found")).Block(jen.Switch(jen.Id("value")).Block(cases...)),
		jen.If(jen.Id("out").Op("==").Nil()).Block(
			jen.Return(jen.Op("&").Id(u.Unknown).Values(jen.Dict{
				jen.Id(u.UnknownValue): jen.Id("value"),
				jen.Id(u.UnknownRaw):   jen.Qual("bytes", "Clone").Call(jen.Id("data")),
			}), jen.Nil()),
		),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Id("out")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("atlas: decoding "+t.Name+" "+u.Discriminator+" %q: %w"), jen.Id("value"), jen.Err())),
		),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
}
