// The sweep's driver: TestUpstreamSweep copies it, beside a generated table
// of callers (sweepCalls), into the package it generates from the upstream
// spec, then runs it. It calls every operation against a fake Atlas that
// judges each request by the spec, and writes one result per operation.

package PACKAGE

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
)

// sweepCall decodes params and body into the operation's Go types and
// calls its method; the result comes back as any.
type sweepCall func(ctx context.Context, c *Client, params, body []byte) (any, error)

// sweepCase and the types below mirror the harness's (sweep_cases_test.go):
// they meet only as JSON.
type sweepCase struct {
	ID      string       `json:"id"`
	Method  string       `json:"method"`
	Returns bool         `json:"returns"` // the method returns a decoded value
	Params  any          `json:"params"`
	Bodies  []sweepBody  `json:"bodies"`
	Replies []sweepReply `json:"replies"`
	// Failure is set when the harness could not build a valid call.
	Failure *sweepResult `json:"failure,omitempty"`
	// Unsampled says where some body could not be built: the spec admits
	// no value there. The other calls still run.
	Unsampled *sweepResult `json:"unsampled,omitempty"`
}

type sweepBody struct {
	Label  string `json:"label"`
	Decode any    `json:"decode"`
	Wire   any    `json:"wire"`
}

type sweepReply struct {
	Label  string `json:"label"`
	Status int    `json:"status"`
	Body   any    `json:"body"` // nil: no body
	Raw    string `json:"raw"`  // a body sent as it is (streams)
}

type sweepResult struct {
	ID     string `json:"id"`
	Class  string `json:"class"` // "" when every call worked
	Where  string `json:"where"`
	Detail string `json:"detail"`
}

func TestSweep(t *testing.T) {
	var cases []sweepCase
	readJSON(t, os.Getenv("SWEEP_CASES"), &cases)
	spec, err := os.ReadFile(os.Getenv("SWEEP_SPEC"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := fakeatlas.Start(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client, err := NewClient(WithBaseURL(srv.URL), WithRetryPolicy(RetryPolicy{MaxAttempts: 1}),
		WithSleep(func(context.Context, time.Duration) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	results := make([]sweepResult, 0, len(cases))
	for _, c := range cases {
		results = append(results, sweepOne(srv, client, c))
	}
	data, _ := json.MarshalIndent(results, "", " ")
	if err := os.WriteFile(os.Getenv("SWEEP_RESULTS"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sweepOne sends every body with the first reply and every reply with the
// first body; the first failure is the operation's result.
func sweepOne(srv *fakeatlas.Server, client *Client, c sweepCase) sweepResult {
	if c.Failure != nil {
		return *c.Failure
	}
	call := sweepCalls[c.Method]
	if call == nil {
		return sweepResult{c.ID, "no method", c.Method, ""}
	}
	bodies := c.Bodies
	if len(bodies) == 0 {
		bodies = []sweepBody{{Label: "none"}}
	}
	for i, b := range bodies {
		for j, r := range c.Replies {
			if i > 0 && j > 0 {
				continue
			}
			if res := sweepCallOnce(srv, client, c, call, b, r); res.Class != "" {
				res.Where = b.Label + " body, " + r.Label + " reply" + res.Where
				return res
			}
		}
	}
	if c.Unsampled != nil {
		res := *c.Unsampled
		res.ID = c.ID
		return res
	}
	return sweepResult{ID: c.ID}
}

func sweepCallOnce(srv *fakeatlas.Server, client *Client, c sweepCase, call sweepCall, b sweepBody, r sweepReply) (res sweepResult) {
	res.ID = c.ID
	defer func() {
		if p := recover(); p != nil {
			res.Class, res.Detail = "panic", fmt.Sprint(p)
		}
	}()
	reply := r.Raw
	if r.Body != nil {
		data, _ := json.Marshal(r.Body)
		reply = string(data)
	}
	srv.Respond(func(fakeatlas.Request) fakeatlas.Response { return fakeatlas.Response{Status: r.Status, Body: reply} })
	params, _ := json.Marshal(c.Params)
	var body []byte
	if b.Decode != nil {
		body, _ = json.Marshal(b.Decode)
	}
	before := len(srv.Problems())
	sent := len(srv.Requests())
	result, err := call(context.Background(), client, params, body)
	if problems := srv.Problems(); len(problems) > before {
		return sweepResult{c.ID, "fake refused the request", "", firstLine(problems[before])}
	}
	var verrs ValidationErrors
	switch {
	case errors.As(err, &verrs):
		return sweepResult{c.ID, "client refused a valid request", "", firstLine(err.Error())}
	case err != nil:
		return sweepResult{c.ID, "call failed", "", firstLine(err.Error())}
	case len(srv.Requests()) != sent+1:
		return sweepResult{c.ID, "call failed", "", fmt.Sprintf("%d requests sent", len(srv.Requests())-sent)}
	}
	if b.Wire != nil {
		var got any
		if err := json.Unmarshal(srv.Last().Body, &got); err != nil {
			return sweepResult{c.ID, "request body changed", "", "not JSON: " + firstLine(string(srv.Last().Body))}
		}
		if at, diff := jsonDiff("body", b.Wire, got, true); diff != "" {
			return sweepResult{c.ID, "request body changed", " at " + at, diff}
		}
	}
	if r.Body == nil || !c.Returns {
		return res
	}
	if isNilResult(result) {
		return sweepResult{c.ID, "reply dropped", "", "the method returned no value for " + short(r.Body)}
	}
	data, err := json.Marshal(result)
	if err != nil {
		return sweepResult{c.ID, "reply does not re-encode", "", firstLine(err.Error())}
	}
	var again any
	json.Unmarshal(data, &again)
	if at, diff := jsonDiff("reply", r.Body, again, false); diff != "" {
		return sweepResult{c.ID, "reply lost properties", " at " + at, diff}
	}
	return res
}

// jsonDiff names the first place where got lacks or changes what want
// holds, and how; exact also refuses what got adds.
func jsonDiff(path string, want, got any, exact bool) (string, string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path, "want an object, got " + short(got)
		}
		for _, k := range sortedNames(w) {
			gv, ok := g[k]
			if !ok {
				return path + "." + k, "missing (want " + short(w[k]) + ")"
			}
			if at, d := jsonDiff(path+"."+k, w[k], gv, exact); d != "" {
				return at, d
			}
		}
		if exact {
			for _, k := range sortedNames(g) {
				if _, ok := w[k]; !ok {
					return path + "." + k, "added " + short(g[k])
				}
			}
		}
		return "", ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path, "want " + short(want) + ", got " + short(got)
		}
		for i := range w {
			if at, d := jsonDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], exact); d != "" {
				return at, d
			}
		}
		return "", ""
	}
	if !reflect.DeepEqual(want, got) {
		return path, "want " + short(want) + ", got " + short(got)
	}
	return "", ""
}

func sortedNames(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func short(v any) string {
	data, _ := json.Marshal(v)
	s := string(data)
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}

func isNilResult(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return rv.IsNil()
	}
	return false
}

func readJSON(t *testing.T, path string, out any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
}
