package generate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	"github.com/atlasgen/atlasgen/internal/ir"
)

// The cases the sweep's driver runs. The driver (testdata/sweep) declares
// the same types: they meet only as JSON.
type sweepCase struct {
	ID      string         `json:"id"`
	Method  string         `json:"method"`
	Returns bool           `json:"returns"` // the method returns a decoded value
	Params  map[string]any `json:"params"`
	Bodies  []sweepBody    `json:"bodies"`
	Replies []sweepReply   `json:"replies"`
	Failure *sweepResult   `json:"failure,omitempty"`
	// Unsampled says where a body could not be sampled (the spec admits
	// no value there); the calls that could be built still run.
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
	Body   any    `json:"body"`
	Raw    string `json:"raw"`
}

// caseBuilder samples values from the upstream document: sampled from a
// copy with the Atlas fixes applied, judged by a copy prepared as the fake
// judges requests, so only values the fake takes are sent.
type caseBuilder struct {
	sampled, judged *openapi3.T
}

func buildSweepCases(t *testing.T, data []byte, api *ir.API) []sweepCase {
	t.Helper()
	sampled, err := loadDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	fakeatlas.ApplyAtlasFixes(sampled)
	judged, err := fakeatlas.Judged(data)
	if err != nil {
		t.Fatal(err)
	}
	cb := caseBuilder{sampled: sampled, judged: judged}
	cases := make([]sweepCase, 0, len(api.Operations))
	for _, op := range api.Operations {
		c := sweepCase{ID: op.ID, Method: op.GoName, Returns: resultShape(op) == "value"}
		if err := cb.fill(&c, op); err != nil {
			c.Failure = &sweepResult{ID: op.ID, Class: "no valid call to build", Where: "the operation", Detail: err.Error()}
		}
		cases = append(cases, c)
	}
	checkNullsSent(t, cases, api)
	return cases
}

func (cb caseBuilder) fill(c *sweepCase, op *ir.Operation) error {
	sop := cb.sampled.Paths.Value(op.Path).GetOperation(op.Method)
	jop := cb.judged.Paths.Value(op.Path).GetOperation(op.Method)
	var err error
	if c.Params, err = cb.params(op, sop); err != nil {
		return err
	}
	if op.Body != nil {
		sample := sop.RequestBody.Value.Content[op.Body.ContentType]
		judge := jop.RequestBody.Value.Content[op.Body.ContentType]
		c.Bodies, c.Unsampled = cb.bodies(sample, judge.Schema, "body")
		if len(c.Bodies) == 0 && op.Body.Required {
			return fmt.Errorf("%s: %s", c.Unsampled.Where, c.Unsampled.Detail)
		}
	}
	s := op.Success()
	if s == nil || s.Type == nil {
		status := 200
		if s != nil && s.Code != 0 {
			status = s.Code
		}
		c.Replies = []sweepReply{{Label: "empty", Status: status, Raw: streamBody(s)}}
		return nil
	}
	sample := sop.Responses.Value(s.Status).Value.Content[s.ContentType]
	judge := jop.Responses.Value(s.Status).Value.Content[s.ContentType]
	bodies, unsampled := cb.bodies(sample, judge.Schema, "reply")
	if c.Unsampled == nil {
		c.Unsampled = unsampled
	}
	if len(bodies) == 0 {
		return fmt.Errorf("%s: %s", unsampled.Where, unsampled.Detail)
	}
	for _, b := range bodies {
		c.Replies = append(c.Replies, sweepReply{Label: b.Label, Status: s.Code, Body: b.Wire})
	}
	return nil
}

func streamBody(s *ir.Response) string {
	if s != nil && s.Stream {
		return "id,amount\n1,2\n"
	}
	return ""
}

