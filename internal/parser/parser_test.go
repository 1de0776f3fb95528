package parser

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/spec"
)

func TestVersionSelection(t *testing.T) {
	cases := []struct {
		date    string
		want    map[string]string
		skipped []string
	}{
		{"2023-06-01", map[string]string{"createExportBucket": "2023-01-01", "createGroupPeer": "2023-01-01", "createPrivateLinkConnection": "2023-02-01"}, []string{"createBackupPrivateEndpoint"}},
		{"2025-02-19", map[string]string{"createBackupPrivateEndpoint": "2024-11-13", "createExportBucket": "2024-05-30", "createGroupPeer": "2023-01-01", "createPrivateLinkConnection": "2023-02-01"}, nil},
		{"2024-05-30", map[string]string{"createExportBucket": "2024-05-30", "createGroupPeer": "2023-01-01", "createPrivateLinkConnection": "2023-02-01"}, []string{"createBackupPrivateEndpoint"}},
		{"", map[string]string{"createBackupPrivateEndpoint": "2024-11-13", "createExportBucket": "2024-05-30", "createGroupPeer": "2023-01-01", "createPrivateLinkConnection": "2023-02-01"}, nil},
	}
	for _, c := range cases {
		api, err := Parse("spec.yaml", spec.Document(), Options{APIDate: c.date})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, op := range api.Operations {
			got[op.ID] = op.Version
			want := "application/vnd.atlas." + op.Version + "+json"
			if op.Accept != want || op.Body.ContentType != want {
				t.Errorf("%s at %s: Accept %s, Content-Type %s, want %s", op.ID, c.date, op.Accept, op.Body.ContentType, want)
			}
		}
		var skipped []string
		for _, s := range api.Skipped {
			skipped = append(skipped, s.OperationID)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("date %q (-want +got):\n%s", c.date, diff)
		}
		if diff := cmp.Diff(c.skipped, skipped); diff != "" {
			t.Errorf("date %q skipped (-want +got):\n%s", c.date, diff)
		}
	}
	for _, date := range []string{"June 2024", "2024-13-01", "2024-02-30", "2022-01-01"} {
		if _, err := Parse("spec.yaml", spec.Document(), Options{APIDate: date}); err == nil {
			t.Errorf("API date %q was accepted", date)
		}
	}
}

