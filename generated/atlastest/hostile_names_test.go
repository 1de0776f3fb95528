package atlastest

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"testing"

	hn "github.com/atlasgen/atlasgen/testdata/golden/hostile-names/want"
)

// namesBody is a Names value in which every property is set, its JSON as
// the spec spells each name.
const namesBody = `{"":"empty","$oid":"o","-":"dash","MarshalJSON":"mj","NAME":"N3","Name":"N2","String":"s",
	"Validate":"V","_id":"u","` + "`tick`" + `":["t"],"a,b":7,"a.b":"dot","back\\slash":true,"func":"f","id":"i",
	"name":"n1","pet":{"kind":"dog","bark":true},"range":3,"region":"us.east.1","say \"hi\"":"hi","type":"ty","validate":"v","日本":"jp"}`

// TestHostileNamesKeepTheirWireNames: properties named as Go keywords, by
// case only, _id and id, $oid, a.b, -, the empty name, names holding a
// quote, comma, backslash or backtick, and names of generated methods are
// all distinct fields, sent and read under exactly their JSON names (a
// union beside them still decodes by its discriminator);
// parameters that meet after Go naming are distinct fields sent where
// they belong; colliding enum values are distinct constants.
func TestHostileNamesKeepTheirWireNames(t *testing.T) {
	srv := goldenFake(t, "hostile-names")
	client, err := hn.NewClient(hn.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	var names hn.Names
	if err := json.Unmarshal([]byte(namesBody), &names); err != nil {
		t.Fatal(err)
	}
	if names.X_1c9dc5 == nil || *names.X_1c9dc5 != "empty" || names.SayHi == nil || names.AB_876b46 != 7 || names.Name_ba8a26 == nil || *names.Name_ba8a26 != "N3" {
		t.Fatalf("decoded as %+v", names)
	}
	if dog, ok := names.Pet.(*hn.PetDog); !ok || dog.Bark == nil || !*dog.Bark {
		t.Fatalf("the union beside untagged names decoded as %#v", names.Pet)
	}
	if err := client.GetGroup_aa9a40(ctx, hn.GetGroup_aa9a40Params{GroupID: "g"}, &names); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, namesBody, srv.Last().Body)
	if problems := srv.Problems(); len(problems) > 0 {
		t.Errorf("the fake refused the body: %q", problems)
	}

	srv.Reply(200, namesBody)
	got, err := client.GetGroup_14040d(ctx, hn.GetGroup_14040dParams{GroupID: "p", GroupIDQuery: ptr("q"), GroupIDHeader: ptr("h"),
		X_0c1e27: ptr("X"), X_0c5087: ptr("x"), X_62fb9e: ptr("x-"), X_634408: ptr("x_"), Type: ptr("t"), Validate_487555: ptr("V")})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, names) {
		t.Errorf("reply decoded as %+v", *got)
	}
	req := srv.Last()
	query, _ := parseQuery(req.RawQuery)
	if req.Path != "/api/atlas/v2/groups/p" || req.Header.Get("groupId") != "h" || query.Get("groupId") != "q" {
		t.Errorf("groupId sent as path %q, header %q, query %q", req.Path, req.Header.Get("groupId"), query.Get("groupId"))
	}
	for name, want := range map[string]string{"X": "X", "x": "x", "x-": "x-", "x_": "x_", "type": "t", "Validate": "V"} {
		if query.Get(name) != want {
			t.Errorf("query %s = %q, want %q", name, query.Get(name), want)
		}
	}

	consts := []hn.NamesRegion{hn.NamesRegionUsEast1_a4b147, hn.NamesRegionUsEast1_d7ab37, hn.NamesRegionUsEast1_5a2695,
		hn.NamesRegionUsEast1_11f199, hn.NamesRegionAB, hn.NamesRegionTick, hn.NamesRegionBackSlash, hn.NamesRegionEmpty, hn.NamesRegionX1st, hn.NamesRegionFunc}
	var wire []string
	for _, c := range consts {
		wire = append(wire, string(c))
	}
	sort.Strings(wire)
	want := []string{"", "1st", "US East 1", "US_EAST_1", "`tick`", "a\"b", "back\\slash", "func", "us-east-1", "us.east.1"}
	if !reflect.DeepEqual(wire, want) {
		t.Errorf("enum constants carry %q, want %q", wire, want)
	}
	srv.Reply(204, "")
	if err := client.GetGroup(ctx, hn.GetGroupParams{GroupID: "g"}); err != nil || srv.Last().Method != http.MethodPatch {
		t.Errorf("GetGroup, the operationId already a Go name, is not the PATCH: %v", err)
	}
}

// TestVariantsNamedUnknownAndDecoder: discriminator values "unknown" and
// "decoder" are variants of their own, apart from the Unknown variant and
// the decoder; each decodes and re-encodes as received.
func TestVariantsNamedUnknownAndDecoder(t *testing.T) {
	for body, want := range map[string]any{
		`{"kind":"unknown","sings":true}`: &hn.PetUnknown{},
		`{"kind":"decoder","fins":2}`:     &hn.PetDecoder{},
		`{"kind":"zebra","stripes":9}`:    &hn.PetUnknown_0ddb75{},
	} {
		pet, err := hn.UnmarshalPet([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if reflect.TypeOf(pet) != reflect.TypeOf(want) {
			t.Errorf("%s decoded as %T, want %T", body, pet, want)
		}
		again, err := json.Marshal(pet)
		if err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, body, again)
	}
}
