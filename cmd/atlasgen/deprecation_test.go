package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestDeprecationsReachGodoc parses the deprecations golden as tools read
// it: the deprecated operation, parameter and properties carry a
// "Deprecated:" paragraph (with the sunset date where the spec has one),
// which staticcheck and editors flag; the rest do not.
func TestDeprecationsReachGodoc(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), "../../testdata/golden/deprecations/want", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{}
	for _, file := range pkgs["atlas"].Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				docs[n.Name.Name] = n.Doc.Text()
			case *ast.GenDecl:
				if len(n.Specs) == 1 {
					if ts, ok := n.Specs[0].(*ast.TypeSpec); ok {
						docs["type "+ts.Name.Name] = n.Doc.Text()
					}
				}
			case *ast.TypeSpec:
				if st, ok := n.Type.(*ast.StructType); ok {
					for _, f := range st.Fields.List {
						for _, name := range f.Names {
							docs[n.Name.Name+"."+name.Name] = f.Doc.Text()
						}
					}
				}
			}
			return true
		})
	}
	deprecation := func(doc string) string {
		for _, para := range strings.Split(doc, "\n\n") {
			if strings.HasPrefix(para, "Deprecated: ") {
				return strings.TrimSpace(para)
			}
		}
		return ""
	}
	for name, want := range map[string]string{
		"ListThings":                    "Deprecated: the API marks this as deprecated; Atlas removes it on 2026-07-31.",
		"ListThingsParams.LegacyFilter": "Deprecated: the API marks this as deprecated; Atlas removes it on 2026-01-15.",
		"Thing.OldName":                 "Deprecated: the API marks this as deprecated; Atlas removes it on 2026-03-01.",
		"Thing.Retired":                 "Deprecated: the API marks this as deprecated.",
		"ListThingsParams.OddSunset":    "",
		"Thing.Name":                    "",
	} {
		if got := deprecation(docs[name]); got != want {
			t.Errorf("%s: deprecation %q, want %q (doc %q)", name, got, want, docs[name])
		}
	}
}
