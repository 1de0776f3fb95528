package parser

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// checkStructure reports, before kin-openapi's result is used, what it
// would either report without a line or not report at all: a document
// that is empty or not OpenAPI 3, has no info, repeats a mapping key or
// expands aliases without bound, external or dangling $refs, discriminator
// mappings naming a schema that does not exist, and $ref cycles no value
// can end.
func (s *source) checkStructure() ir.Diagnostics {
	if s.root == nil {
		return ir.Diagnostics{{Severity: ir.Fatal, File: s.name, Line: 1, Col: 1,
			Message: "not an OpenAPI 3 document: the file holds no YAML or JSON value"}}
	}
	if s.root.Kind != yaml.MappingNode {
		return ir.Diagnostics{s.at(ir.Fatal, "#", "not an OpenAPI 3 document: the top level is not a mapping")}
	}
	var ds ir.Diagnostics
	if d := s.aliasBomb(); d != nil {
		return append(ds, *d) // walking the tree would expand it
	}
	s.checkVersion(&ds)
	if info := mapValue(s.root, "info"); info == nil {
		ds = append(ds, s.at(ir.Fatal, "#", "the document has no info (an OpenAPI 3 document must have info with a title and version)"))
	} else if info.Kind != yaml.MappingNode {
		ds = append(ds, s.at(ir.Fatal, "#/info", "info is not a mapping"))
	}
	targets := s.walkStructure(&ds)
	if !ds.HasFatal() {
		s.checkCycles(targets, &ds)
	}
	return ds
}

// walkStructure is the one walk over the tree: repeated keys, $refs and
// discriminator mappings; it returns the $ref targets for checkCycles.
func (s *source) walkStructure(ds *ir.Diagnostics) []refTarget {
	var targets []refTarget
	walkYAML(s.root, func(n *yaml.Node, ptr func() string, inExample bool) {
		if n.Kind != yaml.MappingNode {
			return
		}
		s.checkKeys(n, ptr, ds)
		if t := s.checkRefs(n, ptr, ds); t != nil && !inExample {
			targets = append(targets, *t)
		}
	})
	return targets
}

// checkVersion refuses a document that is not OpenAPI 3, naming Swagger 2.0
// when it is one.
func (s *source) checkVersion(ds *ir.Diagnostics) {
	v := mapValue(s.root, "openapi")
	switch {
	case v == nil && mapValue(s.root, "swagger") != nil:
		*ds = append(*ds, s.at(ir.Fatal, "#/swagger", fmt.Sprintf(
			"a Swagger %s document: atlasgen reads OpenAPI 3 (convert it first, e.g. with swagger2openapi)", mapValue(s.root, "swagger").Value)))
	case v == nil:
		*ds = append(*ds, s.at(ir.Fatal, "#", "not an OpenAPI 3 document: no openapi: 3.x field"))
	case v.Kind != yaml.ScalarNode || !strings.HasPrefix(v.Value, "3."):
		*ds = append(*ds, s.at(ir.Fatal, "#/openapi", fmt.Sprintf("not an OpenAPI 3 document: openapi is %q", v.Value)))
	}
}

// checkKeys refuses a mapping that repeats a key: YAML forbids it, and JSON
// parsers disagree on which value wins, so atlasgen would silently pick one.
func (s *source) checkKeys(n *yaml.Node, ptr func() string, ds *ir.Diagnostics) {
	if len(n.Content) < 4 {
		return
	}
	var first map[string]*yaml.Node // only for large mappings: most have a few keys
	if len(n.Content) > 2*16 {
		first = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		prev := first[k.Value]
		if first == nil {
			for j := 0; j < i && prev == nil; j += 2 {
				if n.Content[j].Value == k.Value {
					prev = n.Content[j]
				}
			}
		}
		if prev != nil {
			d := s.at(ir.Fatal, join(ptr(), k.Value), fmt.Sprintf("duplicate key %q (first at line %d): which value counts is undefined", k.Value, s.written(prev).line))
			at := s.written(k)
			d.File, d.Line, d.Col = at.file, at.line, at.col
			*ds = append(*ds, d)
			continue
		}
		if first != nil {
			first[k.Value] = k
		}
	}
}

// maxExpansion bounds how many nodes the document's aliases may expand to,
// as a multiple of the nodes written: an alias bomb (a billion laughs)
// expands exponentially, ordinary anchors barely.
const maxExpansion = 64

// aliasBomb measures, without expanding anything, how many nodes the
// document stands for once aliases are followed; a document standing for
// far more than it holds is refused before anything walks it, and so is
// one with an alias inside its own anchor, which stands for a value
// without end (yaml.v3 reads it into a tree without complaint).
func (s *source) aliasBomb() *ir.Diagnostic {
	written, sizes := 0, map[*yaml.Node]int{}
	var inside *yaml.Node
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 1
			}
			if v, ok := sizes[n.Alias]; ok {
				return v
			}
			// An alias follows its anchor, so one whose anchor is not
			// measured yet lies inside it.
			if inside == nil {
				inside = n
			}
			return 1
		}
		written++
		total := 1
		for _, c := range n.Content {
			total += size(c)
		}
		total = min(total, 1<<40)
		if n.Anchor != "" {
			sizes[n] = total
		}
		return total
	}
	total := size(s.root)
	if inside != nil {
		return &ir.Diagnostic{Severity: ir.Fatal, File: s.name, Line: inside.Line, Col: inside.Column,
			Message: fmt.Sprintf("YAML alias *%s lies inside its own anchor: it stands for a value without end", inside.Value)}
	}
	if total > maxExpansion*written && total > 100_000 {
		d := s.at(ir.Fatal, "#", fmt.Sprintf("YAML aliases expand %d written nodes to more than %d: refused as an alias bomb", written, total))
		return &d
	}
	return nil
}
