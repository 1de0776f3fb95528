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

// schemaDiffers memoizes by pointer, inline schemas included (a recursion
// may run through them). A schema met again while it is being computed
// counts as "no" for now; a "no" that leaned on such a guess is not kept
// unless it is the outermost computation, whose answer is then complete.
func (b *builder) schemaDiffers(s *openapi3.SchemaRef, at string) bool {
	if s == nil || s.Value == nil {
		return false
	}
	ptr := schemaPtr(s, at)
	switch b.diffs[ptr] {
	case diffYes:
		return true
	case diffNo:
		return false
	case diffComputing:
		b.diffGuessed = true
		return false
	}
	outer := !b.diffComputing
	b.diffComputing = true
	b.diffs[ptr] = diffComputing
	result := b.shapeDiffers(s, ptr)
	switch {
	case result:
		b.diffs[ptr] = diffYes
	case outer || !b.diffGuessed:
		b.diffs[ptr] = diffNo
	default:
		delete(b.diffs, ptr)
	}
	if outer {
		b.diffComputing, b.diffGuessed = false, false
	}
	return result
}

func (b *builder) shapeDiffers(s *openapi3.SchemaRef, ptr string) bool {
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
			if p.readOnly() || b.schemaDiffers(p.ref, p.ptr) {
				return true
			}
		}
	}
	if s.Value.Items != nil && b.schemaDiffers(s.Value.Items, join(ptr, "items")) {
		return true
	}
	if ap := s.Value.AdditionalProperties.Schema; ap != nil && b.schemaDiffers(ap, join(ptr, "additionalProperties")) {
		return true
	}
	return false
}
