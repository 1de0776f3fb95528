package atlastest

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	conv "github.com/atlasgen/atlasgen/testdata/golden/atlas-conventions/want"
)

// TestNumericBounds: minimum and maximum, inclusive and exclusive, at and
// beside their boundaries, in a parameter and in a body.
func TestNumericBounds(t *testing.T) {
	raw := httpRecorder(t)
	client, err := conv.NewClient(conv.WithBaseURL(raw.URL))
	if err != nil {
		t.Fatal(err)
	}
	for size, want := range map[int64]string{0: "params.itemsPerPage: must be at least 1", 1: "", 500: "", 501: "params.itemsPerPage: must be at most 500"} {
		_, err := client.ListThings(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: &size})
		if got := boundViolations(t, err); got != want {
			t.Errorf("itemsPerPage %d: %q, want %q", size, got, want)
		}
	}
	for _, c := range []struct {
		count int32
		ratio float64
		want  string
	}{
		{1, 0.5, ""}, {10, 0.999, ""}, {0, 0.5, "body[0].count: must be at least 1"}, {11, 0.5, "body[0].count: must be at most 10"},
		{5, 0, "body[0].ratio: must be greater than 0"}, {5, 1, "body[0].ratio: must be less than 1"}, {5, 1e-9, ""},
	} {
		_, err := client.AddThings(ctx, conv.AddThingsParams{GroupID: groupID}, []conv.Thing{{ID: "t", Count: &c.count, Ratio: &c.ratio}})
		if got := boundViolations(t, err); got != c.want {
			t.Errorf("count %d ratio %v: %q, want %q", c.count, c.ratio, got, c.want)
		}
	}
}

// boundViolations is the violations of err, or "" for none; an error from
// the recorder (it answers 400) is a request that was sent, so none.
func boundViolations(t *testing.T, err error) string {
	t.Helper()
	var verrs conv.ValidationErrors
	if !errors.As(err, &verrs) {
		return ""
	}
	return verrs.Error()[len("atlas: invalid request: "):]
}

// TestResponseCapAtItsBoundary: a success body of exactly the cap is read,
// one byte more is an error; a failure reply is an *APIError either way,
// decoded from what fits under the cap; the default cap is
// DefaultMaxResponseBytes.
func TestResponseCapAtItsBoundary(t *testing.T) {
	pad := func(body string, n int) string { return body + strings.Repeat(" ", n-len(body)) }
	for _, c := range []struct {
		limit  int64
		status int
	}{{1024, 200}, {1024, 404}, {atlas.DefaultMaxResponseBytes, 200}} {
		var opts []atlas.Option
		if c.limit != atlas.DefaultMaxResponseBytes {
			opts = append(opts, atlas.WithMaxResponseBytes(c.limit))
		}
		body := peerResponse
		if c.status != 200 {
			body = `{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}`
		}
		for _, extra := range []int64{0, 1} {
			srv, client := setup(t, opts...)
			srv.Reply(c.status, pad(body, int(c.limit+extra)))
			_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
			capped := err != nil && strings.Contains(err.Error(), fmt.Sprintf("exceeds %d bytes", c.limit))
			switch {
			case c.status == 404 && !atlas.IsNotFound(err):
				t.Errorf("limit %d: an error body of %d bytes gave %v", c.limit, c.limit+extra, err)
			case c.status == 404:
			case extra == 1 && !capped:
				t.Errorf("limit %d, status %d: a body of %d bytes gave %v", c.limit, c.status, c.limit+1, err)
			case extra == 0 && capped:
				t.Errorf("limit %d, status %d: a body of exactly the limit was refused: %v", c.limit, c.status, err)
			}
		}
	}
}

// countingTransport counts the requests that go through it.
type countingTransport struct {
	n     atomic.Int32
	paths []string
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	c.paths = append(c.paths, r.URL.Path)
	return http.DefaultTransport.RoundTrip(r)
}

