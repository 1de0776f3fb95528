package parser

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Schemas that stand for no value. A schema made of $ref, allOf, oneOf and
// anyOf alone can lead back to itself with no property, array, map or
// other member in between (A: {oneOf: [A]}; A: {allOf: [B]}, B: {allOf:
// [A]}; A: {$ref: B}, B: {$ref: A}): nothing ends the recursion, and what
// atlasgen would write for it is a guess. Such schemas are refused.
//
// "Ends" is computed as a least fixpoint over the schemas $refs reach: a
// schema has a value when its $ref target has one, all its allOf members
// do, and one member of each oneOf/anyOf does. Two forms count as having a
// value whatever their members: a oneOf/anyOf with a discriminator (the
// members are variants behind a Go interface), and a base whose members
// allOf it back (upstream's CreateEndpointRequest: each member inherits
// the base's properties, not its choice).

// compNode is one schema of the composition graph.
type compNode struct {
	ptr     string
	ref     *yaml.Node   // the $ref target, or nil
	allOf   []*yaml.Node // every member must have a value
	choices [][]*yaml.Node
	ended   bool
}

type compGraph struct {
	src   *source
	nodes map[*yaml.Node]*compNode
	order []*yaml.Node // in discovery order, for determinism
}

// checkCycles takes the $ref targets found by the structure walk.
func (s *source) checkCycles(targets []refTarget, ds *ir.Diagnostics) {
	g := compGraph{src: s, nodes: map[*yaml.Node]*compNode{}}
	for i, t := range targets {
		targets[i].node = resolveAlias(t.node)
		g.add(targets[i].node, t.ptr)
	}
	g.settle()
	var named []*compNode
	for _, t := range targets {
		if c := g.nodes[t.node]; c != nil && !c.ended && !containsNode(named, c) { // a scalar target is no schema here
			named = append(named, c)
		}
	}
	sort.Slice(named, func(i, j int) bool { return named[i].ptr < named[j].ptr })
	for _, c := range named {
		*ds = append(*ds, s.at(ir.Fatal, c.ptr, fmt.Sprintf(
			"the schema stands for no value: through $ref, allOf, oneOf and anyOf alone it leads back to itself (%s); put a property, array, map or another member on the way",
			strings.Join(g.cycleFrom(c), " → "))))
	}
}

type refTarget struct {
	node *yaml.Node
	ptr  string
}

func containsNode(list []*compNode, c *compNode) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// add records the schema n at ptr and the composition members it uses.
func (g *compGraph) add(n *yaml.Node, ptr string) {
	if n = resolveAlias(n); n == nil {
		return
	}
	if _, seen := g.nodes[n]; seen || n.Kind != yaml.MappingNode {
		return
	}
	c := &compNode{ptr: ptr, ended: true}
	g.nodes[n], g.order = c, append(g.order, n)
	if ref := mapValue(n, "$ref"); ref != nil && ref.Kind == yaml.ScalarNode {
		if target, _, ok := g.src.lookup(ref.Value); ok && target.Kind == yaml.MappingNode {
			c.ref, c.ended = target, false
			g.add(target, ref.Value)
		}
	}
	for _, kw := range []string{"allOf", "oneOf", "anyOf"} {
		list := mapValue(n, kw)
		if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
			continue
		}
		members := make([]*yaml.Node, 0, len(list.Content))
		bare := false // a member that is no mapping (3.1's true) has a value of its own
		for i, m := range list.Content {
			if m = resolveAlias(m); m.Kind == yaml.MappingNode {
				members = append(members, m)
				g.add(m, join(ptr, kw, itoa(i)))
			} else {
				bare = true
			}
		}
		switch {
		case kw == "allOf":
			c.allOf = members
		case bare || discriminated(n) || g.inheritedBy(n, members):
			continue
		default:
			c.choices = append(c.choices, members)
		}
		c.ended = false
	}
}

// resolveAlias is the node an alias stands for (aliases of aliases too).
func resolveAlias(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 64; depth++ {
		n = n.Alias
	}
	return n
}

// discriminated reports whether a schema names a discriminator.
func discriminated(n *yaml.Node) bool {
	return mapValue(n, "discriminator") != nil || mapValue(n, encXgen) != nil
}

// inheritedBy reports whether some member allOf's the base back by $ref.
func (g *compGraph) inheritedBy(base *yaml.Node, members []*yaml.Node) bool {
	for _, m := range members {
		if target := g.refTarget(m); target != nil {
			m = target
		}
		for _, item := range seqItems(mapValue(m, "allOf")) {
			if g.refTarget(item) == base {
				return true
			}
		}
	}
	return false
}

func (g *compGraph) refTarget(n *yaml.Node) *yaml.Node {
	if ref := mapValue(n, "$ref"); ref != nil && ref.Kind == yaml.ScalarNode {
		if target, _, ok := g.src.lookup(ref.Value); ok {
			return target
		}
	}
	return nil
}

func seqItems(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// settle marks, until nothing changes, every schema whose parts have values.
func (g *compGraph) settle() {
	for changed := true; changed; {
		changed = false
		for _, n := range g.order {
			if c := g.nodes[n]; !c.ended && g.ends(c) {
				c.ended, changed = true, true
			}
		}
	}
}

func (g *compGraph) ends(c *compNode) bool {
	if c.ref != nil && !g.nodes[c.ref].ended {
		return false
	}
	for _, m := range c.allOf {
		if !g.nodes[m].ended {
			return false
		}
	}
	for _, members := range c.choices {
		if !g.anyEnded(members) {
			return false
		}
	}
	return true
}

func (g *compGraph) anyEnded(members []*yaml.Node) bool {
	for _, m := range members {
		if g.nodes[m].ended {
			return true
		}
	}
	return false
}

// cycleFrom follows schemas without a value from c until one repeats: the
// way back to itself the message shows.
func (g *compGraph) cycleFrom(c *compNode) []string {
	seen := map[*compNode]int{}
	var path []string
	for cur := c; ; {
		if i, ok := seen[cur]; ok {
			return append(path[i:], cur.ptr)
		}
		seen[cur] = len(path)
		path = append(path, cur.ptr)
		cur = g.nextUnended(cur)
		if cur == nil {
			return path
		}
	}
}

func (g *compGraph) nextUnended(c *compNode) *compNode {
	candidates := append([]*yaml.Node{c.ref}, c.allOf...)
	for _, members := range c.choices {
		candidates = append(candidates, members...)
	}
	for _, n := range candidates {
		if next := g.nodes[n]; n != nil && !next.ended {
			return next
		}
	}
	return nil
}
