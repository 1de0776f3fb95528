package generate

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

// FuzzGenerate runs the whole pipeline — load, normalize, emit — on any
// bytes: it must return files or an error, never panic or hang, and the
// files it returns must parse as Go. The seeds are every golden spec, so
// `go test` runs each through it; `go test -fuzz FuzzGenerate
// ./internal/generate` explores from them (README, "Fuzzing").
func FuzzGenerate(f *testing.F) {
	specs, _ := filepath.Glob("../../testdata/golden/*/spec.yaml")
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{"", "{}", "[]", "openapi: 3.0.3", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/x: {get: {responses: {'200': {description: ok}}}}}",
		"a: &a [*a]", "\xef\xbb\xbfopenapi: 3.0.3",
		// A $ref to a scalar and a schema that is an alias (once panics in the cycle check).
		"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/x: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/info/title'}}}}}}}}",
		"openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-base: &b {type: string}\npaths: {/x: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}\ncomponents: {schemas: {A: *b}}", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: [string, 'null']}}}"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := DefaultOptions()
		opts.Package = "atlas"
		res, err := Run(Doc("spec.yaml", data), opts)
		if err != nil {
			return
		}
		for _, file := range res.Files {
			if _, err := parser.ParseFile(token.NewFileSet(), file.Path, file.Data, parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v", file.Path, err)
			}
		}
	})
}
