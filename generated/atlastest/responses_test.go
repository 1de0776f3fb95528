package atlastest

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/generated/atlas"
)

func newPlainServer(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestResponseDecodesToVariant(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(http.StatusOK, peerResponse)
	got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
	if err != nil {
		t.Fatal(err)
	}
	aws, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsAWS)
	if !ok {
		t.Fatalf("got %T, want the AWS variant", got)
	}
	if aws.ID == nil || *aws.ID != groupID || aws.StatusName == nil || *aws.StatusName != atlas.BaseNetworkPeeringConnectionSettingsStatusNameInitiating {
		t.Errorf("readOnly fields not decoded: %+v", aws)
	}
	if got.ProviderName() != "AWS" {
		t.Errorf("ProviderName() = %q", got.ProviderName())
	}
}

// TestUnknownVariantRoundTrips proves a body with an unknown or missing
// providerName decodes as the unknown variant and marshals back byte for byte.
func TestUnknownVariantRoundTrips(t *testing.T) {
	srv, client := setup(t)
	for _, tc := range []struct{ body, value string }{
		{`{"providerName":"ORACLE",  "containerId":"32b6e34b3d91647abb20e7b8","extra":{"n":1}}`, "ORACLE"},
		{`{"containerId":"32b6e34b3d91647abb20e7b8"}`, ""},
		{`{"providerName":42}`, ""},
	} {
		srv.Reply(http.StatusOK, tc.body)
		got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
		if err != nil {
			t.Fatal(err)
		}
		unknown, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsUnknown)
		if !ok {
			t.Fatalf("%s decoded as %T, want the unknown variant", tc.body, got)
		}
		if unknown.Value != tc.value || unknown.ProviderName() != tc.value {
			t.Errorf("Value = %q, want %q", unknown.Value, tc.value)
		}
		out, err := unknown.MarshalJSON()
		if err != nil || !bytes.Equal(out, []byte(tc.body)) {
			t.Errorf("MarshalJSON = %s, %v; want the body byte for byte", out, err)
		}
	}
}

// TestMalformedResponsesAreErrors proves a broken body is an error, never a
// panic. (An empty body is no content, not a broken one: see
// TestNoContentIsTheZeroResult.)
func TestMalformedResponsesAreErrors(t *testing.T) {
	srv, client := setup(t)
	for _, body := range []string{`null`, `[1,2]`, `{"providerName":"AWS","containerId":7}`, `{`} {
		srv.Reply(http.StatusOK, body)
		if got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer()); err == nil {
			t.Errorf("body %q decoded as %#v without error", body, got)
		}
	}
	// A struct result (decoded into a new value, not by a union decoder).
	params := atlas.CreateBackupPrivateEndpointParams{GroupID: groupID, CloudProvider: atlas.CreateBackupPrivateEndpointParamsCloudProviderAWS}
	request := &atlas.ObjectStoragePrivateEndpointRequest{CloudProvider: atlas.ObjectStoragePrivateEndpointCloudProviderAWS, RegionName: atlas.ObjectStoragePrivateEndpointRegionNameUsEast1}
	for _, body := range []string{`[1,2]`, `{"id":7}`, `{`} {
		srv.Reply(http.StatusCreated, body)
		if got, err := client.CreateBackupPrivateEndpoint(ctx, params, request); err == nil || got != nil {
			t.Errorf("body %q decoded as %#v, %v", body, got, err)
		}
	}
}

