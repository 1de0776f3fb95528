package atlastest

import (
	"encoding/json"
	"testing"

	rn "github.com/atlasgen/atlasgen/testdata/golden/reserved-names/want"
)

// TestReservedNames: properties and discriminators named like what the
// generated code declares beside them (an Unknown variant's Value and Raw,
// Validate, MarshalJSON, String, Error) are carried under other Go names,
// sent and read back under their own JSON names.
func TestReservedNames(t *testing.T) {
	srv := goldenFake(t, "reserved-names")
	client, err := rn.NewClient(rn.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	srv.Reply(200, `{"raw":"RawQ","Raw":"kept"}`)
	got, err := client.CreateThing(ctx, rn.CreateThingParams{}, &rn.ByValueA{Raw: "r", Validate_98446b: ptr("v"), MarshalJSON_edddbb: ptr("m")})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"value":"A","raw":"r","Validate":"v","MarshalJSON":"m"}`, srv.Last().Body)
	unknown, ok := got.(*rn.ByRawUnknown)
	if !ok || unknown.Value != "RawQ" || unknown.Raw() != "RawQ" || string(unknown.Raw_ff12f1) != `{"raw":"RawQ","Raw":"kept"}` {
		t.Fatalf("reply decoded as %#v", got)
	}
	if _, err := client.CreateThing(ctx, rn.CreateThingParams{}, &rn.ByValueA{}); err == nil {
		t.Error("a required raw left empty was accepted")
	}
	srv.Reply(200, `{"validate":"1","marshalJSON":"2","string":"3","error":"4","unmarshalJSON":"5"}`)
	plain, err := client.CreatePlain(ctx, rn.CreatePlainParams{}, &rn.Plain{Validate_d3e54b: ptr("1"), String_c16538: ptr("3")})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"validate":"1","string":"3"}`, srv.Last().Body)
	again, _ := json.Marshal(plain)
	jsonEqual(t, `{"validate":"1","marshalJSON":"2","string":"3","error":"4","unmarshalJSON":"5"}`, again)
}
