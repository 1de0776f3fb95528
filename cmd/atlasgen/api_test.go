package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"testing"
)

// TestAPIHasEveryClientMethod: in the snapshot and every golden package,
// the API interface lists exactly the exported methods of *Client (the
// compiler checks that the client implements it; this checks that it
// leaves none out).
func TestAPIHasEveryClientMethod(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/golden/*/want")
	dirs = append(dirs, "../../generated/atlas")
	for _, dir := range dirs {
		client, api := clientAndAPI(t, dir)
		if len(client) == 0 {
			t.Errorf("%s: no client methods found", dir)
		}
		if !slices.Equal(client, api) {
			t.Errorf("%s: *Client has %v, API %v", dir, client, api)
		}
	}
}

// clientAndAPI are the sorted exported method names of *Client and of the
// API interface declared in dir.
func clientAndAPI(t *testing.T, dir string) (client, api []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if star, ok := receiverType(d); ok && star == "Client" && d.Name.IsExported() {
					client = append(client, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					api = append(api, interfaceMethods(s)...)
				}
			}
		}
	}
	slices.Sort(client)
	slices.Sort(api)
	return client, api
}

// interfaceMethods are the methods of the client's interface, when s
// declares it (ClientAPI where a schema is named API).
func interfaceMethods(s ast.Spec) []string {
	ts, ok := s.(*ast.TypeSpec)
	if !ok || ts.Name.Name != "API" && ts.Name.Name != "ClientAPI" {
		return nil
	}
	iface, ok := ts.Type.(*ast.InterfaceType)
	if !ok {
		return nil
	}
	var out []string
	for _, m := range iface.Methods.List {
		out = append(out, m.Names[0].Name)
	}
	return out
}

func receiverType(d *ast.FuncDecl) (string, bool) {
	if d.Recv == nil || len(d.Recv.List) != 1 {
		return "", false
	}
	star, ok := d.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return "", false
	}
	if id, ok := star.X.(*ast.Ident); ok {
		return id.Name, true
	}
	return "", false
}
