package parser

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/theory/jsonpath/spec"
	"gopkg.in/yaml.v3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// applyOverlays applies the overlays' actions, in order, to the spec's
// tree, before anything reads it. JSONPath queries run over a plain value
// of the tree (github.com/theory/jsonpath evaluates RFC 9535 over Go
// values) and each match's normalized path leads back to the yaml.Node it
// changes, so lines survive and every node an overlay writes is marked as
// its own. A spec the structure checks refuse anyway is left alone.
func (s *source) applyOverlays(docs []Document) ir.Diagnostics {
	if s.root == nil || s.root.Kind != yaml.MappingNode || s.aliasBomb() != nil {
		return nil
	}
	var ds ir.Diagnostics
	var overlays []*overlay
	for _, d := range docs {
		o, errs := readOverlay(d)
		ds = append(ds, errs...)
		overlays = append(overlays, o)
	}
	if ds.HasFatal() {
		return ds
	}
	doc := toValue(s.root)
	for _, o := range overlays {
		for _, a := range o.actions {
			ds = append(ds, s.apply(o, a, &doc)...)
		}
	}
	s.rewritten = true
	s.keys = map[*yaml.Node]map[string]int{} // mappings changed under any index built
	return ds
}

// apply runs one action on every node its target selects: the last and
// deepest first, so removing an item shifts no match still to come and
// removing a node orphans no match inside it.
func (s *source) apply(o *overlay, a action, doc *any) ir.Diagnostics {
	matches := a.target.SelectLocated(*doc)
	if len(matches) == 0 {
		return ir.Diagnostics{o.src.at(ir.Fatal, a.ptr+"/target", fmt.Sprintf("target %s matches nothing in %s", a.text, s.name))}
	}
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].Path.Compare(matches[j].Path) > 0 })
	var ds ir.Diagnostics
	for _, m := range matches {
		var changed *yaml.Node
		parent, i, err := s.walkPath(m.Path)
		if err == "" {
			changed, err = s.change(o, a, parent, i)
		}
		if err != "" {
			ds = append(ds, o.src.at(ir.Fatal, a.ptr, fmt.Sprintf("target %s selects %s: %s", a.text, "#"+m.Path.Pointer(), err)))
			continue
		}
		if a.remove {
			*doc = setValue(*doc, m.Path, nil, true)
		} else {
			*doc = setValue(*doc, m.Path, toValue(changed), false)
		}
	}
	return ds
}

// walkPath finds the node a normalized path selects, as its parent and its
// index in the parent's Content (nil and -1 for the root). It refuses a
// path through an alias: changing the anchor would change every use.
func (s *source) walkPath(path spec.NormalizedPath) (parent *yaml.Node, i int, problem string) {
	n, i := s.root, -1
	for _, sel := range path {
		if n.Kind == yaml.AliasNode {
			return nil, 0, "it lies inside a YAML alias; an overlay cannot change one use of a shared anchor"
		}
		parent = n
		switch sel := sel.(type) {
		case spec.Name:
			i = mappingIndex(n, string(sel))
		case spec.Index:
			i = int(sel)
		}
		if i < 0 || i >= len(parent.Content) { // the value and the tree always agree
			return nil, 0, "it is not in the document's tree"
		}
		n = parent.Content[i]
	}
	if n.Kind == yaml.AliasNode {
		return nil, 0, "it is a YAML alias; an overlay cannot change one use of a shared anchor"
	}
	return parent, i, ""
}

// mappingIndex is the index in Content of the value under key (the last
// of a repeated key, as the plain value holds it).
func mappingIndex(n *yaml.Node, key string) int {
	at := -1
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			at = i + 1
		}
	}
	return at
}

// change removes or updates the node at parent.Content[i] (the root when
// parent is nil) and returns the node updated. An update merges an object
// into an object and appends to an array (Overlay 1.0).
func (s *source) change(o *overlay, a action, parent *yaml.Node, i int) (*yaml.Node, string) {
	if a.remove {
		switch {
		case parent == nil:
			return nil, "remove cannot take away the whole document"
		case parent.Kind == yaml.MappingNode:
			parent.Content = append(parent.Content[:i-1], parent.Content[i+1:]...)
		default:
			parent.Content = append(parent.Content[:i], parent.Content[i+1:]...)
		}
		return nil, ""
	}
	n := s.root
	if parent != nil {
		n = parent.Content[i]
	}
	switch update := resolveAlias(a.update); n.Kind {
	case yaml.MappingNode:
		if update == nil || update.Kind != yaml.MappingNode {
			return nil, "an object takes an update that is an object, merged into it"
		}
		s.merge(o, n, update)
	case yaml.SequenceNode:
		n.Content = append(n.Content, s.copyFrom(o, update))
	default:
		return nil, "a single value cannot be updated; target the object that holds it"
	}
	return n, ""
}

// merge merges the mapping src into dst: objects merge key by key, any
// other value replaces the one dst has.
func (s *source) merge(o *overlay, dst, src *yaml.Node) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		j, obj := mappingIndex(dst, k.Value), resolveAlias(v)
		switch {
		case j < 0:
			dst.Content = append(dst.Content, s.copyFrom(o, k), s.copyFrom(o, v))
		case dst.Content[j].Kind == yaml.MappingNode && obj != nil && obj.Kind == yaml.MappingNode:
			s.merge(o, dst.Content[j], obj)
		default:
			dst.Content[j] = s.copyFrom(o, v)
		}
	}
}

// copyFrom copies an overlay's node into the spec's tree, aliases
// expanded (their anchors stay in the overlay), each copy marked as the
// overlay's.
func (s *source) copyFrom(o *overlay, n *yaml.Node) *yaml.Node {
	if n = resolveAlias(n); n == nil { // an alias to nothing: yaml.v3 refuses it first
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	c := *n
	c.Anchor, c.Content = "", nil
	for _, child := range n.Content {
		c.Content = append(c.Content, s.copyFrom(o, child))
	}
	s.origin[&c] = o.src.name
	return &c
}

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
