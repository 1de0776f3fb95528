package fakeatlas

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/spec"
)

// recordingTB captures Errorf so the test can see the fake reject a request.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestRejectsRequestsTheSpecForbids proves the fake really checks requests:
// a bad groupId, a wrong content type and a readOnly field each fail.
func TestRejectsRequestsTheSpecForbids(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := New(rec, spec.Document())
	post := func(path, contentType, body string) int {
		resp, err := http.Post(srv.URL+path, contentType, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const link = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/streams/privateLinkConnections"
	const media = "application/vnd.atlas.2023-02-01+json"
	if code := post(link, media, `{"provider":"AWS"}`); code != http.StatusOK || len(rec.errors) != 0 {
		t.Fatalf("a valid request was refused: %d %v", code, rec.errors)
	}
	for _, bad := range []struct{ path, media, body string }{
		{"/api/atlas/v2/groups/nothex/streams/privateLinkConnections", media, `{"provider":"AWS"}`},
		{link, "application/vnd.atlas.2099-01-01+json", `{"provider":"AWS"}`},
		{link, media, `{"provider":"AWS","_id":"32b6e34b3d91647abb20e7b8"}`},
		{link, media, `{"gcpConnectionIds":["a","b","c","d"],"provider":"GCP"}`},
	} {
		before := len(rec.errors)
		if code := post(bad.path, bad.media, bad.body); code != http.StatusBadRequest || len(rec.errors) != before+1 {
			t.Errorf("%s %s %s: status %d, errors %v", bad.path, bad.media, bad.body, code, rec.errors[before:])
		}
	}
	if n := len(srv.Requests()); n != 5 {
		t.Errorf("recorded %d requests, want 5", n)
	}
}
