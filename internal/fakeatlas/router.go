package fakeatlas

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// router finds the operation a request is for by method and path
// template. kin-openapi's routers validate the whole document first, and
// upstream fails that on a quirk atlasgen only warns about (two templated
// paths that differ in their variable's name, for different methods).
type router struct {
	routes []route // most literal characters first
}

type route struct {
	pattern  *regexp.Regexp // the template, a variable matching within a segment
	names    []string       // the variables, in order
	literals int
	r        routers.Route
}

var templateVariable = regexp.MustCompile(`\{[^}/]+\}`)

func newRouter(doc *openapi3.T) *router {
	rt := &router{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			rt.routes = append(rt.routes, compileRoute(path, routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}))
		}
	}
	sort.SliceStable(rt.routes, func(i, j int) bool { return rt.routes[i].literals > rt.routes[j].literals })
	return rt
}

// compileRoute turns /clusters/{name}:pin into ^/clusters/([^/]+):pin$.
func compileRoute(path string, r routers.Route) route {
	var expr strings.Builder
	out := route{r: r}
	last := 0
	for _, m := range templateVariable.FindAllStringIndex(path, -1) {
		expr.WriteString(regexp.QuoteMeta(path[last:m[0]]))
		expr.WriteString(`([^/]+?)`)
		out.names = append(out.names, path[m[0]+1:m[1]-1])
		out.literals += m[0] - last
		last = m[1]
	}
	expr.WriteString(regexp.QuoteMeta(path[last:]))
	out.literals += len(path) - last
	out.pattern = regexp.MustCompile("^" + expr.String() + "$")
	return out
}

// FindRoute returns the route of a request and its path parameters.
func (rt *router) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	path := req.URL.EscapedPath()
	for i := range rt.routes {
		r := &rt.routes[i]
		if r.r.Method != req.Method {
			continue
		}
		m := r.pattern.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		params := map[string]string{}
		for j, name := range r.names {
			v, err := url.PathUnescape(m[j+1])
			if err != nil {
				return nil, nil, err
			}
			params[name] = v
		}
		return &r.r, params, nil
	}
	return nil, nil, routers.ErrPathNotFound
}
