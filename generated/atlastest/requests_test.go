package atlastest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
)

const peerResponse = `{"containerId":"32b6e34b3d91647abb20e7b8","id":"32b6e34b3d91647abb20e7b8","providerName":"AWS","accepterRegionName":"us-east-1","awsAccountId":"123456789012","routeTableCidrBlock":"10.0.0.0/16","vpcId":"vpc-0123456789abcdef0","statusName":"INITIATING"}`

// TestMediaTypesPerOperation proves each operation sends exactly its chosen
// version in Accept and Content-Type.
func TestMediaTypesPerOperation(t *testing.T) {
	srv, client := setup(t)
	calls := []struct {
		name, media string
		reply       string
		status      int
		call        func() error
	}{
		{"createBackupPrivateEndpoint", "application/vnd.atlas.2024-11-13+json", `{"cloudProvider":"AWS","regionName":"US_EAST_1","status":"INITIATING"}`, http.StatusCreated, func() error {
			_, err := client.CreateBackupPrivateEndpoint(ctx, atlas.CreateBackupPrivateEndpointParams{GroupID: groupID, CloudProvider: atlas.CreateBackupPrivateEndpointParamsCloudProviderAWS},
				&atlas.ObjectStoragePrivateEndpointRequest{CloudProvider: atlas.ObjectStoragePrivateEndpointCloudProviderAWS, RegionName: atlas.ObjectStoragePrivateEndpointRegionNameUsEast1})
			return err
		}},
		{"createExportBucket", "application/vnd.atlas.2024-05-30+json", `{"_id":"32b6e34b3d91647abb20e7b8","bucketName":"export-bucket","cloudProvider":"AWS","iamRoleId":"32b6e34b3d91647abb20e7b8"}`, http.StatusOK, func() error {
			_, err := client.CreateExportBucket(ctx, atlas.CreateExportBucketParams{GroupID: groupID},
				&atlas.DiskBackupSnapshotExportBucketRequestAWS{BucketName: "export-bucket", IAMRoleID: groupID})
			return err
		}},
		{"createGroupPeer", "application/vnd.atlas.2023-01-01+json", peerResponse, http.StatusOK, func() error {
			_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, &atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{
				ContainerID: groupID, GCPProjectID: "my-gcp-project", NetworkName: "my-network"})
			return err
		}},
		{"createPrivateLinkConnection", "application/vnd.atlas.2023-02-01+json", `{"provider":"AWS","state":"IDLE"}`, http.StatusOK, func() error {
			_, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: groupID},
				&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("MSK"), ARN: ptr("arn:aws:kafka:us-east-1:123456789012:cluster/x")})
			return err
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			srv.Reply(c.status, c.reply)
			if err := c.call(); err != nil {
				t.Fatal(err)
			}
			req := srv.Last()
			if got := req.Header.Get("Accept"); got != c.media {
				t.Errorf("Accept = %q, want %q", got, c.media)
			}
			if got := req.Header.Get("Content-Type"); got != c.media {
				t.Errorf("Content-Type = %q, want %q", got, c.media)
			}
		})
	}
}

// TestUnionRequestBodies proves each variant marshals to the documented body
// with the discriminator filled in by the SDK, not the caller.
func TestUnionRequestBodies(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(http.StatusOK, peerResponse)
	peers := []struct {
		body atlas.BaseNetworkPeeringConnectionSettingsRequest
		want string
	}{
		{&atlas.BaseNetworkPeeringConnectionSettingsRequestAWS{ContainerID: groupID, AccepterRegionName: "us-east-1", AWSAccountID: "123456789012", RouteTableCIDRBlock: "10.0.0.0/16", VPCID: "vpc-0123456789abcdef0"},
			`{"providerName":"AWS","containerId":"32b6e34b3d91647abb20e7b8","accepterRegionName":"us-east-1","awsAccountId":"123456789012","routeTableCidrBlock":"10.0.0.0/16","vpcId":"vpc-0123456789abcdef0"}`},
		{&atlas.BaseNetworkPeeringConnectionSettingsRequestAzure{ContainerID: groupID, AzureDirectoryID: "4297fc77-1592-4de8-a6d5-a8c32401df87", AzureSubscriptionID: "1c8f0f9e-1f64-4b8f-9c0e-2a7a0a3b1d44", ResourceGroupName: "rg", VnetName: "vnet-1"},
			`{"providerName":"AZURE","containerId":"32b6e34b3d91647abb20e7b8","azureDirectoryId":"4297fc77-1592-4de8-a6d5-a8c32401df87","azureSubscriptionId":"1c8f0f9e-1f64-4b8f-9c0e-2a7a0a3b1d44","resourceGroupName":"rg","vnetName":"vnet-1"}`},
		{&atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{ContainerID: groupID, GCPProjectID: "my-gcp-project", NetworkName: "my-network"},
			`{"providerName":"GCP","containerId":"32b6e34b3d91647abb20e7b8","gcpProjectId":"my-gcp-project","networkName":"my-network"}`},
	}
	for _, p := range peers {
		if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, p.body); err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, p.want, srv.Last().Body)
	}
	srv.Reply(http.StatusOK, `{"_id":"32b6e34b3d91647abb20e7b8","bucketName":"b-1","cloudProvider":"GCP","roleId":"32b6e34b3d91647abb20e7b8"}`)
	buckets := []struct {
		body atlas.DiskBackupSnapshotExportBucketRequest
		want string
	}{
		{&atlas.DiskBackupSnapshotExportBucketRequestAWS{BucketName: "export-bucket", IAMRoleID: groupID, RequirePrivateNetworking: ptr(true)},
			`{"cloudProvider":"AWS","bucketName":"export-bucket","iamRoleId":"32b6e34b3d91647abb20e7b8","requirePrivateNetworking":true}`},
		{&atlas.DiskBackupSnapshotExportBucketRequestAzure{RoleID: groupID, ServiceURL: "https://examplestorageaccount.blob.core.windows.net/examplecontainer"},
			`{"cloudProvider":"AZURE","roleId":"32b6e34b3d91647abb20e7b8","serviceUrl":"https://examplestorageaccount.blob.core.windows.net/examplecontainer"}`},
		{&atlas.DiskBackupSnapshotExportBucketRequestGCP{BucketName: "b-1", RoleID: groupID},
			`{"cloudProvider":"GCP","bucketName":"b-1","roleId":"32b6e34b3d91647abb20e7b8"}`},
	}
	for _, b := range buckets {
		if _, err := client.CreateExportBucket(ctx, atlas.CreateExportBucketParams{GroupID: groupID}, b.body); err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, b.want, srv.Last().Body)
	}
}

