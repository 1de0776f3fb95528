// Package fakeatlas is test support: a fake Atlas on httptest that checks
// every request it receives against an OpenAPI document with kin-openapi's
// openapi3filter (regexp2 as its regex compiler, so ECMAScript patterns are
// checked as written, and atlasgen's readOnly rule: see applyAtlasgenRules)
// and answers with responses a test scripts.
package fakeatlas

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/atlasgen/atlasgen/internal/parser"
)

// Request is a request the server received.
type Request struct {
	Method   string
	Path     string // escaped path, as sent
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Response is what the server answers.
type Response struct {
	Status int
	Header http.Header // Content-Type defaults to application/json
	Body   string
}

// Server is a fake Atlas. A request that does not match the document is
// answered 400 and reported: to the test that owns the server, or in
// Problems for one started with Start.
type Server struct {
	URL      string
	srv      *httptest.Server
	report   func(format string, args ...any)
	router   *router
	mu       sync.Mutex
	reqs     []Request
	problems []string
	respond  func(Request) Response
	auth     authenticator
}

// New starts a server for the document; it stops when the test ends, and
// a request that does not match the document fails the test.
func New(t testing.TB, document []byte) *Server {
	t.Helper()
	s, err := start(document, t.Errorf)
	if err != nil {
		t.Fatalf("fakeatlas: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a server outside a test (an Example, say); mismatches are
// collected in Problems. Close it when done.
func Start(document []byte) (*Server, error) {
	s := &Server{}
	return start(document, func(format string, args ...any) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.problems = append(s.problems, fmt.Sprintf(format, args...))
	}, s)
}

// Judged loads a document as the fake judges requests by it: arrays
// without items accept anything, and atlasgen's rules apply (see
// applyAtlasgenRules). Check judges one value by it.
func Judged(document []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(document)
	if err != nil {
		return nil, fmt.Errorf("loading spec: %w", err)
	}
	// Requests reach a server with a bare path, so route on paths alone.
	doc.Servers = nil
	fillMissingItems(doc)
	applyAtlasgenRules(doc)
	return doc, nil
}

// Check reports whether a JSON value (as encoding/json decodes into any)
// is one the schema of a Judged document admits, as a request body or as
// a response body.
func Check(s *openapi3.SchemaRef, value any, request bool) error {
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.SetSchemaRegexCompiler(parser.CompilePattern)}
	if request {
		opts = append(opts, openapi3.VisitAsRequest())
	} else {
		opts = append(opts, openapi3.VisitAsResponse())
	}
	return s.Value.VisitJSON(value, opts...)
}

func start(document []byte, report func(string, ...any), into ...*Server) (*Server, error) {
	doc, err := Judged(document)
	if err != nil {
		return nil, err
	}
	s := &Server{}
	if len(into) > 0 {
		s = into[0]
	}
	s.report = report
	s.respond = func(Request) Response { return Response{Status: http.StatusOK, Body: "{}"} }
	s.router = newRouter(doc)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Problems lists the requests that did not match the document (Start only).
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// Respond sets how the server answers every later request.
func (s *Server) Respond(fn func(Request) Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.respond = fn
}

// Reply answers every later request with one fixed response.
func (s *Server) Reply(status int, body string) {
	s.Respond(func(Request) Response { return Response{Status: status, Body: body} })
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Last returns the most recent request (the zero Request if none).
func (s *Server) Last() Request {
	reqs := s.Requests()
	if len(reqs) == 0 {
		return Request{}
	}
	return reqs[len(reqs)-1]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.URL.Path == TokenPath {
		s.serveToken(w, r, body)
		return
	}
	uri := r.URL.RequestURI()
	rec := Request{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body}
	s.mu.Lock()
	s.reqs = append(s.reqs, rec)
	respond := s.respond
	s.mu.Unlock()
	if err := s.validate(r, body); err != nil {
		s.report("fakeatlas: %s %s does not match the spec: %v", r.Method, r.URL, err)
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", err.Error(), nil)
		return
	}
	if !s.authenticate(w, r, uri) {
		return
	}
	resp := respond(rec)
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(resp.Status)
	io.WriteString(w, resp.Body)
}

// writeError answers with Atlas's JSON error body.
func writeError(w http.ResponseWriter, status int, code, detail string, header http.Header) {
	for k, vs := range header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":%d,"errorCode":%q,"detail":%q,"reason":%q}`, status, code, detail, http.StatusText(status))
}

// validate checks the request against the document with openapi3filter.
func (s *Server) validate(r *http.Request, body []byte) error {
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, RegexCompiler: parser.CompilePattern, MultiError: true},
	})
}

// fillMissingItems gives every array without items an empty items schema,
// which accepts anything, as the missing one means. kin-openapi's router
// refuses to build on such a document (upstream has them), and the fake
// checks requests, not the document.
func fillMissingItems(doc *openapi3.T) {
	walkSchemas(doc, func(v *openapi3.Schema) {
		if v.Type != nil && v.Type.Is("array") && v.Items == nil {
			v.Items = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
	})
}
