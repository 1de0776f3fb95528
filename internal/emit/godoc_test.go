package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"testing"

	"github.com/atlasgen/atlasgen/spec"
)

// TestGodocOnEveryExportedName parses generated packages and requires a doc
// comment on every exported type, function, method, constant, variable and
// struct field.
func TestGodocOnEveryExportedName(t *testing.T) {
	inputs := map[string][]byte{"spec": spec.Document(), "blank-description": []byte(blankDescription)}
	for _, c := range []string{"nested-unions", "rules-synthetic", "lookahead-cidr"} {
		data, err := os.ReadFile("../../testdata/golden/" + c + "/spec.yaml")
		if err != nil {
			t.Fatal(err)
		}
		inputs[c] = data
	}
	for name, data := range inputs {
		for _, f := range emitFile(t, name+".yaml", data) {
			file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			for _, missing := range undocumented(file) {
				t.Errorf("%s/%s: %s has no doc comment", name, f.Path, missing)
			}
		}
	}
}

// blankDescription has a property described by blanks only: its field is
// documented all the same.
const blankDescription = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: string, description: "  \n\t  "}
      responses:
        "204": {description: done}
`

func undocumented(file *ast.File) []string {
	var out []string
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && d.Doc == nil {
				out = append(out, "func "+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() && d.Doc == nil && s.Doc == nil {
						out = append(out, "type "+s.Name.Name)
					}
					out = append(out, undocumentedFields(s)...)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && d.Doc == nil && s.Doc == nil {
							out = append(out, "value "+n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

func undocumentedFields(s *ast.TypeSpec) []string {
	var list *ast.FieldList
	switch t := s.Type.(type) {
	case *ast.StructType:
		list = t.Fields
	case *ast.InterfaceType:
		list = t.Methods
	default:
		return nil
	}
	var out []string
	for _, f := range list.List {
		for _, n := range f.Names {
			if n.IsExported() && f.Doc == nil {
				out = append(out, s.Name.Name+"."+n.Name)
			}
		}
	}
	return out
}
