// Package atlastest exercises the committed snapshot generated/atlas the way
// a user would: against a fake Atlas that checks every request against
// spec/. These files are hand-written; the generator never touches them.
package atlastest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/generated/atlas"
	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	"github.com/atlasgen/atlasgen/spec"
)

const groupID = "32b6e34b3d91647abb20e7b8"

// setup starts a fake Atlas for spec/ and a client pointed at it.
func setup(t *testing.T, opts ...atlas.Option) (*fakeatlas.Server, *atlas.Client) {
	t.Helper()
	srv := fakeatlas.New(t, specDocument())
	client, err := atlas.NewClient(append([]atlas.Option{atlas.WithBaseURL(srv.URL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// jsonEqual compares two JSON documents as values, with go-cmp.
func jsonEqual(t *testing.T, want string, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got %s: %v", got, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("request body (-want +got):\n%s", diff)
	}
}

func ptr[T any](v T) *T { return &v }

var ctx = context.Background()

type (
	fakeatlasReq  = fakeatlas.Request
	fakeatlasResp = fakeatlas.Response
)

func specDocument() []byte { return spec.Document() }

func parseQuery(raw string) (url.Values, error) { return url.ParseQuery(raw) }

func join(items []string) string { return strings.Join(items, ",") }

// goldenFake starts a fake Atlas for a golden case's spec, so every request
// a test sends through that case's client is checked against it.
func goldenFake(t *testing.T, name string) *fakeatlas.Server {
	t.Helper()
	doc, err := os.ReadFile("../../testdata/golden/" + name + "/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return fakeatlas.New(t, doc)
}

// violationsOf returns each violation of a generated package's
// ValidationErrors as "path: message", failing on any other error.
func violationsOf[E interface {
	~[]V
	error
}, V fmt.Stringer](t *testing.T, err error) []string {
	t.Helper()
	var verrs E
	if !errors.As(err, &verrs) {
		t.Fatalf("error %v is not a ValidationErrors", err)
	}
	var out []string
	for _, v := range verrs {
		out = append(out, v.String())
	}
	return out
}
