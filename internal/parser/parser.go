// Package parser turns an OpenAPI 3 document into the IR. It is the only
// package that imports kin-openapi: it parses the document once into a
// tree that locates every diagnostic and that kin-openapi decodes (load.go),
// applies overlays to it, checks what kin-openapi does not, and settles every question the emitter
// would otherwise ask — chosen versions, names, unions, validation rules and
// readOnly handling.
package parser

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// Options control how a document is resolved.
type Options struct {
	// APIDate pins the snapshot: each operation uses its newest version on or
	// before it. Empty means the newest date found in the document.
	APIDate string
	// Reserved are Go identifiers the generated package already declares
	// (the runtime copied from templates/); no schema-derived name takes one.
	Reserved []string
	// AtlasFixes applies the corrections of AtlasFixes(): patterns the
	// published spec states more strictly than Atlas itself.
	AtlasFixes bool
	// Include and Exclude choose the operations generated (by tag or
	// operationId; an empty Include keeps all): the types they reach come
	// with them, named as in the whole SDK.
	Include, Exclude Selection
	// Versions pins single operations, by operationId, to their newest
	// version on or before a date, instead of APIDate.
	Versions map[string]string
	// Names renames: Go method names by operationId, Go type names by
	// schema name. Names derived from them (params, request types) follow.
	Names Names
	// Overlays are OpenAPI Overlay 1.0 documents applied, in order, to the
	// document before anything reads it.
	Overlays []Document
	// Keep holds the names an earlier snapshot declared: those this one
	// names otherwise stay, deprecated (ir.API.Kept).
	Keep Keep
	// FakeReserved are the exported names the atlasfake runtime declares:
	// an operation's constant there takes another.
	FakeReserved []string
}

// Names are Go names chosen by the user over the generated ones.
type Names struct {
	Operations map[string]string `json:"operations,omitempty"`
	Schemas    map[string]string `json:"schemas,omitempty"`
}

var apiDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Parse reads the document named name (used in diagnostics) and returns its
// IR. Fatal problems come back together as an ir.Diagnostics error; warnings
// are in the API's Diagnostics.
func Parse(name string, data []byte, opts Options) (*ir.API, error) {
	if err := checkAPIDate(opts.APIDate); err != nil {
		return nil, err
	}
	for _, id := range sortedKeys(opts.Versions) {
		if err := checkAPIDate(opts.Versions[id]); err != nil || opts.Versions[id] == "" {
			return nil, ir.Diagnostics{optionError(join("#/versions", id), "invalid date %q for %s: want YYYY-MM-DD", opts.Versions[id], id)}
		}
	}
	src, kin, err := readDocument(name, data, opts.Overlays)
	if err != nil {
		return nil, err
	}
	structure := src.checkStructure()
	// A document refused here is not waited for: kin-openapi's load ends
	// on its own and its buffered result is dropped.
	if structure.HasFatal() {
		return nil, structure.Sort()
	}
	k := <-kin
	if k.err != nil {
		return nil, src.kinErrors(k.err)
	}
	doc := k.doc
	b := newBuilder(src, doc, opts)
	api := b.build()
	if b.diags.HasFatal() {
		return nil, fatalOnly(b.diags).Sort() // the warnings of a refused document would bury its errors
	}
	if len(api.Operations) == 0 && len(api.Skipped) > 0 {
		return nil, fmt.Errorf("API date %s is before every version in %s (the first is %s): the SDK would have no operations",
			api.APIDate, name, api.Dates[0])
	}
	api.Diagnostics = b.diags.Sort()
	return api, nil
}

