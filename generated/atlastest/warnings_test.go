package atlastest

import (
	"net/http"
	"reflect"
	"testing"

	wg "github.com/atlasgen/atlasgen/testdata/golden/warnings/want"
)

// TestWarnedValuesAreNotUsed drives the warnings golden: an enum value of
// the wrong type is no constant and is refused, the case-duplicate and
// the 2024-13-45 media types are never sent, and an optional property
// allOf states as string and integer is not a field.
func TestWarnedValuesAreNotUsed(t *testing.T) {
	if !wg.ThingLevelLow.IsKnown() || wg.ThingLevel("7").IsKnown() {
		t.Error("the enum knows the dropped value 7")
	}
	var sent *http.Request
	url := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		sent = r
		w.Header().Set("Content-Type", "application/vnd.atlas.2024-01-01+json")
		w.Write([]byte(`{"kind":"dog","bark":true}`))
	})
	client, err := wg.NewClient(wg.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	seven := wg.ThingLevel("7")
	_, err = client.CreateThing(ctx, wg.CreateThingParams{}, &wg.Thing{Level: &seven})
	if got := violationsOf[wg.ValidationErrors](t, err); len(got) != 1 {
		t.Errorf("level 7 gave %q", got)
	}
	got, err := client.CreateThing(ctx, wg.CreateThingParams{}, &wg.Thing{Level: ptr(wg.ThingLevelHigh)})
	if err != nil {
		t.Fatal(err)
	}
	if ct := sent.Header.Get("Content-Type"); ct != "application/vnd.atlas.2024-01-01+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if dog, ok := got.(*wg.PetDog); !ok || dog.Bark == nil || !*dog.Bark {
		t.Errorf("reply decoded as %#v", got)
	}
	if _, has := reflect.TypeOf(wg.Thing{}).FieldByName("Size"); has {
		t.Error("the property no value satisfies is a field")
	}
}