func typeByName(api *ir.API, name string) *ir.Type {
	for _, t := range api.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TestReadOnlySplit proves a schema used both ways with readOnly properties
// becomes <Name> (every field) and <Name>Request (no readOnly field, none
// required), and that a $ref to a readOnly schema is not itself readOnly.
func TestReadOnlySplit(t *testing.T) {
	api, err := Parse("spec.yaml", spec.Document(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	fields := func(name string) []string {
		typ := typeByName(api, name)
		if typ == nil {
			t.Fatalf("no type %s", name)
		}
		var out []string
		for _, f := range typ.Fields {
			out = append(out, f.JSONName)
		}
		return out
	}
	if diff := cmp.Diff([]string{"cloudProvider", "errorMessage", "id", "privateEndpointConnectionName", "regionName", "status", "vpcRegionName"}, fields("ObjectStoragePrivateEndpoint")); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]string{"cloudProvider", "regionName", "vpcRegionName"}, fields("ObjectStoragePrivateEndpointRequest")); diff != "" {
		t.Error(diff)
	}
	if !typeByName(api, "ObjectStoragePrivateEndpointRequest").Request || typeByName(api, "ObjectStoragePrivateEndpoint").Request {
		t.Error("only the request type should carry validators")
	}

	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Holder'}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Holder'}
components:
  schemas:
    Holder:
      type: object
      required: [stamp, label]
      properties:
        label: {type: string}
        stamp: {type: string, readOnly: true}
        detail: {$ref: '#/components/schemas/Detail'}
    Detail:
      type: object
      readOnly: true
      properties:
        note: {type: string}
`
	api, err = Parse("t.yaml", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	req := typeByName(api, "HolderRequest")
	if req == nil {
		t.Fatal("no HolderRequest")
	}
	var got []string
	for _, f := range req.Fields {
		got = append(got, f.JSONName)
		if f.JSONName == "stamp" {
			t.Error("readOnly stamp is in the request")
		}
	}
	if diff := cmp.Diff([]string{"detail", "label"}, got); diff != "" {
		t.Errorf("HolderRequest fields (-want +got):\n%s", diff)
	}
	if resp := typeByName(api, "Holder"); !resp.Fields[2].Required || resp.Fields[2].JSONName != "stamp" {
		t.Errorf("response keeps stamp required: %+v", resp.Fields)
	}
}

// TestPatternEngines proves RE2 patterns stay RE2, look-ahead patterns are
// kept for regexp2 with a located warning, and broken ones are fatal.
func TestPatternEngines(t *testing.T) {
	doc := func(pattern string) []byte {
		return []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                v: {type: string, pattern: '` + pattern + `'}
      responses:
        "204": {description: done}
`)
	}
	api, err := Parse("t.yaml", doc(`^a+$`), Options{})
	if err != nil || len(api.Diagnostics) != 0 {
		t.Fatalf("RE2 pattern: %v %v", err, api.Diagnostics)
	}
	api, err = Parse("t.yaml", doc(`^(?!x)a$`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := typeByName(api, "MakeBody")
	if body == nil || body.Fields[0].Type.Rules.Pattern == nil || !body.Fields[0].Type.Rules.Pattern.ECMAScript {
		t.Fatalf("look-ahead pattern not kept for regexp2: %+v", body)
	}
	if len(api.Diagnostics) != 1 || !strings.HasPrefix(api.Diagnostics[0].String(), "t.yaml:13:") {
		t.Errorf("want one located warning, got %v", api.Diagnostics)
	}
	if _, err := Parse("t.yaml", doc(`^(a$`), Options{}); err == nil || !strings.Contains(err.Error(), "compiles neither") {
		t.Errorf("broken pattern: %v", err)
	}
}

func TestRulesExtensionErrors(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema:
              type: object
              x-atlasgen-rules:
                - when: {kind: A}
                  require: [missing]
                - when: {nope: A}
                  require: [kind]
                - when: {flag: "true"}
                  require: [kind]
                - when: {at: "2024-01-01T00:00:00Z"}
                  require: [kind]
              properties:
                kind: {type: string}
                flag: {type: boolean}
                at: {type: string, format: date-time}
      responses:
        "204": {description: done}
`
	_, err := Parse("t.yaml", []byte(doc), Options{})
	ds, ok := err.(ir.Diagnostics)
	if !ok || len(ds) != 4 {
		t.Fatalf("want four located errors, got %v", err)
	}
	for _, want := range []string{`unknown property "missing"`, `unknown property "nope"`, `"flag": only string properties`, `"at": only string properties`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v lack %q", err, want)
		}
	}
}

func TestPathConflictWarning(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    get:
      operationId: byID
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: done}}
  /a/{name}:
    get:
      operationId: byName
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: done}}
`
	api, err := Parse("t.yaml", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.Diagnostics) != 1 || !strings.Contains(api.Diagnostics[0].String(), "t.yaml:9:3: #/paths/~1a~1{name}: warning: templated path conflicts with /a/{id}") {
		t.Errorf("diagnostics: %v", api.Diagnostics)
	}
}

func TestInvalidExampleWarning(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {n: {type: integer}}}
            example: {n: "seven"}
      responses: {"204": {description: done}}
`
	api, err := Parse("t.yaml", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.Diagnostics) != 1 || !strings.HasPrefix(api.Diagnostics[0].String(), "t.yaml:11:13: #/paths/~1a/post/requestBody/content/application~1json/example: warning: invalid example") {
		t.Errorf("diagnostics: %v", api.Diagnostics)
	}
}

// TestOperationsWithoutIDsOrWithMixedResults: a missing operationId is
// named from method and path; a second success body of another type is
// reported and has no result, so the method keeps one result type.
func TestOperationsWithoutIDsOrWithMixedResults(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {a: {type: string}}}
        "202":
          description: Accepted
          content:
            application/json:
              schema: {type: array, items: {type: string}}
`
	api, err := Parse("t.yaml", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	op := api.Operations[0]
	if op.GoName != "GetThingsID" {
		t.Errorf("GoName %q", op.GoName)
	}
	if op.Responses[1].Type != nil || op.Responses[0].Type == nil {
		t.Errorf("responses %+v", op.Responses)
	}
	var msgs []string
	for _, d := range api.Diagnostics {
		msgs = append(msgs, d.Message)
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, "no operationId; named GetThingsID") || !strings.Contains(got, "status 202 has a different body type") {
		t.Errorf("diagnostics:\n%s", got)
	}
}