// params samples every parameter, required or not, keyed by Go field name.
// envelope stays false: the fake answers unwrapped bodies.
func (cb caseBuilder) params(op *ir.Operation, sop *openapi3.Operation) (map[string]any, error) {
	byName := map[string]*openapi3.Parameter{}
	for _, list := range []openapi3.Parameters{cb.sampled.Paths.Value(op.Path).Parameters, sop.Parameters} {
		for _, p := range list {
			if p.Value != nil {
				byName[p.Value.In+":"+p.Value.Name] = p.Value
			}
		}
	}
	out := map[string]any{}
	for _, p := range op.Params.Params {
		kp := byName[p.In+":"+p.Name]
		if kp == nil {
			return nil, fmt.Errorf("parameter %s not in the document", p.Name)
		}
		if p.Name == "envelope" {
			out[p.GoName] = false
			continue
		}
		// Full: a required list gets items, which form style can send.
		_, wire, err := fakeatlas.Sampler{Doc: cb.sampled, Request: true, Full: true}.Sample(kp.Schema)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		out[p.GoName] = wire
	}
	return out, nil
}

// bodies samples a media type's schema (side is "body" or "reply"): its
// example when the fake takes it, a minimal and a full value, a full one
// per union member, and a full one with every nullable property null (when
// there is one). It keeps the values the spec admits and says where the
// first other one fails.
func (cb caseBuilder) bodies(mt *openapi3.MediaType, judge *openapi3.SchemaRef, side string) ([]sweepBody, *sweepResult) {
	request := side == "body"
	var out []sweepBody
	if ex := example(mt); ex != nil && fakeatlas.Check(judge, ex, request) == nil && request {
		out = append(out, sweepBody{Label: "example", Decode: ex, Wire: ex})
	}
	var unsampled *sweepResult
	for _, sm := range cb.samplers(mt.Schema, request) {
		dec, wire, err := sm.s.Sample(mt.Schema)
		where := sm.label + " " + side
		if err == nil {
			if err = fakeatlas.Check(judge, wire, request); err != nil {
				where += " at " + errorPath(err)
				err = fmt.Errorf("value %s is not one the spec admits: %s", short(wire), firstLine(err.Error()))
			}
		}
		if err != nil {
			if unsampled == nil {
				unsampled = &sweepResult{Class: "spec admits no such value", Where: where, Detail: err.Error()}
			}
			continue
		}
		out = append(out, sweepBody{Label: sm.label, Decode: dec, Wire: wire})
	}
	return out, unsampled
}

type labeledSampler struct {
	label string
	s     fakeatlas.Sampler
}

// samplers are the ways bodies samples a schema: minimal, full, full with
// each union member at the top, and full with nulls when that differs.
func (cb caseBuilder) samplers(schema *openapi3.SchemaRef, request bool) []labeledSampler {
	base := fakeatlas.Sampler{Doc: cb.sampled, Request: request, Full: true}
	out := []labeledSampler{{"minimal", fakeatlas.Sampler{Doc: cb.sampled, Request: request}}, {"full", base}}
	for i := 1; i < base.Members(schema); i++ {
		s := base
		s.Pick = i
		out = append(out, labeledSampler{fmt.Sprintf("member %d", i+1), s})
	}
	nulls := base
	nulls.Nulls = true
	_, full, err1 := base.Sample(schema)
	_, wire, err2 := nulls.Sample(schema)
	if err1 == nil && err2 == nil && !reflect.DeepEqual(full, wire) {
		out = append(out, labeledSampler{"nulls", nulls})
	}
	return out
}

var errorAt = regexp.MustCompile(`Error at "([^"]*)"`)

// errorPath is where in a value kin-openapi found it wrong.
func errorPath(err error) string {
	if m := errorAt.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return "/"
}

func example(mt *openapi3.MediaType) any {
	if mt.Example != nil {
		return mt.Example
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	return nil
}

func short(v any) string {
	data, _ := json.Marshal(v)
	if len(data) > 160 {
		return string(data[:160]) + "…"
	}
	return string(data)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}
