// Package atlastest exercises the committed snapshot generated/atlas the way
// a user would: against a fake Atlas that checks every request against
// spec/. These files are hand-written; the generator never touches them.
package atlastest

import (
	"context"
	"encoding/json"
	"net/url"
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
