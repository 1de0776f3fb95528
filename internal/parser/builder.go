package parser

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// builder carries the state of one Parse call; nothing outlives it.
type builder struct {
	src   *source
	doc   *openapi3.T
	opts  Options
	diags ir.Diagnostics
	names *namer // package-level identifiers
	// methods names the client's operation methods: they live in the
	// Client's method set, not beside the types.
	methods *namer
	comps   map[string]*component // by JSON pointer
	types   map[string]*ir.Type   // by Go name
	warned  map[string]bool       // pointer+message already reported
	// patterns caches how each distinct pattern is enforced, verdicts
	// how each engine compiled it.
	patterns map[string]*ir.Pattern
	verdicts map[string]verdict
	// unions caches union detection by schema pointer ("" key misses).
	unions map[string]*unionSpec
	// skippedRules collects request constraints no validator checks.
	skippedRules map[string]ir.Unenforced
	// fallbacks collects schemas emitted as any, raw JSON or free-form maps.
	fallbacks map[string]ir.Fallback
	// corrections collects the Atlas fixes applied, by pattern pointer.
	corrections map[string]ir.Correction
	// shapes caches flattened schemas by pointer.
	shapes map[string]cachedShape
	// building names the inline types under construction, by origin.
	building map[string]string
	// iface is the name of the client's interface (ir.API.Interface).
	iface string
	// enumKeys maps each owner name inline enums are named after to the
	// owner's name-free identity, which an enum's Key is made of.
	enumKeys map[string]string
	// reached marks, per direction, the inline schemas reach has walked.
	reached map[string][2]bool
	// diffs memoizes schemaDiffers by pointer.
	diffs map[string]shapeDiff
}

// component is one entry of #/components/schemas and how the snapshot uses it.
type component struct {
	name, ptr string
	ref       *openapi3.SchemaRef
	// used says, per direction, whether an operation reaches it directly
	// (not only as a union member); visited that reach has walked it.
	used, visited [2]bool
	goName        string
	reqName       string
}

// direction is where a schema is used: a request or a response.
type direction int

const (
	inResponse direction = iota
	inRequest
)

func dir(request bool) direction {
	if request {
		return inRequest
	}
	return inResponse
}

// shapeDiff is whether a schema's request shape differs from its response
// shape, as far as computed.
type shapeDiff int

const (
	diffUnknown shapeDiff = iota
	diffNo
	diffYes
)

// plan is an operation chosen for the snapshot.
type plan struct {
	id, method, path, ptr string
	op                    *openapi3.Operation
	version               string
	versions              []string
}

func newBuilder(src *source, doc *openapi3.T, opts Options) *builder {
	b := &builder{src: src, doc: doc, opts: opts, comps: map[string]*component{},
		types: map[string]*ir.Type{}, warned: map[string]bool{}, skippedRules: map[string]ir.Unenforced{},
		patterns: map[string]*ir.Pattern{}, verdicts: map[string]verdict{}, unions: map[string]*unionSpec{}, fallbacks: map[string]ir.Fallback{},
		corrections: map[string]ir.Correction{}, shapes: map[string]cachedShape{}, building: map[string]string{}, enumKeys: map[string]string{}, reached: map[string][2]bool{}, diffs: map[string]shapeDiff{}}
	if doc.Components != nil {
		for name, s := range doc.Components.Schemas {
			ptr := join("#/components/schemas", name)
			b.comps[ptr] = &component{name: name, ptr: ptr, ref: s}
		}
	}
	return b
}

func (b *builder) fatal(ptr, format string, args ...any) {
	b.diags = append(b.diags, b.src.at(ir.Fatal, ptr, fmt.Sprintf(format, args...)))
}

// fatalOnce reports a fatal problem once per pointer and message: it is
// found where a shared schema is flattened, which may be more than once.
func (b *builder) fatalOnce(ptr, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !b.warned[ptr+"\x00"+msg] {
		b.warned[ptr+"\x00"+msg] = true
		b.diags = append(b.diags, b.src.at(ir.Fatal, ptr, msg))
	}
}

// warn reports a warning of a kind once per pointer and message.
func (b *builder) warn(kind ir.DiagKind, ptr, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if b.warned[ptr+"\x00"+msg] {
		return
	}
	b.warned[ptr+"\x00"+msg] = true
	d := b.src.at(ir.Warning, ptr, msg)
	d.Kind = kind
	b.diags = append(b.diags, d)
}

