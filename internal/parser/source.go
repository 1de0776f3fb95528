package parser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// position is a line and column in the source document (1-based).
type position struct{ line, col int }

// source is the document as parsed YAML, the one parse of it: kin-openapi
// decodes this tree, and every diagnostic is located by resolving its JSON
// pointer in it — on demand: a document has hundreds of thousands of nodes
// and a handful of diagnostics.
type source struct {
	name string
	root *yaml.Node
	// resolved remembers which pointers name a node: thousands of $refs
	// name the same few hundred schemas.
	resolved map[string]bool
	// keys indexes the keys of large mappings (keyIndex).
	keys map[*yaml.Node]map[string]int
	// origin is where, in which overlay, each node an overlay put in the
	// tree was written: a problem with it is located there. Such a node's
	// own Line is a number past the spec's last line (syntheticLine), so
	// that a decode error, which names only a line and column, names it
	// and no node of the spec.
	origin map[*yaml.Node]place
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// readSource parses data as YAML (JSON is YAML). A syntax error comes back
// as a fatal diagnostic carrying the line yaml.v3 names.
func readSource(name string, data []byte) (*source, *ir.Diagnostic) {
	utf16 := bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) // yaml.v3 reads it
	if bad := invalidUTF8(data); bad >= 0 && !utf16 {
		line, col := lineCol(data, bad)
		return nil, &ir.Diagnostic{Severity: ir.Fatal, File: name, Line: line, Col: col,
			Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x at offset %d): a YAML or JSON document is UTF-8 text", data[bad], bad)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(escapeNEL(data), &doc); err != nil {
		if d := jsonSyntax(name, data); d != nil {
			return nil, d
		}
		d := ir.Diagnostic{Severity: ir.Fatal, File: name, Line: 1, Col: 1,
			Message: "invalid YAML/JSON: " + strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			d.Line, _ = strconv.Atoi(m[1])
		}
		return nil, &d
	}
	s := &source{name: name, resolved: map[string]bool{}, keys: map[*yaml.Node]map[string]int{}, origin: map[*yaml.Node]place{}}
	if len(doc.Content) > 0 {
		s.root = doc.Content[0]
	}
	return s, nil
}

// escapeNEL writes each raw U+0085 of a JSON document as the escape
// \u0085. It is a character to JSON and a line break to YAML, which folds
// it into a space: kin-openapi reads such a document as JSON, so a name
// holding one stays that name. JSON allows it only inside strings, where
// the escape means the same; columns after one on its line move by four.
func escapeNEL(data []byte) []byte {
	const nel = "\u0085"
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' && t[0] != '[' || !bytes.Contains(data, []byte(nel)) {
		return data
	}
	return bytes.ReplaceAll(data, []byte(nel), []byte(`\u0085`))
}

// jsonSyntax locates a syntax error in a document written as JSON, where
// encoding/json names the exact byte and YAML's parser a line near it.
func jsonSyntax(name string, data []byte) *ir.Diagnostic {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' && t[0] != '[' {
		return nil
	}
	var v any
	var syn *json.SyntaxError
	if err := json.Unmarshal(data, &v); !errors.As(err, &syn) {
		return nil
	}
	line, col := lineCol(data, int(min(max(syn.Offset-1, 0), int64(len(data)))))
	return &ir.Diagnostic{Severity: ir.Fatal, File: name, Line: line, Col: col, Message: "invalid JSON: " + syn.Error()}
}

// lineCol is the line and column (in characters) of a byte offset.
func lineCol(data []byte, offset int) (line, col int) {
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	col = 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:offset], '\n')+1:offset])
	return line, col
}

// invalidUTF8 is the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// walkYAML is the one walk over the document's nodes: it calls visit for
// every node with its JSON pointer (built only when asked for) and whether
// it sits inside an example, where nothing is a schema.
func walkYAML(root *yaml.Node, visit func(n *yaml.Node, ptr func() string, inExample bool)) {
	var toks []string
	var walk func(n *yaml.Node, inExample bool)
	ptr := func() string {
		if len(toks) == 0 {
			return "#"
		}
		return "#/" + strings.Join(toks, "/")
	}
	walk = func(n *yaml.Node, inExample bool) {
		visit(n, ptr, inExample)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := n.Content[i].Value
				toks = append(toks, escapePointer(key))
				walk(n.Content[i+1], inExample || key == "example" || key == "examples")
				toks = toks[:len(toks)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				toks = append(toks, strconv.Itoa(i))
				walk(c, inExample)
				toks = toks[:len(toks)-1]
			}
		}
	}
	if root != nil {
		walk(root, false)
	}
}

// resolve follows ptr from the root as far as the document goes: the
// position of the deepest node reached (a mapping entry is located at its
// key, where a reader looks for it; a sequence item at the item), and
// whether the whole pointer resolved.
func (s *source) resolve(ptr string) (position, bool) {
	_, at, ok := s.lookup(ptr)
	return at.position, ok
}

// place is a position in one of the files that wrote the tree: the spec,
// or an overlay that put the node there.
type place struct {
	file string
	position
}

