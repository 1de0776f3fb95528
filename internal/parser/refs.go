package parser

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// checkRefs reports a $ref or discriminator mapping of the mapping node n
// that points outside the document or at nothing, and returns the node
// its $ref names, if any.
func (s *source) checkRefs(n *yaml.Node, ptr func() string, ds *ir.Diagnostics) *refTarget {
	var found *refTarget
	if ref := mapValue(n, "$ref"); ref != nil && ref.Kind == yaml.ScalarNode {
		if d := s.checkRef(ref.Value, ptr, "$ref"); d != nil {
			*ds = append(*ds, *d)
		} else if target, _, ok := s.lookup(ref.Value); ok {
			found = &refTarget{node: target, ptr: ref.Value}
		}
	}
	if disc := mapValue(n, "discriminator"); disc != nil && disc.Kind == yaml.MappingNode {
		s.checkMapping(disc, ptr, ds)
	}
	return found
}

// checkRef checks one $ref, found under key at ptr().
func (s *source) checkRef(ref string, ptr func() string, key string) *ir.Diagnostic {
	if !strings.HasPrefix(ref, "#") {
		d := s.at(ir.Fatal, join(ptr(), key), fmt.Sprintf("external $ref %q is not allowed: atlasgen reads one self-contained document", ref))
		return &d
	}
	if !s.has(ref) {
		d := s.at(ir.Fatal, join(ptr(), key), fmt.Sprintf("$ref %q does not resolve", ref))
		return &d
	}
	return nil
}

// checkMapping verifies every discriminator mapping target exists; a mapping
// value is either a $ref-style pointer or a bare schema name.
func (s *source) checkMapping(disc *yaml.Node, ptr func() string, ds *ir.Diagnostics) {
	mapping := mapValue(disc, "mapping")
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		value, target := mapping.Content[i].Value, mapping.Content[i+1].Value
		at := join(ptr(), "discriminator", "mapping", value)
		ref := mappingRef(target)
		if !strings.HasPrefix(ref, "#") {
			*ds = append(*ds, s.at(ir.Fatal, at, fmt.Sprintf("discriminator mapping %q: external target %q is not allowed", value, target)))
		} else if !s.has(ref) {
			*ds = append(*ds, s.at(ir.Fatal, at, fmt.Sprintf("discriminator mapping %q names missing schema %q", value, target)))
		}
	}
}

// mappingRef turns a mapping target into a pointer: bare names are schema names.
func mappingRef(target string) string {
	if strings.Contains(target, "/") || strings.HasPrefix(target, "#") {
		return target
	}
	return "#/components/schemas/" + escapePointer(target)
}

// mapValue returns the value node of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
