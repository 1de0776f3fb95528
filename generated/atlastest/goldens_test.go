package atlastest

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	"github.com/atlasgen/atlasgen/spec"
	atlas20230601 "github.com/atlasgen/atlasgen/testdata/golden/fourops-2023-06-01/want"
	pinned "github.com/atlasgen/atlasgen/testdata/golden/fourops-subset-pinned/want"
	lookahead "github.com/atlasgen/atlasgen/testdata/golden/lookahead-cidr/want"
	nested "github.com/atlasgen/atlasgen/testdata/golden/nested-unions/want"
	rules "github.com/atlasgen/atlasgen/testdata/golden/rules-synthetic/want"
)

// TestSnapshotPinnedTo20230601 proves a snapshot pinned before 2024-05-30
// sends createExportBucket's 2023-01-01 version, with its single AWS-shaped
// body, and that the request matches spec/.
func TestSnapshotPinnedTo20230601(t *testing.T) {
	srv := fakeatlas.New(t, spec.Document())
	client, err := atlas20230601.NewClient(atlas20230601.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	srv.Reply(http.StatusOK, `{"_id":"32b6e34b3d91647abb20e7b8","bucketName":"export-bucket","cloudProvider":"AWS","iamRoleId":"32b6e34b3d91647abb20e7b8","links":[]}`)
	provider := atlas20230601.DiskBackupSnapshotAWSExportBucketCloudProviderAWS
	got, err := client.CreateExportBucket(ctx, atlas20230601.CreateExportBucketParams{GroupID: groupID},
		&atlas20230601.DiskBackupSnapshotAWSExportBucketRequest{BucketName: ptr("export-bucket"), CloudProvider: &provider, IAMRoleID: ptr(groupID)})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == nil || *got.ID != groupID {
		t.Errorf("readOnly _id not decoded: %+v", got)
	}
	req := srv.Last()
	for _, h := range []string{"Accept", "Content-Type"} {
		if v := req.Header.Get(h); v != "application/vnd.atlas.2023-01-01+json" {
			t.Errorf("%s = %q", h, v)
		}
	}
	jsonEqual(t, `{"bucketName":"export-bucket","cloudProvider":"AWS","iamRoleId":"32b6e34b3d91647abb20e7b8"}`, req.Body)
}

// TestLookAheadPatternIsEnforced proves the golden generated from
// upstream's look-ahead pattern enforces it as ECMAScript does: it accepts
// a bare address and rejects a CIDR block, exactly the defect FACTS.md
// records, rather than dropping the pattern.
func TestLookAheadPatternIsEnforced(t *testing.T) {
	for value, ok := range map[string]bool{"10.0.0.0": true, "1.2.3.4.garbage": true, "10.0.0.0/16": false, "not-an-ip": false} {
		err := (&lookahead.RouteTable{RouteTableCIDRBlock: value}).Validate()
		if (err == nil) != ok {
			t.Errorf("%q: Validate() = %v, want valid = %v", value, err, ok)
		}
	}
}

// TestSyntheticRules proves x-atlasgen-rules becomes validators generically.
func TestSyntheticRules(t *testing.T) {
	cases := []struct {
		order rules.Order
		want  string
	}{
		{rules.Order{Dish: rules.OrderDishCalzone}, "body.filling"},
		{rules.Order{Dish: rules.OrderDishCalzone, Filling: ptr("ricotta")}, ""},
		{rules.Order{Dish: rules.OrderDishFlatbread, Size: ptr("LARGE")}, "body.slices,body.toppings"},
		{rules.Order{Dish: rules.OrderDishPizza, Size: ptr("SMALL")}, ""},
		{rules.Order{Dish: rules.OrderDishPizza, Size: ptr("LARGE"), Slices: ptr(int32(8)), Toppings: []string{"basil", "x"}}, "body.toppings[1]"},
	}
	for _, c := range cases {
		var got []string
		if err := c.order.Validate(); err != nil {
			for _, v := range err.(rules.ValidationErrors) {
				got = append(got, v.Path)
			}
		}
		if strings.Join(got, ",") != c.want {
			t.Errorf("%+v: violations %v, want %s", c.order, got, c.want)
		}
	}
}

// TestNestedUnionsRoundTrip proves unions held in a field, an array, a map
// and inside another union's variant decode by discriminator (implicit
// mapping: the schema names Cat and Pair), re-marshal to the same JSON, and
// validate with indexed paths.
func TestNestedUnionsRoundTrip(t *testing.T) {
	in := `{"star":{"kind":"Pair","first":{"kind":"Cat","name":"Tom"}},
		"animals":[{"kind":"Cat","name":"A"},{"kind":"Dog","bark":true}],
		"byName":{"x":{"kind":"Cat","name":"X"}}}`
	var zoo nested.Zoo
	if err := json.Unmarshal([]byte(in), &zoo); err != nil {
		t.Fatal(err)
	}
	pair, ok := zoo.Star.(*nested.AnimalPair)
	if !ok {
		t.Fatalf("star is %T", zoo.Star)
	}
	if cat, ok := pair.First.(*nested.AnimalCat); !ok || cat.Name != "Tom" {
		t.Fatalf("pair.first is %#v", pair.First)
	}
	if _, ok := zoo.Animals[1].(*nested.AnimalUnknown); !ok {
		t.Errorf("a Dog should decode as unknown, got %T", zoo.Animals[1])
	}
	if cat, ok := zoo.ByName["x"].(*nested.AnimalCat); !ok || cat.Name != "X" {
		t.Errorf("byName[x] is %#v", zoo.ByName["x"])
	}
	out, err := json.Marshal(&zoo)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, in, out)

	zoo.Animals = []nested.Animal{&nested.AnimalCat{Name: "ok"}, &nested.AnimalCat{}, &nested.AnimalCat{Name: "z"}}
	var got []string
	for _, v := range zoo.Validate().(nested.ValidationErrors) {
		got = append(got, v.Path)
	}
	if want := "body.animals,body.animals[1].name"; strings.Join(got, ",") != want {
		t.Errorf("violations %v, want %s", got, want)
	}
	zoo.Animals = nil
	zoo.ByName["y"] = &nested.AnimalPair{First: &nested.AnimalCat{}}
	got = got[:0]
	for _, v := range zoo.Validate().(nested.ValidationErrors) {
		got = append(got, v.Path)
	}
	if want := `body.byName["y"].first.name`; strings.Join(got, ",") != want {
		t.Errorf("violations %v, want %s", got, want)
	}
	var bad nested.Zoo
	if err := json.Unmarshal([]byte(`{"star":{"kind":"Cat","name":5}}`), &bad); err == nil {
		t.Error("a malformed variant decoded without error")
	}
}

