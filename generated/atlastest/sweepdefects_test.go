package atlastest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	sd "github.com/atlasgen/atlasgen/testdata/golden/sweep-defects/want"
)

// sweepDefects starts a fake Atlas for the sweep-defects golden's spec: the
// shapes from published copies that the whole-spec sweep found mishandled.
func sweepDefects(t *testing.T, opts ...sd.Option) (*fakeatlas.Server, *sd.Client) {
	t.Helper()
	srv := goldenFake(t, "sweep-defects")
	client, err := sd.NewClient(append([]sd.Option{sd.WithBaseURL(srv.URL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

func sdViolations(t *testing.T, err error) []string {
	t.Helper()
	return violationsOf[sd.ValidationErrors](t, err)
}

const limitList = `[{"name":"atlas.project.deployment.clusters","value":3,"maximumLimit":10},` +
	`{"name":"dataFederation.bytesProcessed.query","value":5,"overrunPolicy":"BLOCK"},` +
	`{"name":"some.future.limit","value":1}]`

// TestListOfUnionsDecodes: a result that is a JSON array of unions decodes
// element by element through the union's decoder, unknown values included,
// and re-encodes to what was received.
func TestListOfUnionsDecodes(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(200, limitList)
	limits, err := client.ListLimits(ctx, sd.ListLimitsParams{GroupID: groupID})
	if err != nil {
		t.Fatal(err)
	}
	if len(limits) != 3 {
		t.Fatalf("%d limits", len(limits))
	}
	if c, ok := limits[0].(*sd.LimitAtlasProjectDeploymentClusters); !ok || c.MaximumLimit == nil || *c.MaximumLimit != 10 {
		t.Errorf("limits[0] = %#v", limits[0])
	}
	if f, ok := limits[1].(*sd.LimitDataFederationBytesProcessedQuery); !ok || f.OverrunPolicy == nil || *f.OverrunPolicy != sd.LimitOverrunPolicyBlock {
		t.Errorf("limits[1] = %#v", limits[1])
	}
	if u, ok := limits[2].(*sd.LimitUnknown); !ok || u.Value != "some.future.limit" {
		t.Errorf("limits[2] = %#v", limits[2])
	}
	again, err := json.Marshal(limits)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, limitList, again)
}

// TestNestedListsOfUnionsDecode: unions inside a slice of slices and a map
// of slices decode through their decoders too.
func TestNestedListsOfUnionsDecode(t *testing.T) {
	srv, client := sweepDefects(t)
	reply := `{"clusterName":"c0","limitGrid":[` + limitList + `,[]],"limitsByRegion":{"US_EAST_1":` + limitList + `}}`
	srv.Reply(200, reply)
	out, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, &sd.OutageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.LimitGrid) != 2 || len(out.LimitGrid[0]) != 3 || len(out.LimitsByRegion["US_EAST_1"]) != 3 {
		t.Fatalf("decoded %+v", out)
	}
	if _, ok := out.LimitsByRegion["US_EAST_1"][1].(*sd.LimitDataFederationBytesProcessedQuery); !ok {
		t.Errorf("map element is %T", out.LimitsByRegion["US_EAST_1"][1])
	}
	again, _ := json.Marshal(out)
	jsonEqual(t, reply, again)
}

// TestMapDecodeErrorIsTheFirstByName: of several bad values in a map of
// unions, the error names the first by key, every time.
func TestMapDecodeErrorIsTheFirstByName(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(200, `{"clusterName":"c0","limitsByRegion":{"US_EAST_2":[7],"EU_WEST_1":[8],"US_EAST_1":[9]}}`)
	for range 20 {
		_, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, &sd.OutageRequest{})
		if err == nil || !strings.Contains(err.Error(), `["EU_WEST_1"]`) {
			t.Fatalf("error %v, want the one of EU_WEST_1", err)
		}
	}
}

// TestOptionalArraysAreCheckedOnlyWhenPresent: minItems and the other rules
// of an optional array apply to a value that is sent, never to an absent one.
func TestOptionalArraysAreCheckedOnlyWhenPresent(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(200, `{}`)
	if _, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, &sd.OutageRequest{}); err != nil {
		t.Fatalf("an empty body was refused: %v", err)
	}
	jsonEqual(t, `{}`, srv.Last().Body)
	_, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID},
		&sd.OutageRequest{OutageFilters: []sd.OutageFilter{}, Labels: []string{"a", "b", "c", "d"}})
	got := sdViolations(t, err)
	want := []string{"body.labels: must have at most 3 items", "body.outageFilters: must have at least 1 items"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("violations %q, want %q", got, want)
	}
}