// readDocument reads the document as a tree, applies the overlays to it
// and starts kin-openapi's decoding of it (load.go): the document is parsed
// once, and the checks that need only the tree run while kin decodes.
func readDocument(name string, data []byte, overlays []Document) (*source, <-chan loaded, error) {
	src, syntax := readSource(name, data)
	if syntax != nil {
		return nil, nil, ir.Diagnostics{*syntax}
	}
	if src.root == nil || src.root.Kind != yaml.MappingNode {
		return src, nil, nil // checkStructure refuses it
	}
	if d := src.aliasBomb(); d != nil {
		return nil, nil, ir.Diagnostics{*d} // decoding it would expand it
	}
	// Ready before the overlays (whose JSONPath reads keys as their text)
	// and again after, for what they wrote.
	if err := prepareTree(src.root); err != nil {
		return nil, nil, src.kinErrors(err)
	}
	if len(overlays) > 0 {
		if ds := src.applyOverlays(overlays); len(ds) > 0 {
			return nil, nil, ds.Sort()
		}
		if err := prepareTree(src.root); err != nil {
			return nil, nil, src.kinErrors(err)
		}
	}
	return src, startDecode(src.root), nil
}

// fatalOnly keeps the fatal problems of ds.
func fatalOnly(ds ir.Diagnostics) ir.Diagnostics {
	var out ir.Diagnostics
	for _, d := range ds {
		if d.Severity == ir.Fatal {
			out = append(out, d)
		}
	}
	return out
}

// checkAPIDate accepts "" (the newest date) or a real calendar date in
// YYYY-MM-DD form: 2024-13-01 and 2024-02-31 are refused, not compared as
// strings.
func checkAPIDate(date string) error {
	if date == "" {
		return nil
	}
	if !apiDate.MatchString(date) {
		return fmt.Errorf("invalid API date %q: want YYYY-MM-DD", date)
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return fmt.Errorf("invalid API date %q: not a calendar date", date)
	}
	return nil
}

// kinPart is one of the problems kin-openapi's loader lists in one error:
// "line 7: cannot construct !!int `7` into openapi3.Operation in /paths/~1x/post".
var kinPart = regexp.MustCompile(`line (\d+): ([^;]+?)(?: in (/[^;]*))?(?:;|$)`)

// kinPointer is a JSON pointer kin-openapi quotes in a resolution error:
// bad data in "#/info/title" (expecting ref to schema object).
var kinPointer = regexp.MustCompile(`"(#/[^"]*)"`)

// kinErrors turns a load error into located diagnostics, one per problem
// it lists, at the JSON pointer it names (or the line it gives).
func (s *source) kinErrors(err error) ir.Diagnostics {
	var ds ir.Diagnostics
	for _, e := range decodeErrors(err) {
		if ptr, ok := s.pointerAt(e.line, e.col); ok {
			ds = append(ds, s.at(ir.Fatal, ptr, "invalid OpenAPI: "+e.msg))
		} else {
			ds = append(ds, ir.Diagnostic{Severity: ir.Fatal, File: s.name, Line: max(e.line, 1), Col: max(e.col, 1), Message: "invalid OpenAPI: " + e.msg})
		}
	}
	if len(ds) > 0 {
		return ds.Sort()
	}
	for _, m := range kinPart.FindAllStringSubmatch(err.Error(), -1) {
		d := ir.Diagnostic{Severity: ir.Fatal, File: s.name, Col: 1, Message: m[2]}
		d.Line, _ = strconv.Atoi(m[1])
		if ptr, ok := s.pointerAt(d.Line, 0); ok && d.Line >= syntheticLine && m[3] == "" {
			d = s.at(ir.Fatal, ptr, m[2]) // a line of a node an overlay wrote
		}
		if m[3] != "" {
			d = s.at(ir.Fatal, "#"+m[3], "invalid OpenAPI: "+m[2])
		}
		ds = append(ds, d)
	}
	if len(ds) == 0 {
		msg := strings.TrimPrefix(err.Error(), "loading OpenAPI document: ")
		if m := kinPointer.FindStringSubmatch(msg); m != nil && s.has(m[1]) {
			return ir.Diagnostics{s.at(ir.Fatal, m[1], "invalid OpenAPI: "+msg)}
		}
		ds = ir.Diagnostics{{Severity: ir.Fatal, File: s.name, Line: 1, Col: 1, Message: err.Error()}}
	}
	return ds.Sort()
}

// sortedKeys returns a map's keys in order: kin-openapi hands out plain maps.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
