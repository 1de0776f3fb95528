package atlastest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
	hn "github.com/atlasgen/atlasgen/testdata/golden/hostile-names/want"
	nested "github.com/atlasgen/atlasgen/testdata/golden/nested-unions/want"
	nb "github.com/atlasgen/atlasgen/testdata/golden/nullable/want"
)

// FuzzDecoders feeds any bytes to the generated decoders: the union
// decoders, an enum, a struct with untagged property names beside a union,
// a struct of nullable properties (unions and items among them), and the
// *APIError of a failure reply. Each returns a
// value or an error, never panics, and a value it returns encodes to JSON
// that decodes to the same encoding again (a round trip is stable).
// `go test` runs the seeds; `go test -fuzz FuzzDecoders` explores.
func FuzzDecoders(f *testing.F) {
	for _, seed := range []string{"", "null", "{}", "[]", `"AWS"`, peerResponse, gcpPeerResponse, `{"providerName":"ORACLE","x":[1,{}]}`,
		`{"providerName":7}`, `{"cloudProvider":"GCP","bucketName":"b"}`, `{"kind":"dog","friend":{"kind":"cat"}}`,
		namesBody, `{"":1,"a,b":"x"}`, `{"error":1e400}`, `{"error":"x","errorCode":5}`, "<html>", strings.Repeat(`{"a":`, 200), "{\"providerName\":\"\xff\"}",
		settingsReply, `{"target":null,"targets":[null,{"kind":null}],"window":{"previous":{"previous":7}}}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, "peer", data, func(b []byte) (any, error) { return atlas.UnmarshalBaseNetworkPeeringConnectionSettings(b) })
		roundTrip(t, "export bucket", data, func(b []byte) (any, error) { return atlas.UnmarshalDiskBackupSnapshotExportBucketResponse(b) })
		roundTrip(t, "animal", data, func(b []byte) (any, error) { return nested.UnmarshalAnimal(b) })
		roundTrip(t, "nullable settings", data, func(b []byte) (any, error) {
			var s nb.Settings
			err := json.Unmarshal(b, &s)
			return s, err
		})
		roundTrip(t, "untagged names", data, func(b []byte) (any, error) {
			var n hn.Names
			err := json.Unmarshal(b, &n)
			return n, err
		})
		roundTrip(t, "status", data, func(b []byte) (any, error) {
			var s atlas.BaseNetworkPeeringConnectionSettingsStatus
			err := json.Unmarshal(b, &s)
			return s, err
		})
		client, err := atlas.NewClient(atlas.WithHTTPClient(&http.Client{Transport: replay{http.StatusConflict, string(data)}}),
			atlas.WithRetryPolicy(atlas.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
		var apiErr *atlas.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusConflict || len(apiErr.Body) > 1024 {
			t.Fatalf("a 409 with %q gave %v", data, err)
		}
	})
}

// roundTrip decodes data; a value must encode, and its encoding must
// decode and encode to the same bytes.
func roundTrip(t *testing.T, what string, data []byte, decode func([]byte) (any, error)) {
	t.Helper()
	v, err := decode(data)
	if err != nil {
		return
	}
	first, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s decoded from %q does not encode: %v", what, data, err)
	}
	again, err := decode(first)
	if err != nil {
		t.Fatalf("%s: its own encoding %s does not decode: %v", what, first, err)
	}
	second, err := json.Marshal(again)
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("%s: %s re-encoded as %s (%v)", what, first, second, err)
	}
}
