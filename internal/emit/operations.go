package emit

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

const runtimePkg = "github.com/oapi-codegen/runtime"

// operationParts writes, per operation, its parameter struct with an encoder
// and the client method.
//
//	type CreateGroupPeerParams struct{ GroupID string; Envelope *bool; ... }
//	func (c *Client) CreateGroupPeer(ctx, params, body) (Result, error)
//
// Operations go to one file per tag (cloud_backups_operations.go), so a
// large API stays navigable and its files render in parallel.
func (g *gen) operationParts() []part {
	byFile := map[string][]*ir.Operation{}
	for _, op := range g.api.Operations {
		name := "operations.go"
		if tag := fileWord(op.Tag); tag != "" {
			// The tag leads and "_operations" ends the name, so no tag can
			// form a build-constraint suffix (maintenance_windows.go builds
			// only on Windows).
			name = tag + "_operations.go"
		}
		byFile[name] = append(byFile[name], op)
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]part, 0, len(names))
	for _, name := range names {
		ops := byFile[name]
		parts = append(parts, part{name, func(f *jen.File) {
			for _, op := range ops {
				g.genParams(f, op)
				g.genEncode(f, op)
				g.genMethod(f, op)
			}
		}})
	}
	return parts
}

// fileWord turns a tag into a file-name word: "Cloud Backups" → cloud_backups.
func fileWord(tag string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(tag) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

func (g *gen) genParams(f *jen.File, op *ir.Operation) {
	ps := op.Params
	addDoc(f, ps.GoName+" holds the parameters of "+op.GoName+".", "")
	var fields []jen.Code
	for _, p := range ps.Params {
		first := p.GoName + " is the " + p.In + " parameter " + p.Name + "."
		if p.Required {
			first = p.GoName + " is the " + p.In + " parameter " + p.Name + " (required)."
		}
		fields = append(fields, docCode(first, p.Description)...)
		fields = append(fields, jen.Id(p.GoName).Add(g.fieldType(p.Required, p.Type)))
	}
	f.Type().Id(ps.GoName).Struct(fields...)
}

var pathVar = regexp.MustCompile(`\{([^}]+)\}`)

// genEncode writes encode: the escaped path and the styled query string,
// both through github.com/oapi-codegen/runtime.
func (g *gen) genEncode(f *jen.File, op *ir.Operation) {
	ps := op.Params
	byName := map[string]ir.Param{}
	for _, p := range ps.Params {
		byName[p.In+":"+p.Name] = p
	}
	var body []jen.Code
	fail := func(name string) jen.Code {
		return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Lit(""),
			jen.Qual("fmt", "Errorf").Call(jen.Lit("atlas: params."+name+": %w"), jen.Err())))
	}
	// Split the template into literal text and escaped variables.
	var parts []jen.Code
	last := 0
	for i, m := range pathVar.FindAllStringSubmatchIndex(op.Path, -1) {
		name := op.Path[m[2]:m[3]]
		p := byName["path:"+name]
		local := "p" + strconv.Itoa(i)
		value := jen.Id("p").Dot(p.GoName)
		if g.pointer(p.Required, p.Type) {
			value = jen.Op("*").Add(value)
		}
		body = append(body,
			jen.List(jen.Id(local), jen.Err()).Op(":=").Qual(runtimePkg, "StyleParamWithLocation").Call(
				jen.Lit("simple"), jen.False(), jen.Lit(name), jen.Qual(runtimePkg, "ParamLocationPath"), value),
			fail(name))
		parts = append(parts, jen.Lit(op.Path[last:m[0]]), jen.Id(local))
		last = m[1]
	}
	parts = append(parts, jen.Lit(op.Path[last:]))
	path := parts[0].(*jen.Statement)
	for _, p := range parts[1:] {
		path = jen.Add(path).Op("+").Add(p)
	}
	body = append(body, jen.Var().Id("query").Index().String())
	for _, p := range ps.Params {
		if p.In != "query" {
			continue
		}
		value := jen.Id("p").Dot(p.GoName)
		encode := []jen.Code{
			jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(runtimePkg, "StyleParamWithLocation").Call(
				jen.Lit("form"), jen.True(), jen.Lit(p.Name), jen.Qual(runtimePkg, "ParamLocationQuery"), value.Clone()),
			fail(p.Name),
			jen.Id("query").Op("=").Append(jen.Id("query"), jen.Id("s")),
		}
		if cond := g.presentCond(value, p.Required, p.Type); cond != nil {
			if g.pointer(p.Required, p.Type) {
				encode[0] = jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(runtimePkg, "StyleParamWithLocation").Call(
					jen.Lit("form"), jen.True(), jen.Lit(p.Name), jen.Qual(runtimePkg, "ParamLocationQuery"), jen.Op("*").Add(value.Clone()))
			}
			body = append(body, jen.If(cond).Block(encode...))
		} else {
			body = append(body, jen.Block(encode...))
		}
	}
	body = append(body, jen.Return(path, jen.Qual("strings", "Join").Call(jen.Id("query"), jen.Lit("&")), jen.Nil()))
	f.Comment("// encode expands the path template and builds the query string.")
	f.Func().Params(jen.Id("p").Op("*").Id(ps.GoName)).Id("encode").Params().Params(jen.String(), jen.String(), jen.Error()).Block(body...)
}

// presentCond is the condition for sending an optional value, nil when it
// is always sent.
func (g *gen) presentCond(x *jen.Statement, required bool, r ir.TypeRef) *jen.Statement {
	if g.pointer(required, r) || r.Kind == ir.RefArray || r.Kind == ir.RefMap {
		return x.Clone().Op("!=").Nil()
	}
	return nil
}
