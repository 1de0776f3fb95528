package atlastest

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	n31 "github.com/atlasgen/atlasgen/testdata/golden/nullable-31/want"
	nb "github.com/atlasgen/atlasgen/testdata/golden/nullable/want"
)

// nullable starts a fake Atlas for the nullable golden's spec: it judges
// every request by the spec, null included (openapi3filter knows nullable).
func nullable(t *testing.T) (*fakeatlas.Server, *nb.Client) {
	t.Helper()
	srv := goldenFake(t, "nullable")
	client, err := nb.NewClient(nb.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// The note parameter is nullable, but null cannot travel in a query: it
// stays a plain optional pointer.
var _ *string = nb.UpdateSettingsParams{}.Note

// TestNullableRequestSendsNullOnlyWhenAsked: each kind of nullable
// property set to null is sent as null, one set to a value (a zero value
// included) as that value, one left alone not at all; a required nullable
// property left zero is sent as null, and so is a required nullable
// self-reference.
func TestNullableRequestSendsNullOnlyWhenAsked(t *testing.T) {
	srv, client := nullable(t)
	srv.Reply(200, `{"owners":[],"label":null}`)
	body := &nb.SettingsRequest{
		Owners:         []string{},
		RetentionHours: nb.Null[float64](),
		SizeMb:         nb.Value(int32(0)),
		Enabled:        nb.Value(false),
		Tier:           nb.Null[nb.SettingsTier](),
		Mode:           nb.Value(nb.SettingsModeFast),
		Window:         nb.Value(nb.Window{StartHour: 3}),
		Windows:        []nb.Nullable[nb.Window]{nb.Null[nb.Window](), nb.Value(nb.Window{StartHour: 1, Previous: nb.Value(&nb.Window{})})},
		Limits:         nb.Null[nb.SettingsRequestLimits](),
		Tags:           []nb.Nullable[string]{nb.Null[string](), nb.Value("a")},
		Zones:          nb.Null[[]string](),
		Quotas:         map[string]nb.Nullable[int64]{"a": nb.Null[int64](), "b": nb.Value(int64(0))},
		Target:         nb.Null[nb.Target](),
		Targets:        []nb.Nullable[nb.Target]{nb.Null[nb.Target](), nb.Value[nb.Target](&nb.TargetEmail{Address: "a@b", Cc: nb.Null[string]()})},
	}
	if _, err := client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID}, body); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"owners":[],"label":null,"retentionHours":null,"sizeMB":0,"enabled":false,"tier":null,"mode":"FAST",
		"window":{"startHour":3,"previous":null},
		"windows":[null,{"startHour":1,"previous":{"startHour":0,"previous":null}}],
		"limits":null,"tags":[null,"a"],"zones":null,"quotas":{"a":null,"b":0},
		"target":null,"targets":[null,{"kind":"EMAIL","address":"a@b","cc":null}]}`, srv.Last().Body)

	if _, err := client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID},
		&nb.SettingsRequest{Owners: []string{}, Label: nb.Value("x"), Zones: nb.Value([]string{})}); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"owners":[],"label":"x","zones":[]}`, srv.Last().Body)
}

// settingsReply holds every nullable property of Settings three ways:
// null, a value, and (expiresAt, name) absent.
const settingsReply = `{"owners":["o"],"label":null,"retentionHours":24.5,"sizeMB":null,"enabled":true,
	"tier":"HIGH","mode":null,"updatedBy":null,
	"window":{"startHour":2,"previous":{"startHour":1,"previous":null}},
	"windows":[null,{"startHour":4,"previous":null}],"limits":{"max":3},
	"tags":["t",null],"zones":["z"],"quotas":{"q":null,"r":7},
	"target":{"kind":"WEBHOOK","url":"https://h","secret":null},
	"targets":[null,{"kind":"EMAIL","address":"a@b"}]}`

