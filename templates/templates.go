// Package templates holds the spec-independent runtime copied into every
// generated snapshot: the client core, API errors, validation helpers and
// union helpers. The files are Go source kept under a .go.tmpl name so that
// `go build ./...` does not compile them here; the emitter rewrites their
// package clause and adds the generated-code header. A snapshot therefore
// depends only on the libraries these files import, never on atlasgen.
package templates

import (
	"embed"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.go.tmpl
var files embed.FS

//go:embed fake/*.go.tmpl
var fakeFiles embed.FS

// File is one runtime source file.
type File struct {
	Name   string // output file name, e.g. client.go
	Source []byte // Go source declaring `package atlas`
}

// Files returns the runtime files sorted by name.
func Files() []File {
	entries, _ := fs.ReadDir(files, ".")
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		data, _ := fs.ReadFile(files, e.Name())
		out = append(out, File{Name: strings.TrimSuffix(e.Name(), ".tmpl"), Source: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FakeFiles returns the runtime of the atlasfake sub-package (-fake),
// sorted by name: the server; the emitter adds the operations table.
func FakeFiles() []File {
	entries, _ := fs.ReadDir(fakeFiles, "fake")
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		data, _ := fs.ReadFile(fakeFiles, "fake/"+e.Name())
		out = append(out, File{Name: strings.TrimSuffix(e.Name(), ".tmpl"), Source: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FakeIdentifiers are the exported names the atlasfake runtime declares:
// no operation's constant may take one.
func FakeIdentifiers() []string {
	var names []string
	fset := token.NewFileSet()
	for _, f := range FakeFiles() {
		file, err := parser.ParseFile(fset, f.Name, f.Source, parser.SkipObjectResolution)
		if err != nil {
			panic("templates: fake runtime file " + f.Name + " does not parse: " + err.Error())
		}
		for _, decl := range file.Decls {
			for _, n := range declNames(decl) {
				if ast.IsExported(n) {
					names = append(names, n)
				}
			}
		}
	}
	return names
}

// Identifiers lists every package-level name the runtime declares, so the
// parser never gives a schema-derived type one of them.
func Identifiers() []string {
	var names []string
	fset := token.NewFileSet()
	for _, f := range Files() {
		file, err := parser.ParseFile(fset, f.Name, f.Source, parser.SkipObjectResolution)
		if err != nil {
			panic("templates: runtime file " + f.Name + " does not parse: " + err.Error())
		}
		for _, decl := range file.Decls {
			names = append(names, declNames(decl)...)
		}
	}
	sort.Strings(names)
	return names
}

func declNames(decl ast.Decl) []string {
	var names []string
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}
