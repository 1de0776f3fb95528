package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/templates"
)

// emitterWords are the identifiers the emitter itself writes — locals,
// parameters and the methods every model has. Everything else a generated
// file names must come from the namer (the IR), the runtime, Go itself or
// an imported package: spec text that escaped a comment or a string
// literal would show up as an identifier outside all of them.
var emitterWords = strings.Fields(`
	atlas aux body c ctx data e e0 e1 e2 err fetch i0 i1 i2 k0 k1 k2 m ok p params path plain raw res resp v val val1 val2
	Discriminator Validate validate MarshalJSON UnmarshalJSON String IsKnown encode
`)

// TestGoldenIdentifiersComeFromTheNamer parses every golden package:
// each identifier it uses is one the namer handed out (or the runtime's,
// Go's, an import's or the emitter's own), no comment is a directive, and
// no control or invisible format character (bidi controls, a BOM) is
// anywhere in the source — string literals carry them escaped.
func TestGoldenIdentifiersComeFromTheNamer(t *testing.T) {
	root, _ := filepath.Abs("../../testdata/golden")
	cases, _ := filepath.Glob(filepath.Join(root, "*", "want"))
	if len(cases) == 0 {
		t.Fatal("no golden packages")
	}
	fixed := map[string]bool{}
	for _, w := range emitterWords {
		fixed[w] = true
	}
	for _, f := range templates.Files() {
		for _, id := range sourceIdents(t, f.Name, f.Source) {
			fixed[id] = true
		}
	}
	for _, want := range cases {
		dir := filepath.Dir(want)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			allowed := namerNames(t, dir)
			for name := range fixed {
				allowed[name] = true
			}
			checkGoldenPackage(t, want, allowed)
		})
	}
}

func checkGoldenPackage(t *testing.T, dir string, allowed map[string]bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 || !strings.HasSuffix(e.Name(), ".go") {
			continue // runtime files: the templates, checked once
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		checkCharacters(t, e.Name(), data)
		file, err := parser.ParseFile(token.NewFileSet(), e.Name(), data, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s does not parse: %v", e.Name(), err)
		}
		checkComments(t, e.Name(), file)
		for _, id := range fileIdents(file) {
			if !allowed[id] && !isPredeclared(id) {
				t.Errorf("%s: identifier %q is not one the namer handed out", e.Name(), id)
			}
		}
	}
}

func checkCharacters(t *testing.T, name string, data []byte) {
	t.Helper()
	for i, r := range string(data) {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || !unicode.IsGraphic(r)) {
			t.Errorf("%s: byte %d holds %U raw", name, i, r)
			return
		}
	}
}

// checkComments refuses directives: //go:…, //line, //export, //extern,
// build constraints, and cgo's preamble marker.
func checkComments(t *testing.T, name string, file *ast.File) {
	t.Helper()
	for _, group := range file.Comments {
		for _, c := range group.List {
			for _, bad := range []string{"//go:", "//line ", "//export ", "//extern ", "//+build", "// +build", "/*"} {
				if strings.HasPrefix(c.Text, bad) {
					t.Errorf("%s: comment %q is a directive", name, c.Text)
				}
			}
		}
	}
}

// fileIdents lists the identifiers a file uses outside its imports, leaving
// out the member names of imported packages (json.Marshal's Marshal).
func fileIdents(file *ast.File) []string {
	imports := map[string]bool{}
	for _, imp := range file.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports[name] = true
	}
	var out []string
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			return false
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && imports[x.Name] {
				return false
			}
		case *ast.Ident:
			out = append(out, n.Name)
		}
		return true
	})
	return out
}

func sourceIdents(t *testing.T, name string, src []byte) []string {
	file, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			out = append(out, id.Name)
		}
		return true
	})
	return out
}

func isPredeclared(id string) bool {
	return token.IsKeyword(id) || types.Universe.Lookup(id) != nil
}

// namerNames parses a golden case as TestGolden runs it and collects every
// Go name the IR hands out.
func namerNames(t *testing.T, dir string) map[string]bool {
	t.Helper()
	opts := generate.DefaultOptions()
	opts.Spec = "spec.yaml"
	if data, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
		if err := json.Unmarshal(data, &opts); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, opts.Spec))
	if err != nil {
		t.Fatal(err)
	}
	api, err := generate.Parse(generate.Doc(opts.Spec, data), opts)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	collectNames(reflect.ValueOf(api), names, map[uintptr]bool{})
	return names
}

// irNameFields are the IR's fields that hold Go identifiers.
var irNameFields = map[string]bool{"GoName": true, "Table": true, "Unknown": true, "UnknownValue": true, "UnknownRaw": true,
	"Seal": true, "Decoder": true, "Var": true, "DiscField": true, "Envelope": true, "PageParam": true, "SizeParam": true,
	"Results": true, "Total": true, "Interface": true}

func collectNames(v reflect.Value, names map[string]bool, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		collectNames(v.Elem(), names, seen)
	case reflect.Slice:
		for i := range v.Len() {
			collectNames(v.Index(i), names, seen)
		}
	case reflect.Struct:
		typ := v.Type()
		for i := range v.NumField() {
			f := typ.Field(i)
			holdsName := irNameFields[f.Name] || f.Name == "Name" && (typ == reflect.TypeOf(ir.Type{}) || typ == reflect.TypeOf(ir.TypeRef{})) ||
				f.Name == "Method" && typ == reflect.TypeOf(ir.Union{})
			if holdsName && f.Type.Kind() == reflect.String {
				names[v.Field(i).String()] = true
				continue
			}
			collectNames(v.Field(i), names, seen)
		}
	}
}
