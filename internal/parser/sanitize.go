package parser

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// sanitize walks the whole document once, before anything reads it, and
// drops what contradicts the document itself, each with a located warning
// that says so: a default, enum value or example whose type is not the
// schema's (type: string, default: true), and media types atlasgen will
// not version by (a date that is no calendar date, a second spelling of
// one media type in another case). What is dropped is then used nowhere:
// not in validators, enum constants, page defaults, samples or versions.
func (b *builder) sanitize() {
	s := sanitizer{b: b, seen: map[*openapi3.Schema]bool{}}
	for _, path := range sortedKeys(b.doc.Paths.Map()) {
		item := b.doc.Paths.Value(path)
		at := join("#/paths", path)
		s.params(item.Parameters, join(at, "parameters"))
		for _, method := range sortedKeys(item.Operations()) {
			s.operation(item.GetOperation(method), join(at, strings.ToLower(method)))
		}
	}
	if c := b.doc.Components; c != nil {
		for _, name := range sortedKeys(c.Schemas) {
			s.schema(c.Schemas[name], &loc{abs: join("#/components/schemas", name)})
		}
		for _, name := range sortedKeys(c.Parameters) {
			if p := c.Parameters[name]; p != nil && p.Value != nil {
				s.schema(p.Value.Schema, &loc{abs: join("#/components/parameters", name, "schema")})
				s.content(p.Value.Content, join("#/components/parameters", name, "content"))
			}
		}
		for _, name := range sortedKeys(c.RequestBodies) {
			if r := c.RequestBodies[name]; r != nil && r.Value != nil {
				s.content(r.Value.Content, join("#/components/requestBodies", name, "content"))
			}
		}
		for _, name := range sortedKeys(c.Responses) {
			s.response(c.Responses[name], join("#/components/responses", name))
		}
		for _, name := range sortedKeys(c.Headers) {
			if h := c.Headers[name]; h != nil && h.Value != nil {
				s.schema(h.Value.Schema, &loc{abs: join("#/components/headers", name, "schema")})
			}
		}
	}
}

type sanitizer struct {
	b    *builder
	seen map[*openapi3.Schema]bool
}

func (s sanitizer) operation(op *openapi3.Operation, at string) {
	s.params(op.Parameters, join(at, "parameters"))
	if rb := op.RequestBody; rb != nil && rb.Value != nil && rb.Ref == "" {
		s.content(rb.Value.Content, join(at, "requestBody", "content"))
	}
	if op.Responses != nil {
		for _, status := range sortedKeys(op.Responses.Map()) {
			s.response(op.Responses.Value(status), join(at, "responses", status))
		}
	}
}

func (s sanitizer) params(ps openapi3.Parameters, at string) {
	for i, p := range ps {
		if p != nil && p.Value != nil && p.Ref == "" {
			s.schema(p.Value.Schema, &loc{abs: join(at, itoa(i), "schema")})
			s.content(p.Value.Content, join(at, itoa(i), "content"))
		}
	}
}

func (s sanitizer) response(r *openapi3.ResponseRef, at string) {
	if r == nil || r.Value == nil || r.Ref != "" {
		return
	}
	s.content(r.Value.Content, join(at, "content"))
	for _, name := range sortedKeys(r.Value.Headers) {
		if h := r.Value.Headers[name]; h != nil && h.Value != nil && h.Ref == "" {
			s.schema(h.Value.Schema, &loc{abs: join(at, "headers", name, "schema")})
		}
	}
}

// content checks media type names, then each schema.
func (s sanitizer) content(c openapi3.Content, at string) {
	canonical := map[string]string{}
	keys := sortedKeys(c)
	// The lower-case spelling, the registered form, is kept over others.
	sort.SliceStable(keys, func(i, j int) bool { return keys[i] == strings.ToLower(keys[i]) && keys[j] != strings.ToLower(keys[j]) })
	for _, media := range keys {
		ptr := join(at, media)
		lower := strings.ToLower(media)
		if prev, dup := canonical[lower]; dup {
			s.b.warn(ir.DiagMediaCaseDuplicate, ptr, "media type %q repeats %q in another case: ignored (media types are case-insensitive)", media, prev)
			delete(c, media)
			continue
		}
		canonical[lower] = media
		if m := versionedMedia.FindStringSubmatch(lower); m != nil {
			if _, err := time.Parse(time.DateOnly, m[1]); err != nil {
				s.b.warn(ir.DiagMediaBadDate, ptr, "media type %q: %s is not a calendar date, so it versions nothing: ignored", media, m[1])
				delete(c, media)
				continue
			}
		}
		if mt := c[media]; mt != nil {
			s.schema(mt.Schema, &loc{abs: join(ptr, "schema")})
		}
	}
}

