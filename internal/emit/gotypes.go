package emit

import (
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// goType is the Go type of a reference, without the optional pointer.
func goType(r ir.TypeRef) *jen.Statement {
	switch r.Kind {
	case ir.RefString:
		return jen.String()
	case ir.RefBool:
		return jen.Bool()
	case ir.RefInt32:
		return jen.Int32()
	case ir.RefInt64:
		return jen.Int64()
	case ir.RefFloat64:
		return jen.Float64()
	case ir.RefTime:
		return jen.Qual("time", "Time")
	case ir.RefNamed:
		return jen.Id(r.Name)
	case ir.RefArray:
		return jen.Index().Add(goType(*r.Elem))
	case ir.RefMap:
		return jen.Map(jen.String()).Add(goType(*r.Elem))
	case ir.RefRaw:
		return jen.Qual("encoding/json", "RawMessage")
	}
	return jen.Any()
}

// fieldType is the declared Go type of a field.
func (g *gen) fieldType(required bool, r ir.TypeRef) *jen.Statement {
	if ir.ByPointer(required, r) {
		return jen.Op("*").Add(goType(r))
	}
	return goType(r)
}

// jsonTag is a field's json tag. Optional slices and maps use omitzero, so
// an empty non-nil slice is still sent as [] (Atlas tells "empty" from
// "absent", e.g. dnsSubDomain).
func (g *gen) jsonTag(name string, required bool, r ir.TypeRef) map[string]string {
	switch {
	case required && !r.Nullable:
		return map[string]string{"json": name}
	case r.Kind == ir.RefArray || r.Kind == ir.RefMap || r.Kind == ir.RefRaw:
		return map[string]string{"json": name + ",omitzero"}
	}
	return map[string]string{"json": name + ",omitempty"}
}

// structFields declares fields with their doc comments.
func (g *gen) structFields(fields []ir.Field) []jen.Code {
	var out []jen.Code
	for _, f := range fields {
		first := f.GoName + " is the " + f.JSONName + " property."
		if f.Required {
			first = f.GoName + " is the " + f.JSONName + " property (required)."
		}
		if f.ReadOnly {
			first += " The server sets it; requests never carry it."
		}
		out = append(out, docCode(first, deprecated(f.Description, f.Deprecated))...)
		out = append(out, jen.Id(f.GoName).Add(g.fieldType(f.Required, f.Type)).Tag(g.jsonTag(f.JSONName, f.Required, f.Type)))
	}
	return out
}

// deprecated appends the Go deprecation paragraph when the spec marks it.
func deprecated(description string, dep bool) string {
	if !dep {
		return description
	}
	if description != "" {
		description += "\n\n"
	}
	return description + "Deprecated: the API marks this as deprecated."
}

func typesOfKind(api *ir.API, k ir.Kind) []*ir.Type {
	var out []*ir.Type
	for _, t := range api.Types {
		if t.Kind == k {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
