package atlastest

import (
	"strings"
	"testing"

	fx "github.com/atlasgen/atlasgen/testdata/golden/atlas-fixes/want"
)

// TestAtlasFixesAcceptWhatAtlasAccepts drives the client generated from the
// upstream patterns with the Atlas fixes on (the default): a real CIDR block
// and a multi-character vnet name are sent — the fake, which applies the same
// table, accepts them — while what Atlas refuses is still refused. The same
// look-ahead on an IP-address field is enforced as written.
func TestAtlasFixesAcceptWhatAtlasAccepts(t *testing.T) {
	srv := goldenFake(t, "atlas-fixes")
	client, err := fx.NewClient(fx.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	srv.Reply(200, `{"providerName":"AWS","containerId":"`+groupID+`"}`)
	params := fx.CreatePeeringConnectionParams{GroupID: groupID}
	aws := &fx.BaseNetworkPeeringConnectionSettingsAWS{AccepterRegionName: "us-east-1", AWSAccountID: "123456789012",
		ContainerID: groupID, RouteTableCIDRBlock: "10.0.0.0/16", VPCID: "vpc-0123456789abcdef0"}
	if _, err := client.CreatePeeringConnection(ctx, params, aws); err != nil {
		t.Fatalf("10.0.0.0/16 refused: %v", err)
	}
	azure := &fx.BaseNetworkPeeringConnectionSettingsAzure{AzureDirectoryID: "11111111-2222-3333-4444-555555555555",
		AzureSubscriptionID: "11111111-2222-3333-4444-555555555555", ContainerID: groupID, ResourceGroupName: "rg", VnetName: "atlas-peering-vnet"}
	if _, err := client.CreatePeeringConnection(ctx, params, azure); err != nil {
		t.Fatalf("vnet name refused: %v", err)
	}
	for _, bad := range []string{"10.0.0.0", "1.2.3.4.garbage"} {
		aws.RouteTableCIDRBlock = bad
		_, err := client.CreatePeeringConnection(ctx, params, aws)
		if !strings.Contains(err.Error(), "body.routeTableCidrBlock: must match") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	srv.Reply(201, `{}`)
	if _, err := client.CreateProjectIPAccessList(ctx, fx.CreateProjectIPAccessListParams{GroupID: groupID}, &fx.NetworkPermissionEntry{IPAddress: ptr("10.0.0.1")}); err != nil {
		t.Errorf("an IP address was refused: %v", err)
	}
	_, err = client.CreateProjectIPAccessList(ctx, fx.CreateProjectIPAccessListParams{GroupID: groupID}, &fx.NetworkPermissionEntry{IPAddress: ptr("10.0.0.0/16")})
	if err == nil || !strings.Contains(err.Error(), "body.ipAddress: must match") {
		t.Errorf("the IP-address look-ahead is not enforced as written: %v", err)
	}
}