// lookup is resolve with the node reached and the file that wrote it.
func (s *source) lookup(ptr string) (*yaml.Node, place, bool) {
	if s.root == nil {
		return nil, place{s.name, position{1, 1}}, false
	}
	n := s.root
	at := s.placeOf(nil, n)
	rest, ok := strings.CutPrefix(ptr, "#")
	if ok && rest == "" {
		return n, at, true
	}
	if !ok || !strings.HasPrefix(rest, "/") { // #components/… is no pointer
		return n, at, false
	}
	for _, tok := range strings.Split(rest[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		key, next := s.child(n, tok)
		if next == nil {
			return n, at, false
		}
		n, at = next, s.placeOf(key, next)
	}
	return n, at, true
}

// placeOf locates a node reached under key (nil for a sequence item or the
// root): at its key when one file wrote both, else at the value itself —
// an overlay that replaced a value wrote the value, not the key.
func (s *source) placeOf(key, n *yaml.Node) place {
	if key != nil && s.fileOf(key) == s.fileOf(n) {
		return s.written(key)
	}
	return s.written(n)
}

// written is where a node was written: in its overlay, or in the spec.
func (s *source) written(n *yaml.Node) place {
	if at, ok := s.origin[n]; ok {
		return at
	}
	return place{s.name, position{n.Line, n.Column}}
}

// writtenByOverlay reports whether an overlay wrote the node at ptr.
func (s *source) writtenByOverlay(ptr string) bool {
	_, at, ok := s.lookup(ptr)
	return ok && at.file != s.name
}

// fileOf names the file that wrote a node: its overlay, or the spec.
func (s *source) fileOf(n *yaml.Node) string {
	return s.written(n).file
}

// indexedMapping is the size from which a mapping's keys are looked up
// through an index: #/components/schemas has thousands, and every $ref
// names one of them, so scanning would make resolving quadratic.
const indexedMapping = 64

// child is the node under tok in a mapping or sequence, with the key it
// sits under (nil for a sequence item).
func (s *source) child(n *yaml.Node, tok string) (key, value *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) >= 2*indexedMapping {
			i, ok := s.keyIndex(n)[tok]
			if !ok {
				return nil, nil
			}
			return n.Content[i], n.Content[i+1]
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value == tok {
				return k, n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, ok := arrayIndex(tok); ok && i < len(n.Content) {
			return nil, n.Content[i]
		}
	case yaml.AliasNode:
		if n.Alias != nil {
			return s.child(n.Alias, tok)
		}
	}
	return nil, nil
}

// keyIndex maps a large mapping's keys to their index in Content (the
// first of a repeated key, as the linear scan finds it), built once.
func (s *source) keyIndex(n *yaml.Node) map[string]int {
	if idx, ok := s.keys[n]; ok {
		return idx
	}
	idx := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if _, seen := idx[n.Content[i].Value]; !seen {
			idx[n.Content[i].Value] = i
		}
	}
	s.keys[n] = idx
	return idx
}

// arrayIndex reads a pointer token as RFC 6901 allows an array index: 0,
// or digits without a leading zero (no sign, no 01).
func arrayIndex(tok string) (int, bool) {
	if tok == "" || (len(tok) > 1 && tok[0] == '0') || strings.Trim(tok, "0123456789") != "" {
		return 0, false
	}
	i, err := strconv.Atoi(tok)
	return i, err == nil
}

// has reports whether ptr names a node of the document.
func (s *source) has(ptr string) bool {
	ok, known := s.resolved[ptr]
	if !known {
		_, ok = s.resolve(ptr)
		s.resolved[ptr] = ok
	}
	return ok
}

// at builds a diagnostic located at ptr, or at its nearest existing parent.
func (s *source) at(sev ir.Severity, ptr, msg string) ir.Diagnostic {
	_, at, _ := s.lookup(ptr)
	return ir.Diagnostic{Severity: sev, File: at.file, Pointer: ptr, Message: msg, Line: at.line, Col: at.col}
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// join appends tokens to a pointer, escaping each.
func join(ptr string, toks ...string) string {
	for _, t := range toks {
		ptr += "/" + escapePointer(t)
	}
	return ptr
}

// pointerAt is the JSON pointer of the first node that starts at line and
// col (any column for col 0), where a decode error places its problem.
func (s *source) pointerAt(line, col int) (string, bool) {
	found := ""
	walkYAML(s.root, func(n *yaml.Node, ptr func() string, _ bool) {
		if found == "" && n.Line == line && (col == 0 || n.Column == col) {
			found = ptr()
		}
	})
	return found, found != ""
}

// Locator reads a document (with its overlays) only to place JSON pointers
// in it: the file, line and column of the deepest node each reaches, as
// diagnostics are located. atlasgen diff places each change in both specs.
func Locator(name string, data []byte, overlays []Document) (func(ptr string) (file string, line, col int), error) {
	src, syntax := readSource(name, data)
	if syntax != nil {
		return nil, ir.Diagnostics{*syntax}
	}
	if src.root != nil && src.root.Kind == yaml.MappingNode && src.aliasBomb() == nil && prepareTree(src.root) == nil && len(overlays) > 0 {
		if ds := src.applyOverlays(overlays); len(ds) > 0 {
			return nil, ds.Sort()
		}
	}
	return func(ptr string) (string, int, int) {
		_, at, _ := src.lookup(ptr)
		return at.file, at.line, at.col
	}, nil
}
