package atlastest

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	rec "github.com/atlasgen/atlasgen/testdata/golden/recursion/want"
)

// echoClient is a client of the recursion golden whose server answers 200
// with the request body it was sent.
func echoClient(t *testing.T, opts ...rec.Option) *rec.Client {
	t.Helper()
	url := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", r.Header.Get("Accept"))
		w.Write(body)
	})
	client, err := rec.NewClient(append([]rec.Option{rec.WithBaseURL(url)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// TestRecursiveSchemasRoundTrip sends a three-level value of each
// recursive shape and reads the same value back: recursion through array
// items with allOf (the inline item type refers to itself), mutual
// recursion, and a required self-reference, which no finite value
// satisfies, so it is held by pointer and sent without validation.
func TestRecursiveSchemasRoundTrip(t *testing.T) {
	client := echoClient(t)
	tree := &rec.Tree{Label: "a", Kids: []rec.TreeKidsItem{{Label: "b", Weight: ptr(int64(1)),
		Kids: []rec.TreeKidsItem{{Label: "c", Kids: []rec.TreeKidsItem{}}}}}}
	gotTree, err := client.CreateTree(ctx, rec.CreateTreeParams{}, tree)
	if err != nil || !reflect.DeepEqual(gotTree, tree) {
		t.Errorf("tree came back as %+v, %v", gotTree, err)
	}
	bad := &rec.Tree{Label: "a", Kids: []rec.TreeKidsItem{{Label: "b", Kids: []rec.TreeKidsItem{{Label: "far too long", Weight: ptr(int64(-1))}}}}}
	_, err = client.CreateTree(ctx, rec.CreateTreeParams{}, bad)
	want := []string{"body.kids[0].kids[0].label: must be at most 8 characters long", "body.kids[0].kids[0].weight: must be at least 0"}
	if got := violationsOf[rec.ValidationErrors](t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("violations three levels down: %q, want %q", got, want)
	}

	_, err = client.CreateNode(ctx, rec.CreateNodeParams{}, &rec.Node{Name: "leaf"})
	if got := violationsOf[rec.ValidationErrors](t, err); !reflect.DeepEqual(got, []string{"body.parent: is required"}) {
		t.Errorf("a node without parent: %q", got)
	}
	node := &rec.Node{Name: "a", Parent: &rec.Node{Name: "b", Parent: &rec.Node{Name: "c"}},
		Children: []rec.Node{{Name: "d"}}, Attrs: map[string]rec.Node{"k": {Name: "e"}}}
	gotNode, err := echoClient(t, rec.WithoutValidation()).CreateNode(ctx, rec.CreateNodeParams{}, node)
	if err != nil || !reflect.DeepEqual(gotNode, node) {
		t.Errorf("node came back as %+v, %v", gotNode, err)
	}
}

// TestMutualRecursionAndDeepNesting sends Ping → Pong → Ping and decodes a
// reply nested 100 levels deep, one generated type per level.
func TestMutualRecursionAndDeepNesting(t *testing.T) {
	var deep strings.Builder
	for i := range 100 {
		deep.WriteString(`{"level` + strconv.Itoa(i) + `":`)
	}
	deep.WriteString(`{"leaf":"bottom"}` + strings.Repeat("}", 100))
	var sent []byte
	url := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		sent, _ = io.ReadAll(r.Body)
		w.Write([]byte(deep.String()))
	})
	client, err := rec.NewClient(rec.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	ping := &rec.Ping{ID: ptr("1"), Pong: &rec.Pong{Count: ptr(int64(2)), Ping: &rec.Ping{ID: ptr("3"), Pong: &rec.Pong{}}}}
	got, err := client.CreatePair(ctx, rec.CreatePairParams{}, ping)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"id":"1","pong":{"count":2,"ping":{"id":"3","pong":{}}}}`, sent)
	again, _ := json.Marshal(got)
	jsonEqual(t, deep.String(), again)
}
