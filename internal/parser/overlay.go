package parser

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/theory/jsonpath"
	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Document is one input file: the name diagnostics give it, and its bytes.
type Document struct {
	Name string
	Data []byte
}

// overlay is a read OpenAPI Overlay 1.0 document: its tree (which locates
// problems in it) and its actions, in order.
type overlay struct {
	src     *source
	actions []action
}

// action is one entry of an overlay's actions.
type action struct {
	ptr    string // #/actions/i in the overlay
	target *jsonpath.Path
	text   string     // the target as written
	at     *yaml.Node // the target's node, which locates "matches nothing"
	update *yaml.Node
	remove bool
}

// readOverlay reads and checks an overlay document; it applies nothing.
func readOverlay(doc Document) (*overlay, ir.Diagnostics) {
	src, syntax := readSource(doc.Name, doc.Data)
	if syntax != nil {
		return nil, ir.Diagnostics{*syntax}
	}
	if src.root == nil || src.root.Kind != yaml.MappingNode {
		return nil, ir.Diagnostics{src.at(ir.Fatal, "#", "not an overlay: want a mapping with overlay: 1.0.0, info and actions")}
	}
	if d := src.aliasBomb(); d != nil {
		return nil, ir.Diagnostics{*d}
	}
	var ds ir.Diagnostics
	walkYAML(src.root, func(n *yaml.Node, ptr func() string, _ bool) {
		if n.Kind == yaml.MappingNode {
			src.checkKeys(n, ptr, &ds)
		}
	})
	o := &overlay{src: src}
	o.readTop(&ds)
	return o, ds
}

// readTop checks the overlay's top-level keys and reads its actions.
func (o *overlay) readTop(ds *ir.Diagnostics) {
	fail := func(ptr, format string, args ...any) {
		*ds = append(*ds, o.src.at(ir.Fatal, ptr, fmt.Sprintf(format, args...)))
	}
	root := o.src.root
	switch v := mapValue(root, "overlay"); {
	case v == nil:
		fail("#", "not an overlay: no overlay: 1.0.0 field")
	case v.Kind != yaml.ScalarNode || !strings.HasPrefix(v.Value, "1.0."):
		fail("#/overlay", "overlay version %q: atlasgen applies Overlay 1.0 (overlay: 1.0.0)", v.Value)
	}
	if info := mapValue(root, "info"); info == nil || info.Kind != yaml.MappingNode {
		fail("#", "the overlay has no info mapping (Overlay 1.0 requires info with a title and version)")
	} else {
		for _, k := range []string{"title", "version"} {
			if v := mapValue(info, k); v == nil || v.Kind != yaml.ScalarNode {
				fail("#/info", "info has no %s (Overlay 1.0 requires it)", k)
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i].Value; !strings.HasPrefix(k, "x-") && !oneOf(k, "overlay", "info", "extends", "actions") {
			fail("#/"+escapePointer(k), "unknown overlay field %q (overlay, info, extends, actions, x-…)", k)
		}
	}
	acts := mapValue(root, "actions")
	if acts == nil || acts.Kind != yaml.SequenceNode || len(acts.Content) == 0 {
		fail("#", "the overlay has no actions (want a list of target with update or remove)")
		return
	}
	for i, n := range acts.Content {
		if a, ok := o.readAction(n, "#/actions/"+strconv.Itoa(i), ds); ok {
			o.actions = append(o.actions, a)
		}
	}
}

// readAction reads one action: a JSONPath target and an update or a remove.
func (o *overlay) readAction(n *yaml.Node, ptr string, ds *ir.Diagnostics) (action, bool) {
	fail := func(p, format string, args ...any) {
		*ds = append(*ds, o.src.at(ir.Fatal, p, fmt.Sprintf(format, args...)))
	}
	a := action{ptr: ptr, update: mapValue(n, "update")}
	if n.Kind != yaml.MappingNode {
		fail(ptr, "an action is a mapping with target and update or remove")
		return a, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !strings.HasPrefix(k, "x-") && !oneOf(k, "target", "description", "update", "remove") {
			fail(join(ptr, k), "unknown action field %q (target, description, update, remove, x-…)", k)
		}
	}
	a.at = mapValue(n, "target")
	if a.at == nil || a.at.Kind != yaml.ScalarNode || a.at.Tag == "!!null" {
		fail(ptr, "the action has no target (a JSONPath such as $.paths['/api/atlas/v2'].get)")
		return a, false
	}
	a.text = a.at.Value
	path, err := jsonpath.Parse(a.text)
	if err != nil {
		fail(ptr+"/target", "target %q is not a JSONPath: %v", a.text, strings.TrimPrefix(err.Error(), "jsonpath: "))
		return a, false
	}
	a.target = path
	if r := mapValue(n, "remove"); r != nil {
		if r.Kind != yaml.ScalarNode || r.Tag != "!!bool" {
			fail(ptr+"/remove", "remove is true or false")
			return a, false
		}
		a.remove = r.Value == "true"
	}
	switch {
	case a.remove && a.update != nil:
		fail(ptr, "the action has both update and remove: true; make them two actions")
		return a, false
	case !a.remove && a.update == nil:
		fail(ptr, "the action has neither update nor remove: true")
		return a, false
	}
	return a, true
}

func oneOf(s string, set ...string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}