// TestSubsetWithOnePinnedOperation drives the fourops-subset-pinned golden:
// two of the four operations, createExportBucket pinned to 2023-01-01 while
// the other keeps the newest version; both judged by the fake.
func TestSubsetWithOnePinnedOperation(t *testing.T) {
	srv := fakeatlas.New(t, spec.Document())
	client, err := pinned.NewClient(pinned.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	srv.Reply(http.StatusOK, `{"_id":"32b6e34b3d91647abb20e7b8","bucketName":"b","cloudProvider":"AWS","iamRoleId":"32b6e34b3d91647abb20e7b8"}`)
	provider := pinned.DiskBackupSnapshotAWSExportBucketCloudProviderAWS
	if _, err := client.CreateExportBucket(ctx, pinned.CreateExportBucketParams{GroupID: groupID},
		&pinned.DiskBackupSnapshotAWSExportBucketRequest{BucketName: ptr("export-bucket"), CloudProvider: &provider, IAMRoleID: ptr(groupID)}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Last().Header.Get("Accept"); got != "application/vnd.atlas.2023-01-01+json" {
		t.Errorf("pinned createExportBucket sent Accept %q", got)
	}
	for _, name := range []string{"CreateGroupPeer", "CreatePrivateLinkConnection"} {
		if _, ok := reflect.TypeOf(client).MethodByName(name); ok {
			t.Errorf("the subset has %s", name)
		}
	}
	if _, ok := reflect.TypeOf(client).MethodByName("CreateBackupPrivateEndpoint"); !ok {
		t.Error("the subset lacks CreateBackupPrivateEndpoint")
	}
	if problems := srv.Problems(); len(problems) > 0 {
		t.Errorf("the fake refused: %q", problems)
	}
}