func TestErrorBodiesDecodeToAPIError(t *testing.T) {
	srv, client := setup(t)
	srv.Respond(func(r fakeatlasReq) fakeatlasResp {
		return fakeatlasResp{Status: http.StatusBadRequest, Header: http.Header{"Ratelimit-Remaining": {"9"}},
			Body: `{"error":400,"errorCode":"VALIDATION_ERROR","detail":"bad field","reason":"Bad Request","parameters":["x"],"badRequestDetail":{"fields":[{"field":"vpcId","description":"malformed"}]}}`}
	})
	_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %T %v is not *atlas.APIError", err, err)
	}
	want := atlas.APIError{HTTPStatus: 400, Status: 400, ErrorCode: "VALIDATION_ERROR", Detail: "bad field", Reason: "Bad Request",
		Parameters: []any{"x"}, BadRequestDetail: &atlas.APIErrorBadRequestDetail{Fields: []atlas.APIErrorField{{Field: "vpcId", Description: "malformed"}}}}
	if diff := cmp.Diff(want, *apiErr, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "Header" }, cmp.Ignore())); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if apiErr.Header.Get("RateLimit-Remaining") != "9" || !atlas.IsErrorCode(err, "VALIDATION_ERROR") || atlas.HTTPStatus(err) != 400 {
		t.Errorf("headers or helpers wrong: %+v", apiErr)
	}
}

func TestNonJSONErrorStillAnAPIError(t *testing.T) {
	url := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><body>" + strings.Repeat("gateway ", 200) + "</body></html>"))
	})
	client, _ := atlas.NewClient(atlas.WithBaseURL(url))
	_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer())
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadGateway {
		t.Fatalf("got %v", err)
	}
	if len(apiErr.Body) == 0 || len(apiErr.Body) > 600 || !strings.HasPrefix(apiErr.Body, "<html>") {
		t.Errorf("snippet %q is not a bounded prefix of the body", apiErr.Body)
	}
}

// TestEnvelopeIsUnwrapped proves envelope=true replies decode like plain
// ones, and a failure status inside the envelope is an *APIError.
func TestEnvelopeIsUnwrapped(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(http.StatusOK, `{"status":200,"content":`+peerResponse+`}`)
	got, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID, Envelope: ptr(true)}, validAWSPeer())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsAWS); !ok {
		t.Fatalf("got %T", got)
	}
	if q := srv.Last().RawQuery; q != "envelope=true" {
		t.Errorf("query = %q", q)
	}
	srv.Reply(http.StatusOK, `{"status":404,"content":{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}}`)
	_, err = client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID, Envelope: ptr(true)}, validAWSPeer())
	if !atlas.IsErrorCode(err, "RESOURCE_NOT_FOUND") || !atlas.IsNotFound(err) {
		t.Errorf("enveloped 404 gave %v", err)
	}
}

func TestResponseBodyIsCapped(t *testing.T) {
	srv, _ := setup(t)
	client, _ := atlas.NewClient(atlas.WithBaseURL(srv.URL), atlas.WithMaxResponseBytes(64))
	srv.Reply(http.StatusOK, peerResponse)
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, validAWSPeer()); err == nil || !strings.Contains(err.Error(), "exceeds 64 bytes") {
		t.Errorf("oversized body: %v", err)
	}
}

// TestUnmarshalUnionAndPtr: the exported decoder reads stored JSON into a
// union; Ptr fills optional fields.
func TestUnmarshalUnionAndPtr(t *testing.T) {
	got, err := atlas.UnmarshalBaseNetworkPeeringConnectionSettings([]byte(gcpPeerResponse))
	if err != nil {
		t.Fatal(err)
	}
	gcp, ok := got.(*atlas.BaseNetworkPeeringConnectionSettingsGCP)
	if !ok || gcp.NetworkName != "my-network" || *gcp.Status != atlas.BaseNetworkPeeringConnectionSettingsStatusAddingPeer {
		t.Errorf("decoded %#v", got)
	}
	if _, err := atlas.UnmarshalBaseNetworkPeeringConnectionSettings([]byte(`"x"`)); err == nil {
		t.Error("a JSON string decoded as a union")
	}
	body := atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: atlas.Ptr("MSK"), ARN: atlas.Ptr("arn:aws:kafka:x")}
	if err := body.Validate(); err != nil || *body.Vendor != "MSK" {
		t.Errorf("%v %v", err, body.Vendor)
	}
}
