package atlastest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	conv "github.com/atlasgen/atlasgen/testdata/golden/atlas-conventions/want"
)

// conventions starts a fake Atlas for the atlas-conventions golden's spec,
// so every request these tests send is checked against it too.
func conventions(t *testing.T) (*fakeatlas.Server, *conv.Client) {
	t.Helper()
	doc, err := os.ReadFile("../../testdata/golden/atlas-conventions/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := fakeatlas.New(t, doc)
	client, err := conv.NewClient(conv.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// fiveThingsTwoAPage answers a listThings page: t1..t5, two a page,
// whatever page size was asked for, with totalCount 5.
func fiveThingsTwoAPage(r fakeatlasReq) fakeatlasResp {
	q, _ := parseQuery(r.RawQuery)
	page, _ := strconv.Atoi(q.Get("pageNum"))
	var items []string
	for i := (page-1)*2 + 1; i <= min(page*2, 5); i++ {
		items = append(items, fmt.Sprintf(`{"id":"t%d"}`, i))
	}
	return fakeatlasResp{Status: 200, Body: `{"totalCount":5,"results":[` + join(items) + `]}`}
}

// TestPageIterator pages through 5 items, 2 per page, stopping at totalCount.
func TestPageIterator(t *testing.T) {
	srv, client := conventions(t)
	srv.Respond(fiveThingsTwoAPage)
	size := int64(2)
	var got []string
	for thing, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: &size}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, thing.ID)
	}
	if fmt.Sprint(got) != "[t1 t2 t3 t4 t5]" || len(srv.Requests()) != 3 {
		t.Errorf("items %v after %d requests, want t1..t5 after 3", got, len(srv.Requests()))
	}
	// Stopping early makes no further request.
	before := len(srv.Requests())
	for range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: &size}) {
		break
	}
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("breaking out after the first item made %d requests", n)
	}
	// An error is yielded once and ends the iteration.
	srv.Reply(http.StatusInternalServerError, `{"error":500,"errorCode":"UNEXPECTED_ERROR"}`)
	errs := 0
	for _, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID}) {
		if err == nil || conv.HTTPStatus(err) != 500 {
			t.Fatalf("want the 500, got %v", err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded", errs)
	}
}

// TestQueryArraysHeadersAndTypes checks form-exploded arrays, header
// parameters and the decoding of int64, date-time, maps and raw unions.
func TestQueryArraysHeadersAndTypes(t *testing.T) {
	srv, client := conventions(t)
	srv.Reply(200, `{"results":[{"id":"a","size":9007199254740993,"createdAt":"2025-01-02T03:04:05Z","labels":{"k":"v"},"shape":42,"nickname":null}]}`)
	reqID := "req-1"
	res, err := client.ListThings(ctx, conv.ListThingsParams{GroupID: groupID, Tags: []string{"a", "b c"}, XRequestID: &reqID})
	if err != nil {
		t.Fatal(err)
	}
	req := srv.Last()
	if req.RawQuery != "tags=a&tags=b+c" && req.RawQuery != "tags=a&tags=b%20c" {
		t.Errorf("query %q", req.RawQuery)
	}
	if req.Header.Get("X-Request-Id") != "req-1" {
		t.Errorf("header not sent: %v", req.Header)
	}
	thing := res.Results[0]
	if *thing.Size != 9007199254740993 || thing.CreatedAt.Year() != 2025 || thing.Labels["k"] != "v" || string(thing.Shape) != "42" || !thing.Nickname.IsNull() {
		t.Errorf("decoded %+v", thing)
	}
}

// TestAlternateMediaTypesAndStreams: JSON by default, +csv through its own
// method, a gzip download as a stream, a 204 as no result.
func TestAlternateMediaTypesAndStreams(t *testing.T) {
	srv, client := conventions(t)
	srv.Reply(200, `{"id":"inv-1","amountCents":1234}`)
	inv, err := client.GetInvoice(ctx, conv.GetInvoiceParams{GroupID: groupID, InvoiceID: "inv-1"})
	if err != nil || *inv.AmountCents != 1234 {
		t.Fatalf("%+v %v", inv, err)
	}
	if a := srv.Last().Header.Get("Accept"); a != "application/vnd.atlas.2023-01-01+json" {
		t.Errorf("Accept %q", a)
	}
	srv.Respond(func(fakeatlasReq) fakeatlasResp {
		return fakeatlasResp{Status: 200, Header: http.Header{"Content-Type": {"application/vnd.atlas.2023-01-01+csv"}}, Body: "id,amount\ninv-1,1234\n"}
	})
	body, err := client.GetInvoiceCSV(ctx, conv.GetInvoiceParams{GroupID: groupID, InvoiceID: "inv-1"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(body)
	body.Close()
	if string(data) != "id,amount\ninv-1,1234\n" || srv.Last().Header.Get("Accept") != "application/vnd.atlas.2023-01-01+csv" {
		t.Errorf("csv %q, Accept %q", data, srv.Last().Header.Get("Accept"))
	}
	srv.Reply(200, "\x1f\x8b\x08gzip-bytes")
	logs, err := client.DownloadLogs(ctx, conv.DownloadLogsParams{GroupID: groupID})
	if err != nil {
		t.Fatal(err)
	}
	data, _ = io.ReadAll(logs)
	logs.Close()
	if string(data) != "\x1f\x8b\x08gzip-bytes" || srv.Last().Header.Get("Accept") != "application/vnd.atlas.2023-02-01+gzip" {
		t.Errorf("gzip stream %q", data)
	}
	srv.Reply(http.StatusNoContent, "")
	if err := client.DeleteThing(ctx, conv.DeleteThingParams{GroupID: groupID, ThingID: "t1"}); err != nil {
		t.Errorf("204: %v", err)
	}
}

// TestListBodiesAreValidatedItemByItem: a body that is a list of models is
// validated element by element, with indexed paths, before sending.
func TestListBodiesAreValidatedItemByItem(t *testing.T) {
	srv, client := conventions(t)
	srv.Reply(201, `{"results":[{"id":"a"}],"totalCount":1}`)
	_, err := client.AddThings(ctx, conv.AddThingsParams{GroupID: groupID}, []conv.Thing{{ID: "a"}, {}})
	var verrs conv.ValidationErrors
	if !errors.As(err, &verrs) || len(verrs) != 1 || verrs[0].Path != "body[1].id" {
		t.Fatalf("want one violation at body[1].id, got %v", err)
	}
	if len(srv.Requests()) != 0 {
		t.Error("an invalid list was sent")
	}
	if _, err := client.AddThings(ctx, conv.AddThingsParams{GroupID: groupID}, []conv.Thing{{ID: "a"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.AddThings(ctx, conv.AddThingsParams{GroupID: groupID}, nil); err == nil {
		t.Error("a nil required list body was accepted")
	}
}

// TestBareListResult: a result that is a JSON array decodes into a slice;
// anything else is an error and no result.
func TestBareListResult(t *testing.T) {
	srv, client := conventions(t)
	srv.Reply(http.StatusOK, `["a","b"]`)
	got, err := client.ListThingIds(ctx, conv.ListThingIdsParams{GroupID: groupID})
	if err != nil || fmt.Sprint(got) != "[a b]" {
		t.Fatalf("got %v, %v", got, err)
	}
	srv.Reply(http.StatusOK, `["a",7]`)
	if got, err := client.ListThingIds(ctx, conv.ListThingIdsParams{GroupID: groupID}); err == nil || got != nil {
		t.Errorf("a list with a number decoded as %v, %v", got, err)
	}
}