// TestAuthUsesTheGivenTransport: digest challenges and the OAuth token
// request go through the transport of WithHTTPClient, like API requests.
func TestAuthUsesTheGivenTransport(t *testing.T) {
	for _, scheme := range []string{"digest", "service account"} {
		srv := fakeatlas.New(t, specDocument())
		var auth atlas.Option
		if scheme == "digest" {
			srv.RequireDigest("pub", "priv")
			auth = atlas.WithDigestAuth("pub", "priv")
		} else {
			srv.ServeTokens("id", "secret", 3600)
			auth = atlas.WithServiceAccount("id", "secret")
		}
		srv.Reply(200, peerResponse)
		rt := &countingTransport{}
		client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL), atlas.WithHTTPClient(&http.Client{Transport: rt}), auth)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer()); err != nil {
			t.Fatalf("%s: %v", scheme, err)
		}
		// digest: the challenged request and the signed one; service
		// account: the token request and the API request.
		if rt.n.Load() != 2 {
			t.Errorf("%s: %d requests through the given transport (%v), want 2", scheme, rt.n.Load(), rt.paths)
		}
		if scheme == "service account" && (len(rt.paths) == 0 || rt.paths[0] != fakeatlas.TokenPath) {
			t.Errorf("the token request did not go through the given transport: %v", rt.paths)
		}
	}
}

// TestUnknownVariantIsResentByteForByte: a variant the snapshot does not
// know, received and sent back as a request body, goes out exactly as it
// came, through the client's whole call path.
func TestUnknownVariantIsResentByteForByte(t *testing.T) {
	raw := `{"providerName":"ORACLE",  "containerId":"32b6e34b3d91647abb20e7b8","ocid":"x"}`
	got, err := atlas.UnmarshalBaseNetworkPeeringConnectionSettingsRequest([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	var sent []byte
	srv := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		buf.ReadFrom(r.Body)
		sent = buf.Bytes()
		w.Write([]byte(peerResponse))
	})
	client, _ := atlas.NewClient(atlas.WithBaseURL(srv), atlas.WithoutValidation())
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, got); err != nil {
		t.Fatal(err)
	}
	if string(sent) != raw {
		t.Errorf("sent %q, want %q byte for byte", sent, raw)
	}
}

// TestIteratorStopsAtTotalCount: full pages, then the total reached: no
// request for a page beyond it.
func TestIteratorStopsAtTotalCount(t *testing.T) {
	srv, client := conventions(t)
	srv.Respond(func(r fakeatlasReq) fakeatlasResp {
		q, _ := parseQuery(r.RawQuery)
		return fakeatlasResp{Status: 200, Body: `{"totalCount":4,"results":[{"id":"p` + q.Get("pageNum") + `a"},{"id":"p` + q.Get("pageNum") + `b"}]}`}
	})
	n := 0
	for _, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: ptr(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n > 10 {
			break // the pages never end short: only totalCount stops the iterator
		}
	}
	if n != 4 || len(srv.Requests()) != 2 {
		t.Errorf("%d items after %d requests, want 4 after 2", n, len(srv.Requests()))
	}
}

// TestSecretsNeverLeakWithLiveCredentials: with credentials the server
// accepts, real requests are signed or carry the bearer token; the secret,
// the token and the Authorization header appear in no error, log line,
// ResponseInfo or APIError, printed any way.
func TestSecretsNeverLeakWithLiveCredentials(t *testing.T) {
	for _, scheme := range []string{"digest", "service account"} {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		srv := fakeatlas.New(t, specDocument())
		var auth atlas.Option
		if scheme == "digest" {
			srv.RequireDigest("pub", canary)
			auth = atlas.WithDigestAuth("pub", canary)
		} else {
			srv.ServeTokens("id", canary, 3600)
			auth = atlas.WithServiceAccount("id", canary)
		}
		client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL), auth, atlas.WithLogger(logger))
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, status := range []int{200, 404} {
			srv.Reply(status, map[int]string{200: peerResponse, 404: `{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}`}[status])
			var info atlas.ResponseInfo
			_, err := client.CreateGroupPeer(atlas.WithResponseInfo(ctx, &info), atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
			var apiErr *atlas.APIError
			errors.As(err, &apiErr)
			texts = append(texts, fmt.Sprint(err), fmt.Sprintf("%+v %#v", info, info), fmt.Sprintf("%+v %#v", apiErr, apiErr))
			if apiErr != nil {
				texts = append(texts, fmt.Sprintf("%+v %#v", *apiErr, *apiErr))
			}
		}
		last := srv.Last().Header.Get("Authorization")
		if last == "" || (scheme == "service account" && !strings.HasPrefix(last, "Bearer ")) {
			t.Fatalf("%s: the last API request carried Authorization %q", scheme, last)
		}
		secrets := append([]string{canary, last}, srv.Tokens()...)
		texts = append(texts, logs.String(), fmt.Sprintf("%+v %#v", client, client))
		for _, text := range texts {
			for _, s := range secrets {
				if strings.Contains(text, s) {
					t.Errorf("%s: %q leaked in %.200s", scheme, s, text)
				}
			}
		}
	}
}

