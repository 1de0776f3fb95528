package atlastest

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
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
