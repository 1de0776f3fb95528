package atlastest

import (
	"context"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
	"github.com/atlasgen/atlasgen/internal/fakeatlas"
)

// peerName is caller code written against atlas.API, not *atlas.Client.
func peerName(ctx context.Context, api atlas.API) (string, error) {
	peer, err := api.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, gcpPeer())
	if err != nil {
		return "", err
	}
	return string(peer.ProviderName()), nil
}

// stubAtlas implements only what peerName calls; the embedded API stands
// for the rest.
type stubAtlas struct {
	atlas.API
	calls int
}

func (s *stubAtlas) CreateGroupPeer(context.Context, atlas.CreateGroupPeerParams, atlas.BaseNetworkPeeringConnectionSettingsRequest) (atlas.BaseNetworkPeeringConnectionSettings, error) {
	s.calls++
	return &atlas.BaseNetworkPeeringConnectionSettingsAzure{}, nil
}

// TestAPIStandsForTheClient: code written against atlas.API runs with the
// real client (against the fake Atlas) and with a stub of the caller's own.
func TestAPIStandsForTheClient(t *testing.T) {
	srv := fakeatlas.New(t, specDocument())
	srv.Reply(200, gcpPeerResponse)
	client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if name, err := peerName(ctx, client); err != nil || name != "GCP" {
		t.Errorf("through the client: %q, %v", name, err)
	}
	stub := &stubAtlas{}
	if name, err := peerName(ctx, stub); err != nil || name != "AZURE" || stub.calls != 1 {
		t.Errorf("through the stub: %q, %v, %d calls", name, err, stub.calls)
	}
}