// TestNullableResponseKeepsAbsentNullAndValue: an answer decodes into the
// three states property by property, unions and items included, and
// re-encodes as it was received.
func TestNullableResponseKeepsAbsentNullAndValue(t *testing.T) {
	srv, client := nullable(t)
	srv.Reply(200, settingsReply)
	got, err := client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID}, &nb.SettingsRequest{Owners: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	for name, null := range map[string]bool{"label": got.Label.IsNull(), "sizeMB": got.SizeMb.IsNull(), "mode": got.Mode.IsNull(),
		"updatedBy": got.UpdatedBy.IsNull(), "windows[0]": got.Windows[0].IsNull(), "tags[1]": got.Tags[1].IsNull(),
		"quotas.q": got.Quotas["q"].IsNull(), "targets[0]": got.Targets[0].IsNull()} {
		if !null {
			t.Errorf("%s: null did not decode as null", name)
		}
	}
	if got.ExpiresAt.IsSet() || got.Name.IsSet() || got.Name != (nb.Nullable[string]{}) {
		t.Errorf("absent properties decoded as set: %+v, %+v", got.ExpiresAt, got.Name)
	}
	if v, ok := got.RetentionHours.Get(); !ok || v != 24.5 {
		t.Errorf("retentionHours = %v, %v", v, ok)
	}
	if tier, ok := got.Tier.Get(); !ok || tier != nb.SettingsTierHigh {
		t.Errorf("tier = %q, %v", tier, ok)
	}
	w, _ := got.Window.Get()
	if prev, ok := w.Previous.Get(); !ok || prev.StartHour != 1 || !prev.Previous.IsNull() {
		t.Errorf("window = %+v", w)
	}
	target, _ := got.Target.Get()
	if hook, ok := target.(*nb.TargetWebhook); !ok || hook.URL != "https://h" || !hook.Secret.IsNull() {
		t.Errorf("target = %#v", target)
	}
	item, _ := got.Targets[1].Get()
	if email, ok := item.(*nb.TargetEmail); !ok || email.Address != "a@b" || email.Cc.IsSet() {
		t.Errorf("targets[1] = %#v", item)
	}
	again, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, settingsReply, again)

	const nullUnion = `{"owners":[],"label":"l","target":null}`
	srv.Reply(200, nullUnion)
	if got, err = client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID}, &nb.SettingsRequest{Owners: []string{}}); err != nil {
		t.Fatal(err)
	}
	if !got.Target.IsNull() || got.Targets != nil {
		t.Errorf("a null union decoded as %+v, targets %+v", got.Target, got.Targets)
	}
	again, _ = json.Marshal(got)
	jsonEqual(t, nullUnion, again)
}