// build runs the stages in order: choose versions, find what is used, name
// it, then build operations (which build their types on demand).
func (b *builder) build() *ir.API {
	api := &ir.API{Title: b.doc.Info.Title, Version: b.doc.Info.Version}
	b.sanitize()
	plans, all := b.operations()
	api.Dates = all
	api.APIDate = b.opts.APIDate
	if api.APIDate == "" && len(all) > 0 {
		api.APIDate = all[len(all)-1]
	}
	if ds := checkSelection(plans, b.opts); len(ds) > 0 {
		b.diags = append(b.diags, ds...)
		return api
	}
	b.outsideSubset(plans)
	chosen := b.chooseVersions(api, plans)
	b.checkPathConflicts()
	b.checkExamples()
	b.checkQuirks()
	if b.diags.HasFatal() {
		return api
	}
	for _, p := range chosen {
		b.reachOperation(p)
	}
	b.nameComponents()
	b.claimOperationNames(chosen)
	if b.diags.HasFatal() {
		return api
	}
	keep := map[*ir.Operation]bool{}
	for _, p := range chosen {
		o := b.operation(p)
		api.Operations = append(api.Operations, o)
		keep[o] = selected(p, b.opts)
	}
	b.collect(api)
	b.checkDisplaced(api.Operations)
	if b.opts.subset() {
		prune(api, keep, &b.diags)
		b.namesOutsideSubset(api)
	}
	b.keepNames(api)
	api.Interface = b.iface
	fakeNames(api, b.opts.FakeReserved)
	return api
}

// chooseVersions picks each operation's version: the newest on or before
// its own date in Versions, else the API date. An operation with none is
// left out and reported; one pinned by Versions to a date before all its
// versions is an error.
func (b *builder) chooseVersions(api *ir.API, plans []*plan) []*plan {
	var chosen []*plan
	for _, p := range plans {
		date, pinned := b.opts.Versions[p.id]
		if !pinned {
			date = api.APIDate
		}
		if len(p.versions) == 0 {
			if pinned {
				b.diags = append(b.diags, optionError(join("#/versions", p.id), "%s has no dated versions to pin", p.id))
			}
			chosen = append(chosen, p)
			continue
		}
		v, ok := pickVersion(p.versions, date)
		switch {
		case !ok && pinned:
			b.diags = append(b.diags, optionError(join("#/versions", p.id), "%s has no version on or before %s (its first is %s)", p.id, date, p.versions[0]))
		case !ok && !selected(p, b.opts): // left out anyway
		case !ok:
			api.Skipped = append(api.Skipped, ir.Skipped{OperationID: p.id, Versions: p.versions,
				Reason: fmt.Sprintf("no version on or before %s (first is %s)", date, p.versions[0])})
		default:
			p.version = v
			chosen = append(chosen, p)
		}
	}
	return chosen
}

// collect puts what building found into the API, each list in a stable
// order, and boxes the value recursions Go cannot declare.
func (b *builder) collect(api *ir.API) {
	sort.Slice(api.Operations, func(i, j int) bool { return api.Operations[i].GoName < api.Operations[j].GoName })
	for _, name := range sortedKeys(b.types) {
		api.Types = append(api.Types, b.types[name])
	}
	b.boxRecursion(api.Types)
	for _, k := range sortedKeys(b.fallbacks) {
		api.Fallbacks = append(api.Fallbacks, b.fallbacks[k])
	}
	for _, k := range sortedKeys(b.skippedRules) {
		api.Unenforced = append(api.Unenforced, b.skippedRules[k])
	}
	for _, k := range sortedKeys(b.corrections) {
		api.Corrections = append(api.Corrections, b.corrections[k])
	}
}

// operations lists every operation with its versions, sorted by operationId,
// and reports duplicate operationIds.
func (b *builder) operations() ([]*plan, []string) {
	var plans []*plan
	dates := map[string]bool{}
	seen := map[string]string{}
	for _, path := range sortedKeys(b.doc.Paths.Map()) {
		item := b.doc.Paths.Value(path)
		for _, method := range sortedKeys(item.Operations()) {
			op := item.GetOperation(method)
			ptr := join("#/paths", path, strings.ToLower(method))
			id := op.OperationID
			if id == "" {
				id = strings.ToLower(method) + " " + path
				b.warn(ir.DiagNoOperationID, ptr, "operation has no operationId; named %s after its method and path", pascal(id))
			}
			if prev, dup := seen[id]; dup {
				at, other := join(ptr, "operationId"), prev
				if b.src.writtenByOverlay(join(prev, "operationId")) && !b.src.writtenByOverlay(at) {
					at, other = join(prev, "operationId"), ptr // the overlay wrote the duplicate
				}
				b.fatal(at, "duplicate operationId %q (also at %s)", id, other)
				continue
			}
			seen[id] = ptr
			p := &plan{id: id, method: strings.ToUpper(method), path: path, ptr: ptr, op: op, versions: operationDates(op)}
			for _, d := range p.versions {
				dates[d] = true
			}
			plans = append(plans, p)
		}
	}
	sort.Slice(plans, func(i, j int) bool { return plans[i].id < plans[j].id })
	return plans, sortedKeys(dates)
}

// isErrorStatus reports whether a response key describes a failure.
func isErrorStatus(status string) bool {
	return status == "default" || status[0] == '4' || status[0] == '5'
}
