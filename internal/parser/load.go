package parser

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// The document is parsed once. kin-openapi's LoadFromData parses the bytes
// into a go.yaml.in/yaml/v4 tree, readies its scalars, decodes the tree into
// an openapi3.T and resolves its $refs; the parser reads the same kind of
// tree to locate diagnostics and to apply overlays, so it hands kin-openapi
// that tree and does the rest of LoadFromData here: the same scalar rules
// (prepareTree), then kin-openapi's own decoding and resolution.
// TestLoadIsKinOpenAPIs holds the result to LoadFromData's on every spec
// the tests have, so an upgrade of kin-openapi that reads otherwise fails.

// loaded is kin-openapi's result.
type loaded struct {
	doc *openapi3.T
	err error
}

// startDecode decodes the tree into kin-openapi's document in the
// background: the tree must not change any more. prepareTree has run.
func startDecode(root *yaml.Node) <-chan loaded {
	kin := make(chan loaded, 1)
	go func() {
		doc, err := decodeTree(root)
		kin <- loaded{doc, err}
	}()
	return kin
}

// decodeTree is LoadFromData after the parse, with external references off.
func decodeTree(root *yaml.Node) (*openapi3.T, error) {
	doc := &openapi3.T{}
	if err := root.Decode(doc); err != nil {
		return nil, fmt.Errorf("loading OpenAPI document: %w", err)
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = context.Background()
	if err := loader.ResolveRefsIn(doc, nil); err != nil {
		return nil, fmt.Errorf("loading OpenAPI document: %w", err)
	}
	return doc, nil
}

// prepareTree applies, in place, the rules kin-openapi's loader applies to
// a tree before decoding it, so that a document reads as LoadFromData reads
// it: an application's own tag (description: !md text) and a timestamp
// (an example 2020-06-11T16:32:50Z) are strings; infinity and NaN, which
// JSON has not, are refused; a mapping key is its text (0 and .0 are two
// names, not the number zero twice), a key written as an alias names what
// its anchor says, and a null key is refused. Aliases inside their own
// anchor are refused before this runs (aliasBomb).
func prepareTree(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") || n.Tag == "!!timestamp" {
			n.Tag = "!!str"
		}
		if v := strings.ToLower(strings.TrimLeft(n.Value, "+-")); n.Tag == "!!float" && (v == ".inf" || v == ".nan") {
			return fmt.Errorf("line %d: %s has no JSON representation", n.Line, n.Value)
		}
	case yaml.MappingNode:
		if err := nameKeys(n); err != nil {
			return err
		}
	}
	for _, c := range n.Content {
		if err := prepareTree(c); err != nil {
			return err
		}
	}
	return nil
}

// nameKeys makes each key of a mapping the text it is written as.
func nameKeys(n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Tag == "!!merge" || k.Value == "<<" && k.Style == 0 && (k.Tag == "" || k.Tag == "!!str") {
			continue // an instruction, not a name
		}
		// A key written as an alias names what its anchor says (an alias
		// node's Value is the anchor's name): a copy of the scalar takes
		// its place, at the alias's line, the anchor keeping its own type.
		if k.Kind == yaml.AliasNode && k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			named := *k.Alias
			named.Anchor, named.Line, named.Column = "", k.Line, k.Column
			n.Content[i], k = &named, &named
		}
		switch {
		case k.Kind != yaml.ScalarNode || k.Tag == "!!str":
		case k.Tag == "!!null":
			return fmt.Errorf("line %d: mapping key is null, so it names nothing", k.Line)
		default:
			k.Tag = "!!str"
		}
	}
	return nil
}

// decodeErrors are the problems of a failed decode, each with the line and
// column of the node it is about (0 for none).
func decodeErrors(err error) []decodeError {
	var errs *yaml.LoadErrors
	if !errors.As(err, &errs) {
		return nil
	}
	out := make([]decodeError, 0, len(errs.Errors))
	for _, e := range errs.Errors {
		out = append(out, decodeError{e.Mark.Line, e.Mark.Column, e.Message})
	}
	return out
}

type decodeError struct {
	line, col int
	msg       string
}