// TestNullableValidation: null passes wherever the spec allows it; a value
// a Nullable holds gets every check the spec puts there, in lists and maps
// too; a list that is not nullable is missing when nil (it would be sent
// as null), never sent.
func TestNullableValidation(t *testing.T) {
	srv, client := nullable(t)
	bad := &nb.SettingsRequest{
		Name:           nb.Value("x"),
		RetentionHours: nb.Value(0.5),
		Mode:           nb.Value(nb.SettingsMode("SLOW")),
		Window:         nb.Value(nb.Window{StartHour: 24, Previous: nb.Value(&nb.Window{StartHour: -1})}),
		Tags:           []nb.Nullable[string]{nb.Null[string](), nb.Value("")},
		Quotas:         map[string]nb.Nullable[int64]{"q": nb.Value(int64(-1))},
		Zones:          nb.Value([]string{"a", "b", "c"}),
		Target:         nb.Value[nb.Target](&nb.TargetEmail{Address: "nobody", Cc: nb.Value("nor")}),
		Targets:        []nb.Nullable[nb.Target]{nb.Value[nb.Target](nil), nb.Value[nb.Target](&nb.TargetWebhook{})},
	}
	_, err := client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID}, bad)
	want := []string{
		"body.mode: unknown value \"SLOW\"",
		"body.name: must be at least 2 characters long",
		"body.owners: is required",
		"body.quotas[\"q\"]: must be at least 0",
		"body.retentionHours: must be at least 1",
		"body.tags[1]: must be at least 1 characters long",
		"body.target.address: must match ^[^@]+@[^@]+$",
		"body.target.cc: must match ^[^@]+@[^@]+$",
		"body.targets[1].url: is required",
		"body.window.previous.startHour: must be at least 0",
		"body.window.startHour: must be at most 23",
		"body.zones: must have at most 2 items",
	}
	if got := violationsOf[nb.ValidationErrors](t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("violations:\n%q\nwant\n%q", got, want)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for an invalid body", n)
	}
	expires := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	srv.Reply(200, `{"owners":[],"label":null}`)
	ok := &nb.SettingsRequest{Owners: []string{}, ExpiresAt: nb.Value(expires), Name: nb.Null[string](), Zones: nb.Value[[]string](nil)}
	if _, err := client.UpdateSettings(ctx, nb.UpdateSettingsParams{GroupID: groupID}, ok); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"owners":[],"label":null,"expiresAt":"2030-01-02T03:04:05Z","name":null,"zones":null}`, srv.Last().Body)
}

// TestNullable31Spelling: OpenAPI 3.1's type: [T, "null"], an enum listing
// null and a schema typed only null give the same three states, which the
// fake (judging by the 3.1 document) accepts as null, and values are still
// checked.
func TestNullable31Spelling(t *testing.T) {
	srv := goldenFake(t, "nullable-31")
	client, err := n31.NewClient(n31.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	srv.Reply(200, `{"hours":null,"first":"abc","kind":null,"only":null,"items":[null,1]}`)
	body := &n31.Thing{Hours: n31.Null[float64](), First: n31.Value("abc"), Kind: n31.Null[n31.ThingKind](),
		Only: n31.Null[any](), Items: []n31.Nullable[int64]{n31.Null[int64](), n31.Value(int64(1))}}
	got, err := client.CreateThing(ctx, n31.CreateThingParams{}, body)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"hours":null,"first":"abc","kind":null,"only":null,"items":[null,1]}`, srv.Last().Body)
	if !reflect.DeepEqual(got, body) {
		t.Errorf("decoded %+v, want what was sent", got)
	}
	_, err = client.CreateThing(ctx, n31.CreateThingParams{}, &n31.Thing{Hours: n31.Value(0.0), First: n31.Value("abcd")})
	want := []string{"body.first: must be at most 3 characters long", "body.hours: must be at least 1"}
	if got := violationsOf[n31.ValidationErrors](t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("violations %q, want %q", got, want)
	}
}