// TestEmptyDNSSubDomainIsSent proves an empty, non-nil dnsSubDomain passes
// validation and goes on the wire as [], which Atlas tells from absent.
func TestEmptyDNSSubDomainIsSent(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(http.StatusOK, `{"provider":"AWS"}`)
	body := &atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("CONFLUENT"), DNSDomain: ptr("example.aws.confluent.cloud"),
		DNSSubDomain: []string{}, ServiceEndpointID: ptr("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"), Region: ptr("us-east-1")}
	if _, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: groupID}, body); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"provider":"AWS","vendor":"CONFLUENT","dnsDomain":"example.aws.confluent.cloud","dnsSubDomain":[],"serviceEndpointId":"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0","region":"us-east-1"}`, srv.Last().Body)
}

// TestQueryParameters proves envelope and pretty are optional: sent when
// set, absent otherwise.
func TestQueryParameters(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(http.StatusOK, `{"provider":"AWS"}`)
	body := &atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS"}
	if _, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: groupID, Pretty: ptr(true)}, body); err != nil {
		t.Fatal(err)
	}
	if req := srv.Last(); req.RawQuery != "pretty=true" {
		t.Errorf("query = %q, want pretty=true", req.RawQuery)
	}
	if _, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: groupID}, body); err != nil {
		t.Fatal(err)
	}
	if req := srv.Last(); req.RawQuery != "" {
		t.Errorf("query = %q, want none", req.RawQuery)
	}
}

// TestPathParametersAreEscaped sends an id that is not a valid group id
// (validation off) to a plain server: it must arrive escaped, in one segment.
func TestPathParametersAreEscaped(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		w.Write([]byte(`{"provider":"AWS"}`))
	}))
	defer srv.Close()
	client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL), atlas.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreatePrivateLinkConnection(ctx, atlas.CreatePrivateLinkConnectionParams{GroupID: "a/b?c d"}, &atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS"}); err != nil {
		t.Fatal(err)
	}
	if want := "/api/atlas/v2/groups/a%2Fb%3Fc%20d/streams/privateLinkConnections"; got != want {
		t.Errorf("path = %q, want %q", got, want)
	}
}

// TestCrossRegionBackupPrivateEndpoint: the optional vpcRegionName of the
// newer published copy is sent when set, left out when not, and read back.
func TestCrossRegionBackupPrivateEndpoint(t *testing.T) {
	srv, client := setup(t)
	srv.Reply(201, `{"cloudProvider":"AWS","id":"32b6e34b3d91647abb20e7b8","regionName":"US_EAST_1","status":"INITIATING","vpcRegionName":"US_WEST_2"}`)
	params := atlas.CreateBackupPrivateEndpointParams{GroupID: groupID, CloudProvider: atlas.CreateBackupPrivateEndpointParamsCloudProviderAWS}
	got, err := client.CreateBackupPrivateEndpoint(ctx, params, &atlas.ObjectStoragePrivateEndpointRequest{
		CloudProvider: atlas.ObjectStoragePrivateEndpointCloudProviderAWS, RegionName: atlas.ObjectStoragePrivateEndpointRegionNameUsEast1,
		VPCRegionName: ptr("US_WEST_2")})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"cloudProvider":"AWS","regionName":"US_EAST_1","vpcRegionName":"US_WEST_2"}`, srv.Last().Body)
	if got.VPCRegionName == nil || *got.VPCRegionName != "US_WEST_2" {
		t.Errorf("vpcRegionName read back as %v", got.VPCRegionName)
	}
	if _, err := client.CreateBackupPrivateEndpoint(ctx, params, &atlas.ObjectStoragePrivateEndpointRequest{
		CloudProvider: atlas.ObjectStoragePrivateEndpointCloudProviderAWS, RegionName: atlas.ObjectStoragePrivateEndpointRegionNameUsEast1}); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"cloudProvider":"AWS","regionName":"US_EAST_1"}`, srv.Last().Body)
}
