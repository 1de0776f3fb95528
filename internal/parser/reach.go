package parser

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// Reachability decides which component schemas become Go types and in which
// contexts: a schema reached from a request body and from a response whose
// readOnly properties make the two shapes differ becomes two types.

// reachOperation marks what an operation's chosen version uses.
func (b *builder) reachOperation(p *plan) {
	if rb := p.op.RequestBody; rb != nil && rb.Value != nil {
		if media := pickMedia(rb.Value.Content, p.version); media != "" {
			mt := rb.Value.Content[media]
			b.reach(mt.Schema, join(p.ptr, "requestBody", "content", media, "schema"), true)
		}
	}
	for _, status := range sortedKeys(p.op.Responses.Map()) {
		r := p.op.Responses.Value(status)
		if isErrorStatus(status) || r.Value == nil {
			continue
		}
		if media := pickMedia(r.Value.Content, p.version); media != "" {
			b.reach(r.Value.Content[media].Schema, join(p.ptr, "responses", status, "content", media, "schema"), false)
		}
	}
}

// reach marks s, used in a request or a response, and what it refers to.
func (b *builder) reach(s *openapi3.SchemaRef, at string, request bool) {
	if s == nil || s.Value == nil {
		return
	}
	// Every schema, inline ones too, is walked once per direction: a
	// recursion through an inline schema (allOf inside array items) would
	// otherwise never end.
	d := dir(request)
	ptr := schemaPtr(s, at)
	if c := b.comps[s.Ref]; c != nil {
		c.used[d] = true
		if c.visited[d] {
			return
		}
		c.visited[d] = true
	} else {
		if b.reached[ptr][d] {
			return
		}
		seen := b.reached[ptr]
		seen[d] = true
		b.reached[ptr] = seen
	}
	b.reachValue(s, ptr, request)
}

func (b *builder) reachValue(s *openapi3.SchemaRef, ptr string, request bool) {
	v := s.Value
	if u := b.detectUnion(s, ptr); u != nil {
		for _, vs := range u.variants {
			b.reachShape(vs.shape, request)
		}
		return
	}
	if v.Items != nil {
		b.reach(v.Items, join(ptr, "items"), request)
	}
	if ap := v.AdditionalProperties.Schema; ap != nil {
		b.reach(ap, join(ptr, "additionalProperties"), request)
	}
	b.reachShape(b.flatten(s, ptr), request)
}

func (b *builder) reachShape(sh shape, request bool) {
	for _, name := range sh.names() {
		p := sh.props[name]
		if request && p.readOnly() {
			continue
		}
		b.reach(p.ref, p.ptr, request)
	}
}

// differs reports whether a component's request shape differs from its
// response shape: it, or something it refers to, has a property that itself
// declares readOnly.
func (b *builder) differs(c *component) bool {
	return b.schemaDiffers(c.ref, c.ptr)
}

// schemaDiffers answers by a depth-first search over what the schema
// refers to (inline schemas included: a recursion may run through them),
// each schema at most once per search. A schema found to differ is
// remembered, and so is every schema on the way to it; a search that finds
// nothing proves every schema it visited differs in nothing either.
func (b *builder) schemaDiffers(s *openapi3.SchemaRef, at string) bool {
	if s == nil || s.Value == nil {
		return false
	}
	visited := map[string]bool{}
	if b.searchDiffers(s, schemaPtr(s, at), visited) {
		return true
	}
	for ptr := range visited {
		b.diffs[ptr] = diffNo
	}
	return false
}

func (b *builder) searchDiffers(s *openapi3.SchemaRef, ptr string, visited map[string]bool) bool {
	switch b.diffs[ptr] {
	case diffYes:
		return true
	case diffNo:
		return false
	}
	if visited[ptr] {
		return false
	}
	visited[ptr] = true
	if b.shapeDiffers(s, ptr, visited) {
		b.diffs[ptr] = diffYes
		return true
	}
	return false
}

func (b *builder) shapeDiffers(s *openapi3.SchemaRef, ptr string, visited map[string]bool) bool {
	var shapes []shape
	if u := b.detectUnion(s, ptr); u != nil {
		for _, vs := range u.variants {
			shapes = append(shapes, vs.shape)
		}
	} else {
		shapes = append(shapes, b.flatten(s, ptr))
	}
	for _, sh := range shapes {
		for _, name := range sh.names() {
			p := sh.props[name]
			if p.readOnly() || b.refDiffers(p.ref, p.ptr, visited) {
				return true
			}
		}
	}
	if b.refDiffers(s.Value.Items, join(ptr, "items"), visited) {
		return true
	}
	if b.refDiffers(s.Value.AdditionalProperties.Schema, join(ptr, "additionalProperties"), visited) {
		return true
	}
	return false
}

func (b *builder) refDiffers(s *openapi3.SchemaRef, at string, visited map[string]bool) bool {
	if s == nil || s.Value == nil {
		return false
	}
	return b.searchDiffers(s, schemaPtr(s, at), visited)
}
