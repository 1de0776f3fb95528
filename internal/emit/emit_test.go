package emit

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
	iparser "github.com/atlasgen/atlasgen/internal/parser"
	"github.com/atlasgen/atlasgen/spec"
	"github.com/atlasgen/atlasgen/templates"
)

func emitFile(t *testing.T, name string, data []byte) []File {
	t.Helper()
	api, err := iparser.Parse(name, data, iparser.Options{Reserved: templates.Identifiers()})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Emit(api, Options{Package: "atlas"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestNoSpecTextBecomesCode generates from a spec full of comment
// terminators, directives and quotes, then parses the output: no directive
// line, no build constraint, and no declaration or call the spec smuggled in.
func TestNoSpecTextBecomesCode(t *testing.T) {
	data, err := os.ReadFile("../../testdata/golden/injection/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range emitFile(t, "spec.yaml", data) {
		for i, line := range strings.Split(string(f.Data), "\n") {
			l := strings.TrimSpace(line)
			for _, bad := range []string{"//go:", "//line ", "//export ", "//extern ", "//+build", "// +build"} {
				if strings.HasPrefix(l, bad) {
					t.Errorf("%s:%d is a directive: %q", f.Path, i+1, line)
				}
			}
		}
		file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s does not parse: %v", f.Path, err)
		}
		if file.Name.Name != "atlas" {
			t.Errorf("%s: package %s", f.Path, file.Name.Name)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == "init" {
					t.Errorf("%s declares init", f.Path)
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" && f.Path != "templates.go" {
					t.Errorf("%s calls panic", f.Path)
				}
			}
			return true
		})
	}
}

func TestCommentLines(t *testing.T) {
	got := commentLines("first\r\nsecond */ x\n\n\n+build linux\n  //go:generate y\u2028z\x00")
	want := []string{"// first", "// second */ x", "//", "// + build linux", "//   //go:generate y z "}
	want[4] = "//   //go:generate y z"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	got = commentLines("a\u202eb\u202c \u2066c\u2069 d\ufeffe\u200bf \u00a0g\u0085h é")
	want = []string{"// aU+202EbU+202C U+2066cU+2069 dU+FEFFeU+200Bf \u00a0g h é"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("invisible characters (-want +got):\n%s", diff)
	}
}

// TestEveryFileCarriesTheHeader checks the header line and gofmt'd,
// timestamp-free output for the default spec.
func TestEveryFileCarriesTheHeader(t *testing.T) {
	for _, f := range emitFile(t, spec.FileName, spec.Document()) {
		if !strings.HasPrefix(string(f.Data), Header+"\n") {
			t.Errorf("%s lacks the header", f.Path)
		}
		if strings.Contains(string(f.Data), "atlasgen version") || strings.Contains(string(f.Data), "Generated at") {
			t.Errorf("%s carries a version or timestamp", f.Path)
		}
	}
}

func TestEmitRefusesBadPackageAndIdentifiers(t *testing.T) {
	if _, err := Emit(&ir.API{}, Options{Package: "func"}); err == nil {
		t.Error("keyword package name accepted")
	}
	api := &ir.API{Types: []*ir.Type{{Name: "Bad Name", Kind: ir.KindStruct}}}
	if _, err := Emit(api, Options{Package: "atlas"}); err == nil {
		t.Error("a non-identifier type name was emitted")
	}
}

// TestOperationFilesAlwaysBuild proves no tag can give an operations file a
// GOOS/GOARCH or _test suffix that would drop it from the build.
func TestOperationFilesAlwaysBuild(t *testing.T) {
	api := &ir.API{}
	for i, tag := range []string{"Maintenance Windows", "amd64", "Test", "Linux", "", "JS/wasm"} {
		api.Operations = append(api.Operations, &ir.Operation{ID: "op", GoName: "Op" + itoa(i), Method: "GET", Path: "/x", Tag: tag,
			Accept: "application/json", Params: &ir.ParamSet{GoName: "Op" + itoa(i) + "Params"}})
	}
	files, err := Emit(api, Options{Package: "atlas"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(dir+"/"+f.Path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if ok, err := build.Default.MatchFile(dir, f.Path); err != nil || !ok {
			t.Errorf("%s would be left out of the build (%v)", f.Path, err)
		}
	}
}