// schema checks one schema's own values and walks what it contains; a
// $ref is checked once, where its target is written.
func (s sanitizer) schema(r *openapi3.SchemaRef, at *loc) {
	if r == nil || r.Value == nil || s.seen[r.Value] {
		return
	}
	v := r.Value
	s.seen[v] = true
	if r.Ref != "" {
		at = &loc{abs: r.Ref}
	}
	nullForms(v)
	s.values(v, at)
	for name, p := range v.Properties { // warnings are sorted later: any order
		s.schema(p, &loc{parent: at, toks: [2]string{"properties", name}, two: true})
	}
	s.schema(v.Items, &loc{parent: at, toks: [2]string{"items"}})
	s.schema(v.AdditionalProperties.Schema, &loc{parent: at, toks: [2]string{"additionalProperties"}})
	s.schema(v.Not, &loc{parent: at, toks: [2]string{"not"}})
	for _, list := range [...]struct {
		kw      string
		members openapi3.SchemaRefs
	}{{"allOf", v.AllOf}, {"oneOf", v.OneOf}, {"anyOf", v.AnyOf}} {
		for i, m := range list.members {
			s.schema(m, &loc{parent: at, toks: [2]string{list.kw, itoa(memberIndex(v, list.kw, i))}, two: true})
		}
	}
}

// loc is a schema's JSON pointer, built only when a warning needs it: the
// walk visits tens of thousands of schemas and warns about a handful.
type loc struct {
	abs    string // a whole pointer (a root, a $ref target), or ""
	parent *loc
	toks   [2]string // the tokens under parent: the first, or both when two
	two    bool
}

func (l *loc) String() string {
	if l.abs != "" {
		return l.abs
	}
	ptr := join(l.parent.String(), l.toks[0])
	if l.two {
		ptr = join(ptr, l.toks[1])
	}
	return ptr
}

// values drops a default, enum values and an example of another type.
func (s sanitizer) values(v *openapi3.Schema, at *loc) {
	if v.Type == nil || len(v.Type.Slice()) == 0 || v.Default == nil && v.Example == nil && len(v.Enum) == 0 {
		return
	}
	ptr := at.String()
	types := v.Type.Slice()
	if v.Default != nil && !fits(v.Default, types, v.Nullable) {
		s.b.warn(ir.DiagWrongTypeValue, join(ptr, "default"), "default %s is not %s: not used", show(v.Default), typeList(types))
		v.Default = nil
	}
	if v.Example != nil && !fits(v.Example, types, v.Nullable) {
		s.b.warn(ir.DiagWrongTypeValue, join(ptr, "example"), "example %s is not %s: not used", show(v.Example), typeList(types))
		v.Example = nil
	}
	var kept []any
	var bad []string
	first := -1
	for i, e := range v.Enum {
		if fits(e, types, v.Nullable) {
			kept = append(kept, e)
			continue
		}
		if first < 0 {
			first = i
		}
		bad = append(bad, show(e))
	}
	if len(bad) > 0 {
		if len(bad) > 3 {
			bad = append(bad[:3], fmt.Sprintf("%d more", len(bad)-3))
		}
		s.b.warn(ir.DiagWrongTypeValue, join(ptr, "enum", itoa(first)), "enum values that are not %s are not used: %s", typeList(types), strings.Join(bad, ", "))
		v.Enum = kept
	}
}

// fits reports whether a decoded JSON value has one of the types; null
// fits a nullable schema.
func fits(value any, types []string, nullable bool) bool {
	for _, t := range types {
		switch x := value.(type) {
		case nil:
			if nullable || t == "null" {
				return true
			}
		case string:
			if t == "string" {
				return true
			}
		case bool:
			if t == "boolean" {
				return true
			}
		case float64:
			if t == "number" || t == "integer" && x == math.Trunc(x) && !math.IsInf(x, 0) {
				return true
			}
		case int, int64, uint64:
			if numeric(t) {
				return true
			}
		case []any:
			if t == "array" {
				return true
			}
		case map[string]any:
			if t == "object" {
				return true
			}
		}
	}
	return false
}

// show renders a spec value for a message, bounded.
func show(v any) string {
	s := fmt.Sprintf("%#v", v)
	if str, ok := v.(string); ok {
		s = fmt.Sprintf("%q", str)
	}
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}
