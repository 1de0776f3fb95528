package atlastest

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
	"github.com/atlasgen/atlasgen/internal/fakeatlas"
)

const canary = "CANARY-s3cr3t-6f1d"

func gcpPeer() *atlas.BaseNetworkPeeringConnectionSettingsRequestGCP {
	return &atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{ContainerID: groupID, GCPProjectID: "my-gcp-project", NetworkName: "my-network"}
}

const gcpPeerResponse = `{"containerId":"32b6e34b3d91647abb20e7b8","providerName":"GCP","gcpProjectId":"my-gcp-project","networkName":"my-network","status":"ADDING_PEER"}`

// TestDigestAuth: the first request draws the challenge, the second is
// signed and carries the same body; a wrong key ends as a 401 *APIError.
func TestDigestAuth(t *testing.T) {
	srv, client := setup(t, atlas.WithDigestAuth("public-key", "private-key"))
	srv.RequireDigest("public-key", "private-key")
	srv.Reply(http.StatusOK, gcpPeerResponse)
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Header.Get("Authorization") != "" || !strings.HasPrefix(reqs[1].Header.Get("Authorization"), "Digest ") {
		t.Fatalf("want an unsigned then a signed request, got %d requests", len(reqs))
	}
	if !bytes.Equal(reqs[0].Body, reqs[1].Body) || len(reqs[1].Body) == 0 {
		t.Errorf("body not replayed: %q vs %q", reqs[0].Body, reqs[1].Body)
	}

	wrong, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL), atlas.WithDigestAuth("public-key", canary))
	_, err := wrong.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusUnauthorized {
		t.Fatalf("wrong key: %v", err)
	}
	if strings.Contains(err.Error(), canary) {
		t.Error("the error carries the private key")
	}
}

// TestServiceAccountTokens: one token serves many calls; a token whose
// lifetime is inside x/oauth2's expiry margin is fetched again each call.
func TestServiceAccountTokens(t *testing.T) {
	for _, tc := range []struct {
		expiresIn, calls, tokens int
	}{{3600, 3, 1}, {1, 2, 2}} {
		srv, client := setup(t, atlas.WithServiceAccount("client-id", "client-secret"))
		srv.ServeTokens("client-id", "client-secret", tc.expiresIn)
		srv.Reply(http.StatusOK, gcpPeerResponse)
		for range tc.calls {
			if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer()); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(srv.Last().Header.Get("Authorization"), "Bearer ") {
				t.Fatal("request sent without a bearer token")
			}
		}
		if got := srv.TokensIssued(); got != tc.tokens {
			t.Errorf("expires_in %d: %d tokens for %d calls, want %d", tc.expiresIn, got, tc.calls, tc.tokens)
		}
	}
}

func TestServiceAccountTokenError(t *testing.T) {
	srv, client := setup(t, atlas.WithServiceAccount("client-id", canary))
	srv.ServeTokens("client-id", "the-real-secret", 3600)
	_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
	if err == nil || !strings.Contains(err.Error(), "invalid_client") {
		t.Fatalf("token failure not surfaced: %v", err)
	}
	if strings.Contains(err.Error(), canary) {
		t.Error("the error carries the client secret")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d API requests sent without a token", n)
	}
}

// TestResponseInfo surfaces status, headers, rate limits and deprecation,
// and warns once per deprecated operation.
func TestResponseInfo(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, client := setup(t, atlas.WithLogger(logger))
	srv.Respond(func(fakeatlasReq) fakeatlasResp {
		return fakeatlasResp{Status: 200, Body: gcpPeerResponse, Header: http.Header{
			"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"42"},
			"Deprecation": {"Wed, 01 Jan 2025 00:00:00 GMT"}, "Sunset": {"Sat, 30 May 2026 00:00:00 GMT"}}}
	})
	var info atlas.ResponseInfo
	for range 2 {
		if _, err := client.CreateGroupPeer(atlas.WithResponseInfo(ctx, &info), atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer()); err != nil {
			t.Fatal(err)
		}
	}
	if info.StatusCode != 200 || info.Attempts != 1 || info.RateLimit != (atlas.RateLimit{Limit: 100, Remaining: 42, Known: true}) {
		t.Errorf("info = %+v", info)
	}
	if !info.Deprecated() || info.Sunset.Year() != 2026 || info.Header.Get("Ratelimit-Limit") != "100" {
		t.Errorf("deprecation not surfaced: %+v", info)
	}
	if n := strings.Count(logs.String(), "deprecated API version"); n != 1 {
		t.Errorf("%d deprecation warnings for two calls, want 1:\n%s", n, logs.String())
	}
	srv.Reply(http.StatusNotFound, `{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}`)
	client.CreateGroupPeer(atlas.WithResponseInfo(ctx, &info), atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
	if info.StatusCode != 404 || info.RateLimit.Known {
		t.Errorf("error reply info = %+v", info)
	}
}

// TestSecretsNeverLeak puts a canary in every credential and checks every
// error string, every log line at debug level and %+v of client and options.
func TestSecretsNeverLeak(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var texts []string
	for _, opt := range []atlas.Option{atlas.WithDigestAuth("pub-"+canary, canary), atlas.WithServiceAccount("id-"+canary, canary)} {
		srv := fakeatlas.New(t, specDocument())
		srv.RequireDigest("someone", "else")
		client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL), opt, atlas.WithLogger(logger))
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
		texts = append(texts, fmt.Sprint(err), fmt.Sprintf("%+v", client), fmt.Sprintf("%#v", client), fmt.Sprintf("%+v", opt))
		srv.Close()
		_, err = client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
		texts = append(texts, fmt.Sprint(err))
	}
	_, err := atlas.NewClient(atlas.WithBaseURL("https://user:" + canary + "@cloud.mongodb.com"))
	texts = append(texts, fmt.Sprint(err), logs.String())
	if logs.Len() == 0 {
		t.Fatal("no log lines captured: the check would prove nothing")
	}
	for _, s := range texts {
		if strings.Contains(s, canary) {
			t.Errorf("canary leaked in: %s", s)
		}
	}
}
