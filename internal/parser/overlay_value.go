package parser

import (
	"strconv"

	"github.com/theory/jsonpath/spec"
	"go.yaml.in/yaml/v4"
)

// toValue is a node as a plain Go value for JSONPath: mappings keyed by
// their keys' text (a response code 200 is the name "200", as in JSON),
// scalars typed by their YAML tag.
func toValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		items := make([]any, len(n.Content))
		for i, c := range n.Content {
			items[i] = toValue(c)
		}
		return items
	case yaml.AliasNode:
		if n.Alias != nil {
			return toValue(n.Alias)
		}
		return nil
	}
	return scalarValue(n)
}

func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}

// setValue sets (or removes) the value at path in a plain value, returning
// the new value: removing an array item makes a new slice its parent holds.
func setValue(cur any, path spec.NormalizedPath, v any, remove bool) any {
	if len(path) == 0 {
		return v
	}
	switch sel := path[0].(type) {
	case spec.Name:
		m := cur.(map[string]any)
		if len(path) == 1 && remove {
			delete(m, string(sel))
		} else {
			m[string(sel)] = setValue(m[string(sel)], path[1:], v, remove)
		}
		return m
	case spec.Index:
		items := cur.([]any)
		if len(path) == 1 && remove {
			return append(items[:sel:sel], items[sel+1:]...)
		}
		items[sel] = setValue(items[sel], path[1:], v, remove)
		return items
	}
	return cur
}
