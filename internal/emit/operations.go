package emit

import (
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/atlasgen/atlasgen/internal/ir"
)

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
		fields = append(fields, docCode(first, deprecated(p.Description, p.Deprecated, p.Sunset))...)
		fields = append(fields, jen.Id(p.GoName).Add(g.fieldType(p.Required, p.Type)))
	}
	f.Type().Id(ps.GoName).Struct(fields...)
}

// genEncode writes encode: query and header parameters go to the
// runtime's encoder (github.com/oapi-codegen/runtime styling), path
// parameters are escaped into the returned path.
//
//	func (p *Params) encode(e *encoder) string {
//		e.add("pretty", p.Pretty)
//		return "/groups/" + e.path("groupId", p.GroupID) + "/peers"
//	}
func (g *gen) genEncode(f *jen.File, op *ir.Operation) {
	ps := op.Params
	var body []jen.Code
	for _, p := range ps.Params {
		switch p.In {
		case "query":
			body = append(body, jen.Id("e").Dot("add").Call(jen.Lit(p.Name), jen.Id("p").Dot(p.GoName)))
		case "header":
			body = append(body, jen.Id("e").Dot("header").Call(jen.Lit(p.Name), jen.Id("p").Dot(p.GoName)))
		}
	}
	var path *jen.Statement
	for _, part := range op.PathParts {
		code := jen.Lit(part.Literal)
		if part.Param >= 0 {
			p := ps.Params[part.Param]
			value := jen.Id("p").Dot(p.GoName)
			if ir.ByPointer(p.Required, p.Type) {
				value = jen.Op("*").Add(value)
			}
			code = jen.Id("e").Dot("path").Call(jen.Lit(p.Name), value)
		} else if part.Literal == "" {
			continue
		}
		if path == nil {
			path = jen.Add(code)
		} else {
			path = path.Op("+").Add(code)
		}
	}
	if path == nil {
		path = jen.Lit("")
	}
	body = append(body, jen.Return(path))
	f.Comment("// encode hands query and header parameters to e and returns the expanded path.")
	f.Func().Params(jen.Id("p").Op("*").Id(ps.GoName)).Id("encode").Params(jen.Id("e").Op("*").Id("encoder")).String().Block(body...)
}
