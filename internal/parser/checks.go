package parser

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dlclark/regexp2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Document-level checks that warn but never stop generation.

var templateVar = regexp.MustCompile(`\{[^}]*\}`)

// checkPathConflicts warns about paths that differ only in the names of
// their template variables: a router cannot tell them apart.
func (b *builder) checkPathConflicts() {
	byShape := map[string]string{}
	for _, path := range sortedKeys(b.doc.Paths.Map()) {
		shape := templateVar.ReplaceAllString(path, "{}")
		if first, ok := byShape[shape]; ok {
			b.warn(ir.DiagPathConflict, join("#/paths", path), "templated path conflicts with %s: they match the same requests", first)
			continue
		}
		byShape[shape] = path
	}
}

// checkExamples validates every media-type example against its schema, as a
// request or a response, and warns about the ones that do not match.
func (b *builder) checkExamples() {
	for _, path := range sortedKeys(b.doc.Paths.Map()) {
		item := b.doc.Paths.Value(path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.GetOperation(method)
			ptr := join("#/paths", path, strings.ToLower(method))
			if op.RequestBody != nil && op.RequestBody.Value != nil && op.RequestBody.Ref == "" {
				b.checkContent(op.RequestBody.Value.Content, join(ptr, "requestBody", "content"), true)
			}
			for _, status := range sortedKeys(op.Responses.Map()) {
				if r := op.Responses.Value(status); r.Value != nil && r.Ref == "" {
					b.checkContent(r.Value.Content, join(ptr, "responses", status, "content"), false)
				}
			}
		}
	}
	// Shared responses and request bodies are checked once, where written.
	if c := b.doc.Components; c != nil {
		for _, name := range sortedKeys(c.Responses) {
			if r := c.Responses[name]; r != nil && r.Value != nil && r.Ref == "" {
				b.checkContent(r.Value.Content, join("#/components/responses", name, "content"), false)
			}
		}
		for _, name := range sortedKeys(c.RequestBodies) {
			if r := c.RequestBodies[name]; r != nil && r.Value != nil && r.Ref == "" {
				b.checkContent(r.Value.Content, join("#/components/requestBodies", name, "content"), true)
			}
		}
	}
}

func (b *builder) checkContent(c openapi3.Content, ptr string, request bool) {
	for _, media := range sortedKeys(c) {
		mt := c[media]
		if mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		at := join(ptr, media)
		if mt.Example != nil {
			b.checkExample(mt.Schema.Value, mt.Example, join(at, "example"), request)
		}
		for _, name := range sortedKeys(mt.Examples) {
			if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
				b.checkExample(mt.Schema.Value, ex.Value.Value, join(at, "examples", name, "value"), request)
			}
		}
	}
}

func (b *builder) checkExample(s *openapi3.Schema, value any, ptr string, request bool) {
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.SetSchemaRegexCompiler(CompilePattern)}
	if request {
		opts = append(opts, openapi3.VisitAsRequest())
	} else {
		opts = append(opts, openapi3.VisitAsResponse())
	}
	if err := s.VisitJSON(value, opts...); err != nil {
		msg := strings.ReplaceAll(err.Error(), "\n", " ")
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		b.warn(ir.DiagInvalidExample, ptr, "invalid example: %s", msg)
	}
}

// ecmaMatcher adapts regexp2 to kin-openapi's RegexMatcher.
type ecmaMatcher struct{ re *regexp2.Regexp }

func (m ecmaMatcher) MatchString(s string) bool {
	ok, err := m.re.MatchString(s)
	return err == nil && ok
}

// CompilePattern compiles a pattern as the generated validators enforce it:
// Go's RE2 where it compiles, regexp2 in ECMAScript mode (the dialect of
// OpenAPI patterns) where it does not. Examples are checked with it, and the
// fake Atlas judges requests with it.
func CompilePattern(expr string) (openapi3.RegexMatcher, error) {
	if re, err := regexp.Compile(expr); err == nil {
		return re, nil
	}
	re, err := regexp2.Compile(expr, regexp2.ECMAScript)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", expr, err)
	}
	return ecmaMatcher{re}, nil
}