// TestNullableMergedAlternatives: a merged oneOf whose members disagree on
// null takes null through the member that admits it and refuses it where
// no member does; a nil inner list would be sent as null, which its items
// schema does not allow.
func TestNullableMergedAlternatives(t *testing.T) {
	srv, client := nullable(t)
	srv.Reply(200, `{"owners":[],"label":null,"hardware":{"size":null,"disk":null}}`)
	params := nb.UpdateSettingsParams{GroupID: groupID}
	small := &nb.SettingsRequest{Owners: []string{}, Hardware: &nb.Hardware{Size: nb.Null[nb.HardwareSize](), Disk: nb.Value(int64(5))}}
	got, err := client.UpdateSettings(ctx, params, small)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"owners":[],"label":null,"hardware":{"size":null,"disk":5}}`, srv.Last().Body)
	if !got.Hardware.Size.IsNull() || !got.Hardware.Disk.IsNull() {
		t.Errorf("hardware decoded as %+v", got.Hardware)
	}
	large := &nb.SettingsRequest{Owners: []string{}, Hardware: &nb.Hardware{Size: nb.Value(nb.HardwareSizeM30), Disk: nb.Null[int64]()}}
	if _, err := client.UpdateSettings(ctx, params, large); err != nil {
		t.Fatal(err)
	}
	neither := &nb.SettingsRequest{Owners: []string{}, Hardware: &nb.Hardware{Size: nb.Null[nb.HardwareSize](), Disk: nb.Value(int64(200))},
		Grid: [][]string{{"a"}, nil}}
	_, err = client.UpdateSettings(ctx, params, neither)
	got2 := violationsOf[nb.ValidationErrors](t, err)
	// Size left unset is sent as null too: the member that refuses null
	// refuses it, so neither member takes a disk of 200.
	unset := &nb.SettingsRequest{Owners: []string{}, Hardware: &nb.Hardware{Disk: nb.Value(int64(200))}}
	if _, err := client.UpdateSettings(ctx, params, unset); err == nil {
		t.Errorf("hardware with size unset (sent as null) and disk 200 passed: %s", srv.Last().Body)
	}
	// Each member refuses it once: the report names the closest.
	if len(got2) != 2 || got2[0] != "body.grid[1]: must not be null" ||
		!strings.HasPrefix(got2[1], "body.hardware.disk: must be at most 10") && !strings.HasPrefix(got2[1], "body.hardware.size: must not be null") {
		t.Errorf("violations %q", got2)
	}
}

// TestNullablePage: the iterator reads a total count and results that may
// be null: the total keeps it paging past pages the server capped short,
// and null results are an empty page, which ends it.
func TestNullablePage(t *testing.T) {
	srv, client := nullable(t)
	srv.Respond(func(r fakeatlas.Request) fakeatlas.Response {
		q, _ := parseQuery(r.RawQuery)
		switch q.Get("pageNum") {
		case "1":
			return fakeatlas.Response{Status: 200, Body: `{"totalCount":4,"results":[{"startHour":1,"previous":null},{"startHour":2,"previous":null}]}`}
		case "2":
			return fakeatlas.Response{Status: 200, Body: `{"totalCount":4,"results":[{"startHour":3,"previous":null},{"startHour":4,"previous":null}]}`}
		}
		return fakeatlas.Response{Status: 200, Body: `{"totalCount":null,"results":null}`}
	})
	var hours []int64
	for w, err := range client.ListWindowsAll(ctx, nb.ListWindowsParams{GroupID: groupID}) {
		if err != nil {
			t.Fatal(err)
		}
		v, _ := w.Get()
		hours = append(hours, v.StartHour)
	}
	if !reflect.DeepEqual(hours, []int64{1, 2, 3, 4}) || len(srv.Requests()) != 2 {
		t.Errorf("paged %v in %d requests, want 1-4 in 2 (the total reached)", hours, len(srv.Requests()))
	}
	srv.Reply(200, `{"totalCount":null,"results":null}`)
	for w, err := range client.ListWindowsAll(ctx, nb.ListWindowsParams{GroupID: groupID}) {
		t.Errorf("a null page yielded %+v, %v", w, err)
	}
}

// TestNullReplyIsTheZeroResult: where the spec lets the answer be null
// (the nullable union CreateTarget answers with), a null reply is the zero
// result, as an empty one is; where it does not, null stays a malformed
// answer (TestMalformedResponsesAreErrors).
func TestNullReplyIsTheZeroResult(t *testing.T) {
	srv, client := nullable(t)
	srv.Reply(200, " null\n")
	got, err := client.CreateTarget(ctx, nb.CreateTargetParams{GroupID: groupID}, &nb.TargetWebhook{URL: "https://h"})
	if err != nil || got != nil {
		t.Errorf("a null reply: %#v, %v", got, err)
	}
	for _, status := range []int{200, 201} { // an operation with two success statuses
		srv.Reply(status, "null")
		got, err = client.ReplaceTarget(ctx, nb.ReplaceTargetParams{GroupID: groupID}, &nb.TargetWebhook{URL: "https://h"})
		if err != nil || got != nil {
			t.Errorf("a null %d reply: %#v, %v", status, got, err)
		}
	}
}

// TestNullableRule: a rule conditioned on a nullable enum holds when the
// enum holds the value, not when it is null or absent, and a nullable
// requirement is met by null.
func TestNullableRule(t *testing.T) {
	srv, client := nullable(t)
	srv.Reply(200, `{"owners":[],"label":null}`)
	params := nb.UpdateSettingsParams{GroupID: groupID}
	_, err := client.UpdateSettings(ctx, params, &nb.SettingsRequest{Owners: []string{}, Mode: nb.Value(nb.SettingsModeSafe)})
	want := []string{"body.retentionHours: is required when mode is SAFE"}
	if got := violationsOf[nb.ValidationErrors](t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("violations %q, want %q", got, want)
	}
	for _, body := range []*nb.SettingsRequest{
		{Owners: []string{}, Mode: nb.Value(nb.SettingsModeSafe), RetentionHours: nb.Null[float64]()},
		{Owners: []string{}, Mode: nb.Null[nb.SettingsMode]()},
		{Owners: []string{}, Mode: nb.Value(nb.SettingsModeFast)},
	} {
		if _, err := client.UpdateSettings(ctx, params, body); err != nil {
			t.Errorf("%+v: %v", body, err)
		}
	}
}
