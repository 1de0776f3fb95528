package emit

import (
	"sort"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// goType is the Go type of a reference, without the optional pointer: a
// nullable one is a Nullable of its value type.
func goType(r ir.TypeRef) *jen.Statement {
	if r.InNullable() {
		return jen.Id("Nullable").Types(nullableValue(r, valueType))
	}
	return valueType(r)
}

// nullableValue is the type a Nullable of r holds, spelled by spell: a
// boxed struct by pointer, to end the recursion it closes.
func nullableValue(r ir.TypeRef, spell func(ir.TypeRef) *jen.Statement) *jen.Statement {
	if r.Boxed {
		return jen.Op("*").Add(spell(r))
	}
	return spell(r)
}

// valueType is the Go type of a reference's value.
func valueType(r ir.TypeRef) *jen.Statement {
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

// jsonTag is a field's json tag. A required field is always sent (a
// Nullable left zero sends null). Optional slices, maps and Nullables use
// omitzero, so an empty non-nil slice is still sent as [] (Atlas tells
// "empty" from "absent", e.g. dnsSubDomain) and only an absent Nullable is
// left out.
func (g *gen) jsonTag(f ir.Field) map[string]string {
	name, required, r := f.JSONName, f.Required, f.Type
	if f.Untagged {
		return map[string]string{"json": "-"} // MarshalJSON and UnmarshalJSON carry it
	}
	if name == "-" {
		name = "-," // encoding/json reads a bare "-" as "leave the field out"
	}
	switch {
	case required:
		return map[string]string{"json": name}
	case r.InNullable() || r.Kind == ir.RefArray || r.Kind == ir.RefMap || r.Kind == ir.RefRaw:
		return map[string]string{"json": name + ",omitzero"}
	}
	return map[string]string{"json": name + ",omitempty"}
}

// structFields declares fields with their doc comments.
func (g *gen) structFields(fields []ir.Field) []jen.Code {
	var out []jen.Code
	for _, f := range fields {
		out = append(out, docCode(fieldLead(f), deprecated(f.Description, f.Deprecated, f.Sunset))...)
		out = append(out, jen.Id(f.GoName).Add(g.fieldType(f.Required, f.Type)).Tag(g.jsonTag(f)))
	}
	return out
}

// fieldLead is the sentence a field's doc comment opens with: what the
// spec's description cannot say (required, set by the server), or, for a
// field with nothing to say at all, its JSON name. The json tag names the
// property already, so a described optional field opens with its
// description.
func fieldLead(f ir.Field) string {
	switch {
	case f.ReadOnly && f.Required:
		return "The server always sets " + f.GoName + "; requests never carry it."
	case f.ReadOnly:
		return "The server sets " + f.GoName + "; requests never carry it."
	case f.Required && f.Type.InNullable():
		return f.GoName + " is required and may be null: left zero, it sends null."
	case f.Required:
		return f.GoName + " is required."
	case len(commentLines(f.Description)) == 0: // nothing, or only blanks
		if !plainName(f.JSONName) {
			return f.GoName + " is the " + strconv.Quote(f.JSONName) + " property."
		}
		return f.GoName + " is the " + f.JSONName + " property."
	}
	return ""
}

// deprecated appends the Go deprecation paragraph when the spec marks it
// deprecated or sets its sunset date, so staticcheck and editors flag uses.
func deprecated(description string, dep bool, sunset string) string {
	if !dep && sunset == "" {
		return description
	}
	if description != "" {
		description += "\n\n"
	}
	switch {
	case sunset != "" && dep:
		return description + "Deprecated: the API marks this as deprecated; Atlas removes it on " + sunset + "."
	case sunset != "":
		return description + "Deprecated: Atlas removes this on " + sunset + "."
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
