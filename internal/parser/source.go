package parser

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// position is a line and column in the source document (1-based).
type position struct{ line, col int }

// source is the document as text plus an index from JSON pointer to the
// position of the value at that pointer. kin-openapi's own errors carry no
// lines, so every diagnostic is located through this index.
type source struct {
	name  string
	root  *yaml.Node
	index map[string]position
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// readSource parses data as YAML (JSON is YAML) and indexes every node. A
// syntax error comes back as a fatal diagnostic carrying the line yaml.v3
// names.
func readSource(name string, data []byte) (*source, *ir.Diagnostic) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d := ir.Diagnostic{Severity: ir.Fatal, File: name, Line: 1, Col: 1,
			Message: "invalid YAML/JSON: " + strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			d.Line, _ = strconv.Atoi(m[1])
		}
		return nil, &d
	}
	s := &source{name: name, index: map[string]position{}}
	if len(doc.Content) == 0 {
		return s, nil
	}
	s.root = doc.Content[0]
	walkYAML(s.root, "#", position{s.root.Line, s.root.Column}, false, func(_ *yaml.Node, ptr string, at position, _ bool) {
		s.index[ptr] = at
	})
	return s, nil
}

// walkYAML is the one walk over the document's nodes: it calls visit for
// every node with its JSON pointer, its position (a mapping entry is
// located at its key, where a reader looks for it; a sequence item at the
// item) and whether it sits inside an example, where nothing is a schema.
func walkYAML(n *yaml.Node, ptr string, at position, inExample bool, visit func(n *yaml.Node, ptr string, at position, inExample bool)) {
	visit(n, ptr, at, inExample)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			walkYAML(n.Content[i+1], ptr+"/"+escapePointer(key.Value), position{key.Line, key.Column},
				inExample || key.Value == "example" || key.Value == "examples", visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkYAML(c, ptr+"/"+strconv.Itoa(i), position{c.Line, c.Column}, inExample, visit)
		}
	}
}

// has reports whether ptr names a node of the document.
func (s *source) has(ptr string) bool {
	_, ok := s.index[ptr]
	return ok
}

// at builds a diagnostic located at ptr, or at its nearest indexed parent.
func (s *source) at(sev ir.Severity, ptr, msg string) ir.Diagnostic {
	d := ir.Diagnostic{Severity: sev, File: s.name, Pointer: ptr, Message: msg}
	for p := ptr; p != ""; p = parentPointer(p) {
		if pos, ok := s.index[p]; ok {
			d.Line, d.Col = pos.line, pos.col
			break
		}
	}
	return d
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

func parentPointer(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	return ptr[:i]
}

// join appends tokens to a pointer, escaping each.
func join(ptr string, toks ...string) string {
	for _, t := range toks {
		ptr += "/" + escapePointer(t)
	}
	return ptr
}
