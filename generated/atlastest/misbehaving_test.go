package atlastest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/atlasgen/atlasgen/generated/atlas"
)

// misbehaving is a client of a plain server that answers with status and
// body, retries off.
func misbehaving(t *testing.T, h http.HandlerFunc, opts ...atlas.Option) *atlas.Client {
	t.Helper()
	client, err := atlas.NewClient(append([]atlas.Option{atlas.WithBaseURL(newPlainServer(t, h)),
		atlas.WithRetryPolicy(atlas.RetryPolicy{MaxAttempts: 1})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

// TestMisbehavingServerBodies: each broken success body is an error or
// the documented result — never a panic. A union answer with an unknown,
// missing or non-string discriminator is the Unknown variant, which keeps
// the body; duplicate keys and invalid UTF-8 decode as encoding/json
// decodes them (the last key wins, bad bytes become U+FFFD); anything else
// that is not an object of the right shape is an error.
func TestMisbehavingServerBodies(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	unknown := func(got atlas.BaseNetworkPeeringConnectionSettings) bool {
		_, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsUnknown)
		return ok
	}
	for _, tc := range []struct {
		name, body string
		want       func(atlas.BaseNetworkPeeringConnectionSettings) bool // nil: an error
	}{
		{"null", `null`, nil},
		{"unknown discriminator", `{"providerName":"ORACLE"}`, unknown},
		{"missing discriminator", `{"vpcId":"vpc-1"}`, unknown},
		{"number discriminator", `{"providerName":7}`, unknown},
		{"object discriminator", `{"providerName":{"AWS":true}}`, unknown},
		{"wrong field type", `{"providerName":"AWS","vpcId":["x"]}`, nil},
		{"array for object", `[` + peerResponse + `]`, nil},
		{"string for object", `"AWS"`, nil},
		{"duplicate keys", `{"providerName":"AWS","providerName":"GCP","gcpProjectId":"p","networkName":"n"}`,
			func(got atlas.BaseNetworkPeeringConnectionSettings) bool {
				gcp, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsGCP)
				return ok && gcp.NetworkName == "n"
			}},
		{"10,000 levels deep", deep, unknown},
		{"invalid UTF-8", "{\"providerName\":\"AWS\",\"vpcId\":\"\xff\xfe\"}",
			func(got atlas.BaseNetworkPeeringConnectionSettings) bool {
				aws, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsAWS)
				return ok && aws.VPCID == "\ufffd\ufffd"
			}},
		{"truncated", peerResponse[:40], nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			client := misbehaving(t, answer(http.StatusOK, tc.body))
			got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
			switch {
			case tc.want == nil && (err == nil || got != nil):
				t.Errorf("got %#v, %v; want an error", got, err)
			case tc.want != nil && (err != nil || !tc.want(got)):
				t.Errorf("got %#v, %v", got, err)
			}
		})
	}
}

// TestMisbehavingServerErrors: failure answers are *APIError whatever they
// hold — a number too large for the error field, an HTML page, a body
// over the cap — with a bounded snippet of the body.
func TestMisbehavingServerErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		status     int
	}{
		{"error overflows int", `{"error":1e400,"errorCode":"X"}`, 400},
		{"error is a string", `{"error":"bad","errorCode":"X"}`, 409},
		{"html", "<html><body>Bad Gateway</body></html>", 502},
		{"huge", strings.Repeat("x", 1<<20), 500},
		{"null", "null", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			client := misbehaving(t, answer(tc.status, tc.body), atlas.WithMaxResponseBytes(64<<10))
			_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
			var apiErr *atlas.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v, want an *APIError", err)
			}
			if apiErr != nil && (apiErr.HTTPStatus != tc.status || len(apiErr.Body) > 1024) {
				t.Errorf("HTTPStatus %d, snippet of %d bytes", apiErr.HTTPStatus, len(apiErr.Body))
			}
		})
	}
}

// TestTricklingBodyMeetsTheDeadline: a server that sends a byte a second
// loses to the caller's context deadline; the call returns soon after it.
func TestTricklingBodyMeetsTheDeadline(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	client := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"providerName":"AWS"`))
		for {
			w.(http.Flusher).Flush()
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
				w.Write([]byte(" "))
			}
		}
	})
	c, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client.CreateGroupPeer(c, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the deadline", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("returned after %v", elapsed)
	}
}

// TestConnectionDroppedMidBody: a server that promises more than it sends
// and hangs up gives an error, not a partial value.
func TestConnectionDroppedMidBody(t *testing.T) {
	client := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(peerResponse[:50]))
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
	if err == nil || got != nil {
		t.Errorf("got %#v, %v; want an error", got, err)
	}
}

// TestPathValuesStayInTheirSegment: a server recording the raw request
// path proves a path parameter holding /, %, ?, # or spaces is escaped into
// its own segment and reads back as sent, and that only the values
// escaping leaves able to name another resource — empty, "." and ".." —
// are refused, before anything is sent.
func TestPathValuesStayInTheirSegment(t *testing.T) {
	var raw []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw = append(raw, r.RequestURI)
		w.Write([]byte(`{"provider":"AWS"}`))
	}))
	defer srv.Close()
	client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL), atlas.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	refused := map[string]bool{"": true, ".": true, "..": true}
	for _, value := range []string{"/", "..", ".", "%", "?", "#", "", "a/../b", "%2F", "%2e%2e", ".%2e", "../../orgs", " ", "a?b#c"} {
		raw = nil
		_, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: value}, &atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS"})
		switch {
		case refused[value] && (err == nil || len(raw) > 0):
			t.Errorf("%q: sent as %q (%v), want it refused before sending", value, raw, err)
		case refused[value]:
		case err != nil || len(raw) != 1:
			t.Errorf("%q: %v after %d requests, want it sent", value, err, len(raw))
		default:
			rest, ok := strings.CutPrefix(raw[0], "/api/atlas/v2/groups/")
			segment, tail, _ := strings.Cut(rest, "/")
			got, _ := url.PathUnescape(segment)
			if !ok || tail != "streams/privateLinkConnections" || got != value {
				t.Errorf("%q was sent as %q", value, raw[0])
			}
		}
	}
}
