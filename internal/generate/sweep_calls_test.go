package generate

import (
	"fmt"
	"go/format"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// sweepCallers writes the driver's table of callers: for every operation, a
// function that decodes the case's params (by Go field name) and body (the
// way a user would build it: encoding/json, or the union's decoder) into
// the operation's Go types and calls its method.
//
//	"CreateGroupPeer": func(ctx context.Context, c *Client, params, body []byte) (any, error) {
//		var p CreateGroupPeerParams
//		...
//		return c.CreateGroupPeer(ctx, p, b)
//	},
func sweepCallers(api *ir.API, pkg string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"io\"\n\t\"time\"\n)\n\n", pkg)
	b.WriteString("var _ = time.Time{}\nvar _ io.Reader\n\nvar sweepCalls = map[string]sweepCall{\n")
	for _, op := range api.Operations {
		fmt.Fprintf(&b, "%q: func(ctx context.Context, c *Client, params, body []byte) (any, error) {\n", op.GoName)
		fmt.Fprintf(&b, "var p %s\nif err := json.Unmarshal(params, &p); err != nil { return nil, fmt.Errorf(\"sweep: params: %%w\", err) }\n", op.Params.GoName)
		args := "ctx, p"
		if op.Body != nil {
			b.WriteString(bodyDecoder(op.Body.Type))
			args += ", b"
		}
		call := fmt.Sprintf("c.%s(%s)", op.GoName, args)
		switch resultShape(op) {
		case "none":
			fmt.Fprintf(&b, "return nil, %s\n", call)
		case "stream":
			fmt.Fprintf(&b, "r, err := %s\nif r != nil { io.Copy(io.Discard, r); r.Close() }\nreturn nil, err\n", call)
		default:
			fmt.Fprintf(&b, "return %s\n", call)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	out, err := format.Source([]byte(b.String()))
	if err != nil {
		panic(fmt.Sprintf("sweep callers do not format: %v\n%s", err, b.String()))
	}
	return out
}

// bodyDecoder declares b, the body as the method takes it, decoded from
// the case's JSON; an empty body leaves b at its zero value (nil). The IR
// says which bodies need a union's decoder, as it tells the emitter.
func bodyDecoder(r ir.TypeRef) string {
	switch {
	case r.IsStruct():
		return fmt.Sprintf("var b *%s\nif len(body) > 0 { b = new(%s); if err := json.Unmarshal(body, b); err != nil { return nil, fmt.Errorf(\"sweep: body: %%w\", err) } }\n", r.Name, r.Name)
	case r.NeedsDecoder():
		return fmt.Sprintf("var b %s\nif len(body) > 0 { var err error; if b, err = %s; err != nil { return nil, fmt.Errorf(\"sweep: body: %%w\", err) } }\n",
			goTypeExpr(r), decodeExpr(r, "body"))
	}
	return fmt.Sprintf("var b %s\nif len(body) > 0 { if err := json.Unmarshal(body, &b); err != nil { return nil, fmt.Errorf(\"sweep: body: %%w\", err) } }\n", goTypeExpr(r))
}

// decodeExpr decodes arg into a union, or slices and maps of them, with the
// package's decoders.
func decodeExpr(r ir.TypeRef, arg string) string {
	switch r.Kind {
	case ir.RefArray:
		return fmt.Sprintf("decodeList(%s, func(b []byte) (%s, error) { return %s })", arg, goTypeExpr(*r.Elem), decodeExpr(*r.Elem, "b"))
	case ir.RefMap:
		return fmt.Sprintf("decodeMap(%s, func(b []byte) (%s, error) { return %s })", arg, goTypeExpr(*r.Elem), decodeExpr(*r.Elem, "b"))
	}
	return fmt.Sprintf("%s(%s)", r.Type.Union.Decoder, arg)
}

// goTypeExpr is the Go type of a reference as the generated package spells
// it (structs by value, as in slices and fields).
func goTypeExpr(r ir.TypeRef) string {
	switch r.Kind {
	case ir.RefString:
		return "string"
	case ir.RefBool:
		return "bool"
	case ir.RefInt32:
		return "int32"
	case ir.RefInt64:
		return "int64"
	case ir.RefFloat64:
		return "float64"
	case ir.RefTime:
		return "time.Time"
	case ir.RefNamed:
		return r.Name
	case ir.RefArray:
		return "[]" + goTypeExpr(*r.Elem)
	case ir.RefMap:
		return "map[string]" + goTypeExpr(*r.Elem)
	case ir.RefRaw:
		return "json.RawMessage"
	}
	return "any"
}
