package atlastest

import (
	"encoding/json"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
)

// nullableBody holds nullable properties as generated models do
// (nullable_client_test.go drives the models of the nullable goldens).
type nullableBody struct {
	Hours atlas.Nullable[float64]  `json:"hours,omitzero"`
	Names atlas.Nullable[[]string] `json:"names,omitzero"`
}

// TestNullableThreeStates: absent, null and a value encode differently,
// decode back to what they were, and re-encode as received.
func TestNullableThreeStates(t *testing.T) {
	for _, tc := range []struct {
		body nullableBody
		json string
	}{
		{nullableBody{}, `{}`},
		{nullableBody{Hours: atlas.Null[float64]()}, `{"hours":null}`},
		{nullableBody{Hours: atlas.Value(24.0), Names: atlas.Value([]string{"a"})}, `{"hours":24,"names":["a"]}`},
		{nullableBody{Names: atlas.Value([]string{})}, `{"names":[]}`},
	} {
		data, err := json.Marshal(tc.body)
		if err != nil || string(data) != tc.json {
			t.Errorf("%+v encodes as %s (%v), want %s", tc.body, data, err, tc.json)
		}
		var back nullableBody
		if err := json.Unmarshal([]byte(tc.json), &back); err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(back)
		if string(again) != tc.json {
			t.Errorf("%s decodes and re-encodes as %s", tc.json, again)
		}
	}
	var got nullableBody
	json.Unmarshal([]byte(`{"hours":null}`), &got)
	if v, ok := got.Hours.Get(); !got.Hours.IsSet() || !got.Hours.IsNull() || ok || v != 0 || got.Names.IsSet() {
		t.Errorf("null decoded as %+v", got)
	}
	json.Unmarshal([]byte(`{"hours":1.5}`), &got)
	if v, ok := got.Hours.Get(); !ok || v != 1.5 || got.Hours.IsNull() {
		t.Errorf("a value decoded as %+v", got)
	}
	if err := json.Unmarshal([]byte(`{"hours":"x"}`), &got); err == nil {
		t.Error("a string decoded into Nullable[float64]")
	}
}
