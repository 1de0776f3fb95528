package parser

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// errNotPlain says a tree uses YAML that JSON cannot carry as it is: an
// alias, a merge key or a tag of its own.
var errNotPlain = errors.New("the tree is not plain JSON")

// encodeTree writes the tree an overlay changed for kin-openapi to read.
// A plain tree is written by hand in block style, every string double-
// quoted: a tenth of yaml.Marshal's time on the upstream spec, and block
// style because kin's YAML parser reads one long flow (JSON) document at
// two thirds of the speed. Scalars keep their text, so kin reads each
// exactly as it would have read the file. Other trees go to yaml.Marshal.
func encodeTree(root *yaml.Node) ([]byte, error) {
	buf := make([]byte, 0, 1<<20)
	out, err := appendBlock(buf, root, 0)
	if errors.Is(err, errNotPlain) {
		return yaml.Marshal(root)
	}
	return append(out, '\n'), err
}

// maxBlockDepth is the nesting from which a subtree is written in flow
// style: block style indents every level, which a deep tree would make
// quadratic in size.
const maxBlockDepth = 48

// appendBlock writes n as the value that follows "key:" or "-" on the
// current line; its entries start on lines of their own at depth's indent.
func appendBlock(b []byte, n *yaml.Node, depth int) ([]byte, error) {
	var err error
	switch {
	case depth > maxBlockDepth || len(n.Content) == 0 || n.Kind == yaml.ScalarNode:
		if depth > 0 {
			b = append(b, ' ')
		}
		return appendJSON(b, n)
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !plainKey(n.Content[i]) {
				return b, errNotPlain
			}
			b = appendIndent(b, depth)
			b = appendString(b, n.Content[i].Value)
			b = append(b, ':')
			if b, err = appendBlock(b, n.Content[i+1], depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			b = appendIndent(b, depth)
			b = append(b, '-')
			if b, err = appendBlock(b, c, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	}
	return b, errNotPlain
}

// appendIndent starts a line at depth's indent (two spaces a level; the
// top level's entries at none).
func appendIndent(b []byte, depth int) []byte {
	if len(b) > 0 {
		b = append(b, '\n')
	}
	for range depth {
		b = append(b, "  "...)
	}
	return b
}

func appendJSON(b []byte, n *yaml.Node) ([]byte, error) {
	var err error
	switch n.Kind {
	case yaml.MappingNode:
		b = append(b, '{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b = append(b, ',')
			}
			if !plainKey(n.Content[i]) {
				return b, errNotPlain
			}
			b = appendString(b, n.Content[i].Value)
			b = append(b, ':')
			if b, err = appendJSON(b, n.Content[i+1]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case yaml.SequenceNode:
		b = append(b, '[')
		for i, c := range n.Content {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSON(b, c); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case yaml.ScalarNode:
		return appendScalar(b, n)
	}
	return b, errNotPlain
}

// plainKey reports whether a key reads as its text whichever way it is
// quoted: a string or an integer (a status code), not a merge key, null
// or a tag of the document's own.
func plainKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && (k.Tag == "!!str" || k.Tag == "!!int")
}

// appendScalar writes a scalar as the JSON value of its tag: numbers and
// booleans as written when JSON spells them so, strings quoted.
func appendScalar(b []byte, n *yaml.Node) ([]byte, error) {
	switch n.Tag {
	case "!!str", "!!timestamp": // kin-openapi reads a timestamp as its text
		return appendString(b, n.Value), nil
	case "!!null":
		return append(b, "null"...), nil
	case "!!bool":
		if n.Value == "true" || n.Value == "false" {
			return append(b, n.Value...), nil
		}
	case "!!int", "!!float":
		if jsonNumber(n.Value) {
			return append(b, n.Value...), nil
		}
	}
	return b, errNotPlain
}

// jsonNumber reports whether s is a number in JSON's grammar.
func jsonNumber(s string) bool {
	i := 0
	digits := func() bool {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if !digits() {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// appendString quotes s for JSON, escaping what JSON requires and what a
// YAML parser (kin-openapi reads JSON as YAML) would not take raw.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0xfeff || r == 0xfffe || r == 0xffff:
			b = append(b, `\u`...)
			b = append(b, "0000"[len(strconv.FormatInt(int64(r), 16)):]...)
			b = strconv.AppendInt(b, int64(r), 16)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}
