package parser

import (
	"fmt"
	"sort"

	"github.com/theory/jsonpath/spec"
	"go.yaml.in/yaml/v4"

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
	a := &applier{src: s, doc: toValue(s.root), shared: aliasedAnchors(s.root), budget: maxCopied, nextLine: syntheticLine}
	for _, o := range overlays {
		for _, act := range o.actions {
			ds = append(ds, a.apply(o, act)...)
			if a.budget < 0 {
				return ds
			}
		}
	}
	s.keys = map[*yaml.Node]map[string]int{} // mappings changed under any index built
	return ds
}

// maxCopied bounds the nodes overlays may copy into the spec: an update
// is copied, aliases expanded, into every node its target selects, so a
// small overlay could otherwise grow the tree without limit.
const maxCopied = 1 << 20

// applier applies actions to one spec's tree and keeps the plain value
// JSONPath reads in step with it.
type applier struct {
	src    *source
	doc    any
	shared map[*yaml.Node]bool // anchors some alias uses
	budget int                 // nodes still allowed to be copied; < 0 once exceeded
	// nextLine is the next line number a copied node takes: past any line
	// of a document atlasgen reads.
	nextLine int
}

// syntheticLine is the first line number copied nodes take.
const syntheticLine = 1 << 30

// apply runs one action on every node its target selects, each once (a
// query may select a node twice). Removals are gathered per parent and
// made in one pass each, so no index shifts under a match still to come.
func (a *applier) apply(o *overlay, act action) ir.Diagnostics {
	matches := act.target.SelectLocated(a.doc)
	if len(matches) == 0 {
		return ir.Diagnostics{o.src.at(ir.Fatal, act.ptr+"/target", fmt.Sprintf("target %s matches nothing in %s", act.text, a.src.name))}
	}
	// The deepest and last first: an update of a node inside another that
	// is selected too lands before the outer one can replace it.
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].Path.Compare(matches[j].Path) > 0 })
	var ds ir.Diagnostics
	removals := map[string]*removal{}
	for i, m := range matches {
		if i > 0 && m.Path.Compare(matches[i-1].Path) == 0 {
			continue
		}
		parent, at, problem := a.walkPath(m.Path)
		switch {
		case problem != "":
		case act.remove:
			problem = a.markRemoval(removals, m.Path, parent, at)
		default:
			problem = a.update(o, act, m.Path, parent, at)
		}
		if problem != "" {
			ds = append(ds, o.src.at(ir.Fatal, act.ptr, fmt.Sprintf("target %s selects %s: %s", act.text, "#"+m.Path.Pointer(), problem)))
		}
		if a.budget < 0 {
			return append(ds, o.src.at(ir.Fatal, act.ptr, fmt.Sprintf("the updates would copy more than %d nodes into %s: refused", maxCopied, a.src.name)))
		}
	}
	a.remove(removals)
	return ds
}

// removal is the items to take out of one parent.
type removal struct {
	path   spec.NormalizedPath
	parent *yaml.Node
	at     map[int]bool
}

func (a *applier) markRemoval(removals map[string]*removal, path spec.NormalizedPath, parent *yaml.Node, at int) string {
	if parent == nil {
		return "remove cannot take away the whole document"
	}
	key := path[:len(path)-1].String()
	r := removals[key]
	if r == nil {
		r = &removal{path: path[:len(path)-1], parent: parent, at: map[int]bool{}}
		removals[key] = r
	}
	r.at[at] = true
	return ""
}

// remove takes the marked items out of each parent, deepest parents first
// (a parent inside another that loses it is then changed for nothing),
// and renews the plain value of each.
func (a *applier) remove(removals map[string]*removal) {
	keys := make([]string, 0, len(removals))
	for k := range removals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return removals[keys[i]].path.Compare(removals[keys[j]].path) > 0 })
	for _, k := range keys {
		r := removals[k]
		kept := r.parent.Content[:0:0]
		for i, c := range r.parent.Content {
			value := i
			if r.parent.Kind == yaml.MappingNode && i%2 == 0 {
				value = i + 1 // a key goes with its value
			}
			if !r.at[value] {
				kept = append(kept, c)
			}
		}
		r.parent.Content = kept
		a.doc = setValue(a.doc, r.path, toValue(r.parent), false)
	}
}

