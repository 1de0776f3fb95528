package parser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestLoadIsKinOpenAPIs: the document decoded from the parser's tree is
// kin-openapi's LoadFromData of the same bytes, for every spec the tests
// have (fail cases included, as far as both read them) and upstream's:
// an upgrade of kin-openapi that reads a document otherwise fails here.
func TestLoadIsKinOpenAPIs(t *testing.T) {
	specs, _ := filepath.Glob("../../testdata/golden/*/spec.yaml")
	specs = append(specs, "../../spec/atlas-admin-v2.yaml")
	const upstream = "../../../shared/upstream/atlas-api-2025-06-30.yaml"
	if _, err := os.Stat(upstream); err == nil {
		specs = append(specs, upstream)
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("upstream spec missing at %s: CI must have ../shared beside the clone", upstream)
	}
	compared := 0
	for _, path := range append(specs, "tricky scalars", "NEL in JSON") {
		data, err := os.ReadFile(path)
		switch path {
		case "tricky scalars":
			data, err = []byte(trickyScalars), nil
		case "NEL in JSON": // a character to JSON, a line break to YAML
			data, err = []byte("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\", \"description\": \"a\u0085b\"},"+
				"\"paths\": {}, \"components\": {\"schemas\": {\"T\": {\"properties\": {\"a\u0085b\": {\"type\": \"string\"}}}}}}"), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = false
		loader.Context = context.Background()
		want, kinErr := loader.LoadFromData(data)
		got, ourErr := decodeFile(path, data)
		if (kinErr == nil) != (ourErr == nil) {
			if ourErr != nil && strings.Contains(path, "/fail-") {
				continue // refused anyway: empty, duplicate keys, an alias bomb
			}
			t.Errorf("%s: kin-openapi says %v, the parser's load %v", path, kinErr, ourErr)
			continue
		}
		if kinErr != nil {
			if !strings.HasSuffix(path, ".yaml") {
				t.Fatalf("kin-openapi refuses the tricky scalars: %v", kinErr)
			}
			continue
		}
		// JSON would write a time.Time and its text alike: the values
		// themselves are compared.
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		if !bytes.Equal(a, b) || !reflect.DeepEqual(want.Paths, got.Paths) || !reflect.DeepEqual(want.Components, got.Components) ||
			!reflect.DeepEqual(want.Info, got.Info) || !reflect.DeepEqual(want.Extensions, got.Extensions) {
			t.Errorf("%s: the parser's load differs from kin-openapi's (%d vs %d bytes of JSON)", path, len(b), len(a))
		}
		compared++
	}
	if compared < 20 {
		t.Errorf("only %d specs compared", compared)
	}
}

// decodeFile is the parser's load of a file, as readDocument does it.
func decodeFile(name string, data []byte) (*openapi3.T, error) {
	src, kin, err := readDocument(name, data, nil)
	if err != nil {
		return nil, err
	}
	if kin == nil {
		return nil, fmt.Errorf("%s: not a mapping", src.name)
	}
	k := <-kin
	return k.doc, k.err
}

// trickyScalars holds what kin-openapi's loader readies before decoding:
// unquoted timestamps, an application's own tag, keys
// that are numbers, a key written as an alias, a merge key.
const trickyScalars = `openapi: 3.0.3
info: {title: t, version: '1', x-k: &k kname, x-numbers: {0: a, .0: b, 1_000: c}, x-n: &n 0x10, x-aliased: {*n : v},
  x-p: &p /y, x-c: &c 204}
paths:
  *p : {get: {operationId: getY, responses: {*c : {description: none}}}}
  /x:
    get:
      operationId: getX
      x-sunset: 2026-01-01
      description: !md some *text*
      responses:
        200:
          description: ok
          content:
            application/json:
              schema:
                type: object
                x-base: &base {x-merged: true}
                <<: *base
                properties:
                  when: {type: string, example: 2020-06-11T16:32:50Z}
                  0: {type: string}
                  .0: {type: string}
                  *k : {type: integer}
                  true: {type: boolean}
`
