package parser

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// operation builds the IR of one chosen operation.
func (b *builder) operation(p *plan) *ir.Operation {
	op := p.op
	name := pascal(p.id)
	if chosen, ok := b.opts.Names.Operations[p.id]; ok {
		name = chosen // claimed first, in nameComponents
	}
	o := &ir.Operation{ID: p.id, GoName: b.methods.claim(name, p.ptr), Method: p.method, Path: p.path,
		Summary: op.Summary, Description: op.Description, Deprecated: op.Deprecated, Sunset: b.sunset(op.Extensions, p.ptr),
		Version: p.version, Versions: p.versions, Pointer: p.ptr}
	if len(op.Tags) > 0 {
		o.Tag = op.Tags[0]
	}
	b.enumKey(o.GoName, p.ptr)
	o.Params = b.params(p, o.GoName)
	o.PathParts = b.pathParts(p, o.Params)
	for _, prm := range o.Params.Params {
		if prm.In == "query" && prm.Name == "envelope" && prm.Type.Kind == ir.RefBool {
			o.Envelope = prm.GoName
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		if media := pickMedia(rb.Value.Content, p.version); media != "" {
			mt := rb.Value.Content[media]
			at := join(p.ptr, "requestBody", "content", media, "schema")
			o.Body = &ir.Body{ContentType: media, Required: rb.Value.Required, Description: rb.Value.Description,
				Type: b.typeRef(mt.Schema, site{ptr: at, owner: o.GoName, enumOwner: o.GoName, field: "Body", request: true})}
			o.Body.Type.Nullable = false // a method takes a body or none: a null body says nothing more
		}
	}
	o.Responses = b.responses(p, o.GoName)
	if b.isEnvelope(o.Success()) {
		o.Envelope = ""
	}
	o.Accept = "application/json"
	if s := o.Success(); s != nil && s.ContentType != "" {
		o.Accept = s.ContentType
	} else if p.version != "" {
		o.Accept = "application/vnd.atlas." + p.version + "+json"
	}
	o.Alternates = b.alternates(p, o)
	o.Pagination = b.pagination(o)
	return o
}

// alternates lists the success body's other media types at the chosen
// version; each becomes a method named for its suffix (GetInvoiceCSV).
func (b *builder) alternates(p *plan, o *ir.Operation) []ir.Alternate {
	s := o.Success()
	if s == nil || p.version == "" {
		return nil
	}
	var out []ir.Alternate
	for _, media := range sortedKeys(p.op.Responses.Value(s.Status).Value.Content) {
		d, suffix, ok := mediaDate(media)
		if !ok || d != p.version || media == s.ContentType {
			continue
		}
		out = append(out, ir.Alternate{GoName: b.methods.claim(o.GoName+pascal(suffix), p.ptr+"#"+media), Accept: media})
	}
	return out
}

// pagination recognises Atlas's list convention: pageNum and itemsPerPage
// query parameters, and a result with a results array (and totalCount).
//
// Only GET operations page: a POST or PUT that carries the same parameters
// (createProjectIPAccessList) is a write, and each page would repeat it.
func (b *builder) pagination(o *ir.Operation) *ir.Pagination {
	s := o.Success()
	if o.Method != "GET" || s == nil || s.Type == nil || s.Type.Kind != ir.RefNamed {
		return nil
	}
	pg := &ir.Pagination{PageDefault: 1, SizeDefault: 100}
	for _, prm := range o.Params.Params {
		if prm.In != "query" || (prm.Type.Kind != ir.RefInt64 && prm.Type.Kind != ir.RefInt32) {
			continue
		}
		switch prm.Name {
		case "pageNum":
			pg.PageParam = prm.GoName
		case "itemsPerPage":
			pg.SizeParam = prm.GoName
		}
	}
	t := b.types[s.Type.Name]
	if pg.PageParam == "" || pg.SizeParam == "" || t == nil || t.Kind != ir.KindStruct {
		return nil
	}
	for _, f := range t.Fields {
		switch {
		case f.JSONName == "results" && f.Type.Kind == ir.RefArray:
			pg.Results, pg.Item, pg.ResultsNull = f.GoName, *f.Type.Elem, f.Type.InNullable()
		case f.JSONName == "totalCount" && (f.Type.Kind == ir.RefInt32 || f.Type.Kind == ir.RefInt64) && (!f.Required || f.Type.InNullable()):
			pg.Total, pg.TotalNull = f.GoName, f.Type.InNullable()
		}
	}
	if pg.Results == "" {
		return nil
	}
	pg.GoName = b.methods.claim(o.GoName+"All", o.Pointer+"#all")
	return pg
}

// params builds the parameter set: path parameters in path order, then the
// rest by location and name.
func (b *builder) params(p *plan, opName string) *ir.ParamSet {
	set := &ir.ParamSet{GoName: b.names.claim(opName+"Params", p.ptr+"#params")}
	b.enumKey(set.GoName, p.ptr+"#params")
	keys, byKey, ptrs := b.declaredParams(p)
	sort.Slice(keys, func(i, j int) bool { return paramLess(p.path, byKey[keys[i]], byKey[keys[j]]) })
	goNames := paramNames(keys, byKey)
	for _, k := range keys {
		pv := byKey[k]
		param := ir.Param{Name: pv.Name, GoName: goNames[k], In: pv.In, Description: pv.Description, Required: pv.Required || pv.In == "path",
			Deprecated: pv.Deprecated, Sunset: b.sunset(pv.Extensions, ptrs[k])}
		param.Type = b.paramType(pv, site{ptr: join(ptrs[k], "schema"), owner: set.GoName, enumOwner: set.GoName, field: param.GoName, request: true})
		set.Params = append(set.Params, param)
	}
	return set
}

// sunset reads an x-sunset date (Atlas's removal date of what carries it);
// one that is no calendar date is warned about and not used.
func (b *builder) sunset(ext map[string]any, ptr string) string {
	raw, ok := ext["x-sunset"]
	if !ok {
		return ""
	}
	date, _ := raw.(string)
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		b.warn(ir.DiagBadSunset, join(ptr, "x-sunset"), "x-sunset %v is not a YYYY-MM-DD date: not shown", raw)
		return ""
	}
	return date
}