// TestIteratorSurvivesAnEmptyReply: a list answered with 204, or with a
// status the spec does not document, has no page to read; the iterator ends
// instead of dereferencing the nil result.
func TestIteratorSurvivesAnEmptyReply(t *testing.T) {
	for _, status := range []int{http.StatusNoContent, http.StatusAccepted} {
		srv, client := conventions(t)
		srv.Reply(status, "")
		n := 0
		for _, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 0 || len(srv.Requests()) != 1 {
			t.Errorf("status %d: %d items after %d requests, want none after 1", status, n, len(srv.Requests()))
		}
	}
}

// threeThingsNoTotal answers a listThings page without a totalCount: a
// and b on page 1, c on every later page.
func threeThingsNoTotal(r fakeatlasReq) fakeatlasResp {
	q, _ := parseQuery(r.RawQuery)
	if q.Get("pageNum") == "1" {
		return fakeatlasResp{Status: 200, Body: `{"results":[{"id":"a"},{"id":"b"}]}`}
	}
	return fakeatlasResp{Status: 200, Body: `{"results":[{"id":"c"}]}`}
}

// TestIteratorStopsAfterAShortPage: without a totalCount, a page with fewer
// items than asked for is the last; no request follows it.
func TestIteratorStopsAfterAShortPage(t *testing.T) {
	srv, client := conventions(t)
	srv.Respond(threeThingsNoTotal)
	n := 0
	for _, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: ptr(int64(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n > 10 {
			break
		}
	}
	if n != 3 || len(srv.Requests()) != 2 {
		t.Errorf("%d items after %d requests, want 3 after 2", n, len(srv.Requests()))
	}
}

// TestIteratorFollowsTotalPastACappedPage: a server that caps the page size
// below the one asked for sends short pages; with a totalCount still
// ahead, the iterator keeps paging until it is reached.
func TestIteratorFollowsTotalPastACappedPage(t *testing.T) {
	srv, client := conventions(t)
	srv.Respond(fiveThingsTwoAPage)
	var got []string
	for thing, err := range client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: ptr(int64(5))}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, thing.ID)
	}
	if fmt.Sprint(got) != "[t1 t2 t3 t4 t5]" || len(srv.Requests()) != 3 {
		t.Errorf("items %v after %d requests, want t1..t5 after 3", got, len(srv.Requests()))
	}
}

// TestIteratorRangedConcurrently: one iterator ranged over from two
// goroutines at once yields every item to each (under make race, a shared
// page number would be reported).
func TestIteratorRangedConcurrently(t *testing.T) {
	srv, client := conventions(t)
	srv.Respond(threeThingsNoTotal)
	all := client.ListThingsAll(ctx, conv.ListThingsParams{GroupID: groupID, ItemsPerPage: ptr(int64(2))})
	counts := make(chan int, 2)
	for range 2 {
		go func() {
			n := 0
			for _, err := range all {
				if err == nil {
					n++
				}
			}
			counts <- n
		}()
	}
	if a, b := <-counts, <-counts; a != 3 || b != 3 {
		t.Errorf("the two loops saw %d and %d items, want 3 each", a, b)
	}
}
