package atlastest

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
	conv "github.com/atlasgen/atlasgen/testdata/golden/atlas-conventions/want"
	uu "github.com/atlasgen/atlasgen/testdata/golden/untyped-unions/want"
)

// replay answers every request with one status and body, in memory.
type replay struct {
	status int
	body   string
}

func (r replay) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: r.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.body))}, nil
}

// FuzzMalformedResponses feeds arbitrary bodies, as success and as error
// replies, enveloped or not, to every operation: the client must return a
// result or an error, never panic. `go test` runs the seeds; `go test
// -fuzz FuzzMalformedResponses` explores further.
func FuzzMalformedResponses(f *testing.F) {
	for _, seed := range []string{"", "null", "[]", "{", `{"providerName":7}`, `{"providerName":"AWS","containerId":[]}`,
		`{"cloudProvider":"AZURE","_id":{}}`, `{"status":200,"content":null}`, `{"status":"x"}`, `{"error":"x","errorCode":5}`,
		`{"dnsSubDomain":"x"}`, "<html>", `{"regionName":7}`, strings.Repeat("[", 10000)} {
		f.Add(seed, uint16(200), false)
		f.Add(seed, uint16(201), true)
		f.Add(seed, uint16(429), false)
	}
	f.Fuzz(func(t *testing.T, body string, status uint16, envelope bool) {
		code := int(status%500) + 100
		client, err := atlas.NewClient(atlas.WithHTTPClient(&http.Client{Transport: replay{code, body}}),
			atlas.WithoutValidation(), atlas.WithRetryPolicy(atlas.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		env := &envelope
		client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID, Envelope: env}, validAWSPeer())
		client.CreateExportBucket(ctx, atlas.CreateExportBucketParams{GroupID: groupID, Envelope: env}, &atlas.DiskBackupSnapshotExportBucketRequestGCP{})
		client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: groupID, Envelope: env}, &atlas.StreamsPrivateLinkConnectionRequest{})
		client.CreateBackupPrivateEndpoint(ctx, atlas.CreateBackupPrivateEndpointParams{GroupID: groupID, Envelope: env}, &atlas.ObjectStoragePrivateEndpointRequest{})
	})
}

// FuzzParameterValues sends arbitrary values in every kind of parameter a
// generated client has — path strings, query strings, enums and lists of
// them, integers, booleans, headers — with validation on and off: the
// client must send a request or return an error, never panic, and a path
// value must stay inside its segment.
func FuzzParameterValues(f *testing.F) {
	for _, seed := range []string{"", "x", "a/b", "../..", "?q=1&r", "%zz", "\x00\xff", "é ü", strings.Repeat("🙂", 300), "{groupId}", "CLUSTER_CREATED"} {
		f.Add(seed, int64(-1), true)
		f.Add(seed, int64(1<<62), false)
	}
	f.Fuzz(func(t *testing.T, s string, n int64, validate bool) {
		rec := &pathRecorder{}
		opts := []conv.Option{conv.WithHTTPClient(&http.Client{Transport: rec}), conv.WithRetryPolicy(conv.RetryPolicy{MaxAttempts: 1})}
		if !validate {
			opts = append(opts, conv.WithoutValidation())
		}
		client, err := conv.NewClient(opts...)
		if err != nil {
			t.Fatal(err)
		}
		client.ListThings(ctx, conv.ListThingsParams{GroupID: s, IncludeCount: &validate, ItemsPerPage: &n, PageNum: &n, Tags: []string{s, s}, XRequestID: &s})
		if rec.path != "" && strings.Count(rec.path, "/") != strings.Count("/api/atlas/v2/groups/x/things", "/") {
			t.Errorf("path value %q escaped its segment: %s", s, rec.path)
		}
		u, err := uu.NewClient(uu.WithHTTPClient(&http.Client{Transport: rec}), uu.WithRetryPolicy(uu.RetryPolicy{MaxAttempts: 1}), uu.WithoutValidation())
		if err != nil {
			t.Fatal(err)
		}
		region := uu.Region(s)
		u.ListEvents(ctx, uu.ListEventsParams{GroupID: s, EventType: []uu.EventType{uu.EventType(s)}, Region: &region, Filter: &s})
	})
}

// pathRecorder answers 200 [] and keeps the escaped path of the last request.
type pathRecorder struct{ path string }

func (r *pathRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.path = req.URL.EscapedPath()
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}"))}, nil
}