// TestNilUnionElementIsMissing: a nil union inside a list is reported as a
// missing value, never a nil-interface call.
func TestNilUnionElementIsMissing(t *testing.T) {
	_, client := sweepDefects(t)
	body := &sd.OutageRequest{LimitGrid: [][]sd.LimitRequest{{nil}}, LimitsByRegion: map[string][]sd.LimitRequest{"EU": {nil}}}
	_, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, body)
	got := sdViolations(t, err)
	want := []string{`body.limitGrid[0][0]: is required`, `body.limitsByRegion["EU"][0]: is required`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("violations %q, want %q", got, want)
	}
	err = client.SetLimits(ctx, sd.SetLimitsParams{GroupID: groupID}, []sd.LimitRequest{&sd.LimitRequestAtlasProjectDeploymentClusters{Value: 1}, nil})
	if got := sdViolations(t, err); strings.Join(got, "|") != "body[1]: is required" {
		t.Errorf("list body violations %q", got)
	}
}

// TestReadOnlyDiscriminatorIsNotSent: the caller picks the variant by its Go
// type; the readOnly discriminator stays off the wire (the fake refuses a
// readOnly property in a request), and the reply still decodes by it.
func TestReadOnlyDiscriminatorIsNotSent(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(200, `{"name":"dataFederation.bytesProcessed.query","value":7,"overrunPolicy":"BLOCK_AND_KILL"}`)
	policy := sd.LimitOverrunPolicyBlockAndKill
	got, err := client.SetLimit(ctx, sd.SetLimitParams{GroupID: groupID, LimitName: "dataFederation.bytesProcessed.query"},
		&sd.LimitRequestDataFederationBytesProcessedQuery{Value: 7, OverrunPolicy: &policy})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"value":7,"overrunPolicy":"BLOCK_AND_KILL"}`, srv.Last().Body)
	if _, ok := got.(*sd.LimitDataFederationBytesProcessedQuery); !ok {
		t.Errorf("reply decoded as %T", got)
	}
}

// TestNoContentIsTheZeroResult: a 204 whose content declares a schema, and a
// 200 with Content-Length: 0, both succeed with the zero result.
func TestNoContentIsTheZeroResult(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(http.StatusNoContent, "")
	got, err := client.DeleteLimit(ctx, sd.DeleteLimitParams{GroupID: groupID, LimitName: "x"})
	if err != nil || got != nil {
		t.Errorf("204: %v, %v", got, err)
	}
	srv.Reply(http.StatusOK, "")
	list, err := client.ListLimits(ctx, sd.ListLimitsParams{GroupID: groupID})
	if err != nil || list != nil {
		t.Errorf("empty 200: %v, %v", list, err)
	}
}

// TestUndocumentedSuccessIsSuccess: a 2xx the operation does not document
// means the server did the work: no error, the zero result, the status and
// raw body in ResponseInfo, and a warning in the log.
func TestUndocumentedSuccessIsSuccess(t *testing.T) {
	var logs bytes.Buffer
	srv, client := sweepDefects(t, sd.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	srv.Reply(http.StatusCreated, `{"name":"atlas.project.deployment.clusters","value":1}`)
	var info sd.ResponseInfo
	got, err := client.SetLimit(sd.WithResponseInfo(ctx, &info), sd.SetLimitParams{GroupID: groupID, LimitName: "x"},
		&sd.LimitRequestAtlasProjectDeploymentClusters{Value: 1})
	if err != nil || got != nil {
		t.Fatalf("undocumented 201: %v, %v", got, err)
	}
	if info.StatusCode != http.StatusCreated || string(info.Body) != `{"name":"atlas.project.deployment.clusters","value":1}` {
		t.Errorf("info: status %d, body %q", info.StatusCode, info.Body)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "status=201") || !strings.Contains(logs.String(), "operation=setLimit") {
		t.Errorf("log: %q", logs.String())
	}
	srv.Reply(http.StatusOK, `{"name":"atlas.project.deployment.clusters","value":1}`)
	if _, err := client.SetLimit(sd.WithResponseInfo(ctx, &info), sd.SetLimitParams{GroupID: groupID, LimitName: "x"},
		&sd.LimitRequestAtlasProjectDeploymentClusters{Value: 1}); err != nil || info.Body != nil {
		t.Errorf("a documented reply left Body %q (err %v)", info.Body, err)
	}
	// Without a body too: an undocumented 202 is reported, a documented
	// 204 is not.
	logs.Reset()
	srv.Reply(http.StatusAccepted, "")
	if got, err := client.SetLimit(ctx, sd.SetLimitParams{GroupID: groupID, LimitName: "x"},
		&sd.LimitRequestAtlasProjectDeploymentClusters{Value: 1}); err != nil || got != nil || !strings.Contains(logs.String(), "status=202") {
		t.Errorf("undocumented empty 202: %v, %v, log %q", got, err, logs.String())
	}
	logs.Reset()
	srv.Reply(http.StatusNoContent, "")
	if _, err := client.DeleteLimit(ctx, sd.DeleteLimitParams{GroupID: groupID, LimitName: "x"}); err != nil || logs.Len() != 0 {
		t.Errorf("documented 204: %v, log %q", err, logs.String())
	}
}

// TestEnvelopeSchemaIsNotUnwrappedTwice: where the spec documents the reply
// as the {status, content} envelope itself, envelope=true keeps it whole.
func TestEnvelopeSchemaIsNotUnwrappedTwice(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Reply(200, `{"status":200,"content":{"cidrBlock":"10.0.0.0/16"},"links":[{"href":"https://x","rel":"self"}]}`)
	got, err := client.GetWrapped(ctx, sd.GetWrappedParams{GroupID: groupID, Envelope: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Content == nil || got.Content.CIDRBlock == nil || *got.Content.CIDRBlock != "10.0.0.0/16" || len(got.Links) != 1 || got.Status == nil || *got.Status != 200 {
		t.Errorf("decoded %+v", got)
	}
	if srv.Last().RawQuery != "envelope=true" {
		t.Errorf("query %q", srv.Last().RawQuery)
	}
}

// TestWritesGetNoPageIterator: a POST that carries pageNum and itemsPerPage
// is a write; an iterator would repeat it on every page.
func TestWritesGetNoPageIterator(t *testing.T) {
	_, client := sweepDefects(t)
	if _, ok := reflect.TypeOf(client).MethodByName("AddAccessListEntriesAll"); ok {
		t.Error("a POST operation has a page iterator")
	}
	if _, ok := reflect.TypeOf(client).MethodByName("AddAccessListEntries"); !ok {
		t.Error("the operation itself is missing")
	}
}

// TestSunsetHeaderForms: Sunset is read as an HTTP date and as YYYY-MM-DD.
func TestSunsetHeaderForms(t *testing.T) {
	srv, client := sweepDefects(t)
	for header, want := range map[string]time.Time{
		"Sat, 30 May 2026 00:00:00 GMT": time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC),
		"2026-05-30":                    time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC),
		"soon":                          {},
	} {
		srv.Respond(func(fakeatlasReq) fakeatlasResp {
			return fakeatlasResp{Status: 200, Header: http.Header{"Sunset": {header}, "Deprecation": {"true"}}, Body: "[]"}
		})
		var info sd.ResponseInfo
		if _, err := client.ListLimits(sd.WithResponseInfo(ctx, &info), sd.ListLimitsParams{GroupID: groupID}); err != nil {
			t.Fatal(err)
		}
		if !info.Sunset.Equal(want) {
			t.Errorf("Sunset %q read as %v, want %v", header, info.Sunset, want)
		}
	}
}

// TestSkipValidationForOneCall: SkipValidation(ctx) sends one request
// unvalidated; the client keeps validating the next one. The server is a
// plain recorder, since the spec refuses the body on purpose.
func TestSkipValidationForOneCall(t *testing.T) {
	raw := httpRecorder(t)
	client, err := sd.NewClient(sd.WithBaseURL(raw.URL))
	if err != nil {
		t.Fatal(err)
	}
	bad := &sd.OutageRequest{Labels: []string{"a", "b", "c", "d"}}
	var verrs sd.ValidationErrors
	if _, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, bad); !errors.As(err, &verrs) || raw.count() != 0 {
		t.Fatalf("the invalid body was not refused before sending: %v", err)
	}
	if _, err := client.StartOutage(sd.SkipValidation(ctx), sd.StartOutageParams{GroupID: groupID}, bad); errors.As(err, &verrs) || raw.count() != 1 {
		t.Fatalf("SkipValidation: %v after %d requests", err, raw.count())
	}
	if _, err := client.StartOutage(ctx, sd.StartOutageParams{GroupID: groupID}, bad); !errors.As(err, &verrs) || raw.count() != 1 {
		t.Errorf("validation stayed off after the skipped call: %v", err)
	}
}

// TestIteratorPagesOfUnions: a page iterator over a list of unions yields
// each item decoded by its discriminator.
func TestIteratorPagesOfUnions(t *testing.T) {
	srv, client := sweepDefects(t)
	srv.Respond(func(r fakeatlasReq) fakeatlasResp {
		q, _ := parseQuery(r.RawQuery)
		if q.Get("pageNum") == "1" {
			return fakeatlasResp{Status: 200, Body: `{"totalCount":3,"results":` + limitList[:strings.Index(limitList, `,{"name":"some`)] + `]}`}
		}
		return fakeatlasResp{Status: 200, Body: `{"totalCount":3,"results":[{"name":"some.future.limit","value":1}]}`}
	})
	var got []string
	for limit, err := range client.ListPagedLimitsAll(ctx, sd.ListPagedLimitsParams{GroupID: groupID, ItemsPerPage: ptr(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%T", limit))
	}
	want := "[*atlas.LimitAtlasProjectDeploymentClusters *atlas.LimitDataFederationBytesProcessedQuery *atlas.LimitUnknown]"
	if fmt.Sprint(got) != want {
		t.Errorf("items %v, want %s", got, want)
	}
}