// declaredParams collects an operation's parameters by location and name
// ("query:name"): the operation's own, then the path item's it does not
// override. The same parameter twice in one list is fatal, as is one with
// neither schema nor content; cookies are not sent.
func (b *builder) declaredParams(p *plan) (keys []string, byKey map[string]*openapi3.Parameter, ptrs map[string]string) {
	byKey, ptrs = map[string]*openapi3.Parameter{}, map[string]string{}
	lists := []struct {
		ptr  string
		refs openapi3.Parameters
	}{{join(p.ptr, "parameters"), p.op.Parameters}, {join("#/paths", p.path, "parameters"), b.doc.Paths.Value(p.path).Parameters}}
	for _, list := range lists {
		inList := map[string]string{}
		for i, pr := range list.refs {
			if pr == nil || pr.Value == nil {
				continue
			}
			pv, at := pr.Value, join(list.ptr, itoa(i))
			key := pv.In + ":" + pv.Name
			switch prev, dup := inList[key]; {
			case dup:
				b.fatal(at, "duplicate parameter %q in %s (also at %s)", pv.Name, pv.In, prev)
				continue
			case pv.Schema == nil && len(pv.Content) == 0:
				b.fatal(at, "parameter %q has neither schema nor content: nothing says how to send it", pv.Name)
			case pv.In == "cookie":
				b.warn(ir.DiagCookieParameter, at, "cookie parameter %q is not sent: the client does not support cookie parameters", pv.Name)
				continue
			}
			inList[key] = at
			if _, overridden := byKey[key]; overridden {
				continue // operation-level parameters override path-level ones
			}
			keys, byKey[key], ptrs[key] = append(keys, key), pv, at
			if pr.Ref != "" {
				ptrs[key] = pr.Ref
			}
		}
	}
	return keys, byKey, ptrs
}

// paramNames gives each parameter (by key, in order) its field name in the
// params struct. A name used in more than one location (groupId in path
// and query) keeps the plain name for its first location and takes the
// location as a suffix elsewhere; names still equal after Go naming then
// take a hash of their key, as struct fields do.
func paramNames(keys []string, byKey map[string]*openapi3.Parameter) map[string]string {
	var jsonNames []string
	locations := map[string]int{}
	for _, k := range keys {
		if locations[byKey[k].Name]++; locations[byKey[k].Name] == 1 {
			jsonNames = append(jsonNames, byKey[k].Name)
		}
	}
	base := fieldNames(jsonNames, nil)
	fields := newNamer([]string{"Validate"})
	out := make(map[string]string, len(keys))
	seen := map[string]bool{}
	for _, k := range keys {
		pv := byKey[k]
		name := base[pv.Name]
		if seen[pv.Name] {
			name += pascal(pv.In)
		}
		seen[pv.Name] = true
		out[k] = fields.claim(name, k)
	}
	return out
}

var locOrder = map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}

func paramLess(path string, a, b *openapi3.Parameter) bool {
	if a.In != b.In {
		return locOrder[a.In] < locOrder[b.In]
	}
	if a.In == "path" {
		return strings.Index(path, "{"+a.Name+"}") < strings.Index(path, "{"+b.Name+"}")
	}
	return a.Name < b.Name
}

// responses lists every documented status; success bodies are typed at the
// chosen version, failures decode as the runtime's *APIError.
func (b *builder) responses(p *plan, opName string) []ir.Response {
	var out []ir.Response
	for _, status := range sortedKeys(p.op.Responses.Map()) {
		r := p.op.Responses.Value(status)
		resp := ir.Response{Status: status, Code: statusCode(status), Error: isErrorStatus(status)}
		if r.Value != nil {
			if media := pickMedia(r.Value.Content, p.version); media != "" {
				resp.ContentType = media
				if _, suffix, ok := mediaDate(media); ok && !resp.Error && suffix != "json" {
					resp.Stream = true
				} else if !resp.Error && r.Value.Content[media].Schema != nil {
					at := join(p.ptr, "responses", status, "content", media, "schema")
					t := b.typeRef(r.Value.Content[media].Schema, site{ptr: at, owner: opName, enumOwner: opName, field: "Response" + status})
					// A null body is the zero result, as an empty one is: the
					// result is not a Nullable.
					resp.Type, resp.Nullable, t.Nullable = &t, t.InNullable(), false
				}
			}
		}
		out = append(out, resp)
	}
	b.unifySuccessTypes(p, out)
	return out
}