// walkPath finds the node a normalized path selects, as its parent and its
// index in the parent's Content (nil and -1 for the root). It refuses a
// path through an alias or a shared anchor: changing what an anchor holds
// would change every use of it.
func (a *applier) walkPath(path spec.NormalizedPath) (parent *yaml.Node, i int, problem string) {
	n, i := a.src.root, -1
	for _, sel := range path {
		if n.Kind == yaml.AliasNode || a.shared[n] {
			return nil, 0, "it lies inside a YAML anchor that aliases share; an overlay cannot change one use of it"
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
	if n.Kind == yaml.AliasNode || a.shared[n] {
		return nil, 0, "it is a YAML alias or an anchor that aliases share; an overlay cannot change one use of it"
	}
	return parent, i, ""
}

// aliasedAnchors are the nodes some alias of the tree stands for.
func aliasedAnchors(root *yaml.Node) map[*yaml.Node]bool {
	shared := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			shared[n.Alias] = true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return shared
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

// update merges the action's update into the node at parent.Content[i]
// (the root when parent is nil) and renews its plain value: an object
// takes an object, merged into it; an array an entry appended (Overlay 1.0).
func (a *applier) update(o *overlay, act action, path spec.NormalizedPath, parent *yaml.Node, i int) string {
	n := a.src.root
	if parent != nil {
		n = parent.Content[i]
	}
	switch update := resolveAlias(act.update); n.Kind {
	case yaml.MappingNode:
		if update == nil || update.Kind != yaml.MappingNode {
			return "an object takes an update that is an object, merged into it"
		}
		if problem := a.merge(o, n, update); problem != "" {
			return problem
		}
	case yaml.SequenceNode:
		n.Content = append(n.Content, a.copyFrom(o, update))
	default:
		return "a single value cannot be updated; target the object that holds it"
	}
	a.doc = setValue(a.doc, path, toValue(n), false)
	return ""
}

// merge merges the mapping src into dst: objects merge key by key, any
// other value replaces the one dst has. A value of dst that is an alias
// gets a copy of its own before an object merges into it, so the anchor's
// other uses keep what they had; an anchor aliases share is not changed.
func (a *applier) merge(o *overlay, dst, src *yaml.Node) string {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		j, obj := mappingIndex(dst, keyText(k)), resolveAlias(v)
		if j < 0 {
			dst.Content = append(dst.Content, a.copyFrom(o, k), a.copyFrom(o, v))
			continue
		}
		cur := dst.Content[j]
		if a.shared[cur] {
			return fmt.Sprintf("the update reaches %q, a YAML anchor that aliases share; an overlay cannot change one use of it", keyText(k))
		}
		if target := resolveAlias(cur); cur.Kind == yaml.AliasNode && target != nil && target.Kind == yaml.MappingNode && obj != nil && obj.Kind == yaml.MappingNode {
			cur = unshare(target)
			dst.Content[j] = cur
		}
		if cur.Kind == yaml.MappingNode && obj != nil && obj.Kind == yaml.MappingNode {
			if problem := a.merge(o, cur, obj); problem != "" {
				return problem
			}
			continue
		}
		dst.Content[j] = a.copyFrom(o, v)
	}
	return ""
}

// unshare copies the spec's node an alias stands for, for one use of it:
// written where the anchor was, with no anchor of its own.
func unshare(n *yaml.Node) *yaml.Node {
	c := *n
	c.Anchor, c.Content = "", make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = unshare(child)
	}
	return &c
}

// keyText is the text a key names (the anchored scalar, for an alias).
func keyText(k *yaml.Node) string {
	if r := resolveAlias(k); r != nil {
		return r.Value
	}
	return k.Value
}

// copyFrom copies an overlay's node into the spec's tree, aliases
// expanded (their anchors stay in the overlay), each copy marked as the
// overlay's, within the budget.
func (a *applier) copyFrom(o *overlay, n *yaml.Node) *yaml.Node {
	if n = resolveAlias(n); n == nil || a.budget < 0 { // an alias to nothing: yaml.v3 refuses it first
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	if a.budget--; a.budget < 0 {
		return n
	}
	c := *n
	c.Anchor, c.Content = "", nil
	for _, child := range n.Content {
		c.Content = append(c.Content, a.copyFrom(o, child))
	}
	a.src.origin[&c] = place{o.src.name, position{n.Line, n.Column}}
	c.Line, c.Column = a.nextLine, 1 // a line of its own (source.origin)
	a.nextLine++
	return &c
}