// unifySuccessTypes keeps one result type per operation: a success body
// of another type than the first is reported and returns no result, since
// a method has one result type.
func (b *builder) unifySuccessTypes(p *plan, rs []ir.Response) {
	var first *ir.TypeRef
	for i := range rs {
		r := &rs[i]
		if r.Error || r.Type == nil {
			continue
		}
		if first == nil {
			first = r.Type
			continue
		}
		if typeKey(*r.Type) != typeKey(*first) {
			b.warn(ir.DiagMixedResults, join(p.ptr, "responses", r.Status), "status %s has a different body type than the first success status; the method returns no result for it", r.Status)
			r.Type = nil
		}
	}
}

// statusCode is the numeric status of a response key, 0 for 4XX and default.
func statusCode(status string) int {
	code, err := strconv.Atoi(status)
	if err != nil {
		return 0
	}
	return code
}

// typeKey identifies a Go type: kind, name and element, recursively.
func typeKey(r ir.TypeRef) string {
	key := itoa(int(r.Kind)) + ":" + r.Name
	if r.Elem != nil {
		key += "[" + typeKey(*r.Elem) + "]"
	}
	return key
}

// isEnvelope reports whether a success body's schema is Atlas's envelope
// itself: an integer status, a content, and at most links beside them.
// Some published copies document enveloped replies that way, and
// unwrapping them again would lose the content.
func (b *builder) isEnvelope(s *ir.Response) bool {
	if s == nil || s.Type == nil || s.Type.Kind != ir.RefNamed {
		return false
	}
	t := b.types[s.Type.Name]
	if t == nil || t.Kind != ir.KindStruct {
		return false
	}
	status, content := false, false
	for _, f := range t.Fields {
		switch f.JSONName {
		case "status":
			status = f.Type.Kind == ir.RefInt32 || f.Type.Kind == ir.RefInt64
		case "content":
			content = true
		case "links":
		default:
			return false
		}
	}
	return status && content
}

// paramType keeps a parameter a scalar, a named enum or a slice of them:
// what path, query and header styling can send. A schema that is anything
// else (an object, a union, members of several kinds, no type at all) is
// sent as a string, and the contradiction is reported where it is written.
func (b *builder) paramType(pv *openapi3.Parameter, st site) ir.TypeRef {
	s := pv.Schema
	switch {
	case s != nil && s.Value != nil && styleable(s, 0):
		return notNull(b.typeRef(s, st))
	case s == nil && len(pv.Content) > 0:
		b.warn(ir.DiagContentParameter, strings.TrimSuffix(st.ptr, "/schema")+"/content", "parameter %q: a parameter described by content is sent as a string, not encoded as its media type", pv.Name)
	case s != nil:
		b.warn(ir.DiagUnstyleableParameter, st.ptr, "parameter %q: its schema is not a scalar, an enum or a list of them; it is sent as a string", pv.Name)
	}
	return ir.TypeRef{Kind: ir.RefString}
}

// styleable reports whether values of s are scalars or lists of scalars.
func styleable(s *openapi3.SchemaRef, depth int) bool {
	if s == nil || s.Value == nil || depth > 1 {
		return false
	}
	switch jsonKind(s) {
	case kindString, "integer", "number", "boolean":
		return true
	case "array":
		return styleable(s.Value.Items, depth+1)
	}
	return false
}

var templateParam = regexp.MustCompile(`\{([^}]+)\}`)

// pathParts splits the path template once, resolving each variable to its
// path parameter; one the operation does not declare is fatal.
func (b *builder) pathParts(p *plan, ps *ir.ParamSet) []ir.PathPart {
	index := map[string]int{}
	for i, prm := range ps.Params {
		if prm.In == "path" {
			index[prm.Name] = i
		}
	}
	var parts []ir.PathPart
	last := 0
	for _, m := range templateParam.FindAllStringSubmatchIndex(p.path, -1) {
		name := p.path[m[2]:m[3]]
		i, ok := index[name]
		if !ok {
			b.fatal(join("#/paths", p.path), "the path template names {%s}, which the operation declares no path parameter for", name)
			continue
		}
		delete(index, name)
		parts = append(parts, ir.PathPart{Literal: p.path[last:m[0]], Param: -1}, ir.PathPart{Param: i})
		last = m[1]
	}
	for _, name := range sortedKeys(index) {
		b.fatal(p.ptr, "path parameter %q is declared but the path template has no {%s}", name, name)
	}
	return append(parts, ir.PathPart{Literal: p.path[last:], Param: -1})
}
