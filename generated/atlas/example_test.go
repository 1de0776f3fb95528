// Hand-written examples of the snapshot (no generated-code header: atlasgen
// leaves this file alone). Each runs against a fake Atlas that checks the
// request against spec/; point WithBaseURL at nothing to reach the real one.
package atlas_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/atlasgen/atlasgen/generated/atlas"
	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	"github.com/atlasgen/atlasgen/spec"
)

const projectID = "32b6e34b3d91647abb20e7b8"

func startFake(reply string, status int) *fakeatlas.Server {
	fake, err := fakeatlas.Start(spec.Document())
	if err != nil {
		log.Fatal(err)
	}
	fake.Reply(status, reply)
	return fake
}

// Create an AWS network peering connection with an API key (HTTP Digest).
func ExampleClient_CreateGroupPeer() {
	fake := startFake(`{"containerId":"`+projectID+`","id":"`+projectID+`","providerName":"AWS","accepterRegionName":"us-east-1","awsAccountId":"123456789012","routeTableCidrBlock":"10.0.0.0/16","vpcId":"vpc-0123456789abcdef0","statusName":"INITIATING"}`, 200)
	defer fake.Close()
	fake.RequireDigest("PUBLIC-KEY", "PRIVATE-KEY")

	client, err := atlas.NewClient(atlas.WithBaseURL(fake.URL), atlas.WithDigestAuth("PUBLIC-KEY", "PRIVATE-KEY"))
	if err != nil {
		log.Fatal(err)
	}
	peer, err := client.CreateGroupPeer(context.Background(),
		atlas.CreateGroupPeerParams{GroupID: projectID},
		&atlas.BaseNetworkPeeringConnectionSettingsRequestAWS{
			ContainerID:         projectID,
			AccepterRegionName:  "us-east-1",
			AWSAccountID:        "123456789012",
			RouteTableCIDRBlock: "10.0.0.0/16",
			VPCID:               "vpc-0123456789abcdef0",
		})
	if err != nil {
		log.Fatal(err)
	}
	switch p := peer.(type) {
	case *atlas.BaseNetworkPeeringConnectionSettingsAWS:
		fmt.Println("AWS peering", *p.StatusName)
	case *atlas.BaseNetworkPeeringConnectionSettingsUnknown:
		fmt.Println("a provider this SDK does not know:", p.Value)
	}
	fmt.Println("requests off-spec:", len(fake.Problems()))
	// Output:
	// AWS peering INITIATING
	// requests off-spec: 0
}

// Create a GCP export bucket with a service account (OAuth 2 client credentials).
func ExampleClient_CreateExportBucket() {
	fake := startFake(`{"_id":"`+projectID+`","bucketName":"export-bucket","cloudProvider":"GCP","roleId":"`+projectID+`"}`, 200)
	defer fake.Close()
	fake.ServeTokens("CLIENT-ID", "CLIENT-SECRET", 3600)

	client, err := atlas.NewClient(atlas.WithBaseURL(fake.URL), atlas.WithServiceAccount("CLIENT-ID", "CLIENT-SECRET"))
	if err != nil {
		log.Fatal(err)
	}
	bucket, err := client.CreateExportBucket(context.Background(),
		atlas.CreateExportBucketParams{GroupID: projectID},
		&atlas.DiskBackupSnapshotExportBucketRequestGCP{BucketName: "export-bucket", RoleID: projectID})
	if err != nil {
		log.Fatal(err)
	}
	if gcp, ok := bucket.(*atlas.DiskBackupSnapshotExportBucketResponseGCP); ok {
		fmt.Println(bucket.CloudProvider(), gcp.BucketName, gcp.ID)
	}
	fmt.Println("requests off-spec:", len(fake.Problems()))
	// Output:
	// GCP export-bucket 32b6e34b3d91647abb20e7b8
	// requests off-spec: 0
}

// Create an object storage private endpoint for backups; read the rate
// limit the reply reported.
func ExampleClient_CreateBackupPrivateEndpoint() {
	fake := startFake(`{"cloudProvider":"AWS","regionName":"US_EAST_1","status":"INITIATING","id":"`+projectID+`"}`, 201)
	defer fake.Close()

	client, err := atlas.NewClient(atlas.WithBaseURL(fake.URL))
	if err != nil {
		log.Fatal(err)
	}
	var info atlas.ResponseInfo
	endpoint, err := client.CreateBackupPrivateEndpoint(atlas.WithResponseInfo(context.Background(), &info),
		atlas.CreateBackupPrivateEndpointParams{GroupID: projectID, CloudProvider: atlas.CreateBackupPrivateEndpointParamsCloudProviderAWS},
		&atlas.ObjectStoragePrivateEndpointRequest{
			CloudProvider: atlas.ObjectStoragePrivateEndpointCloudProviderAWS,
			RegionName:    atlas.ObjectStoragePrivateEndpointRegionNameUsEast1,
		})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.StatusCode, *endpoint.Status, endpoint.RegionName)
	fmt.Println("requests off-spec:", len(fake.Problems()))
	// Output:
	// 201 INITIATING US_EAST_1
	// requests off-spec: 0
}

// Create a private link for an AWS Confluent cluster that uses no
// subdomains: dnsSubDomain must still be sent, as []. A request breaking
// the rules is refused before it is sent, with every violation listed.
func ExampleClient_CreatePrivateLinkConnection() {
	fake := startFake(`{"_id":"`+projectID+`","provider":"AWS","vendor":"CONFLUENT","state":"IDLE"}`, 200)
	defer fake.Close()

	client, err := atlas.NewClient(atlas.WithBaseURL(fake.URL))
	if err != nil {
		log.Fatal(err)
	}
	vendor, domain := "CONFLUENT", "example.us-east-1.aws.confluent.cloud"
	_, err = client.CreatePrivateLinkConnection(context.Background(),
		atlas.CreatePrivateLinkConnectionParams{GroupID: "not-a-project"},
		&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: &vendor})
	var invalid atlas.ValidationErrors
	if errors.As(err, &invalid) {
		for _, v := range invalid {
			fmt.Println(v)
		}
	}
	link, err := client.CreatePrivateLinkConnection(context.Background(),
		atlas.CreatePrivateLinkConnectionParams{GroupID: projectID},
		&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: &vendor, DNSDomain: &domain, DNSSubDomain: []string{}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*link.State, string(fake.Last().Body))
	// Output:
	// params.groupId: must match ^([a-f0-9]{24})$
	// body.dnsDomain: is required when provider is AWS and vendor is CONFLUENT
	// body.dnsSubDomain: is required when provider is AWS and vendor is CONFLUENT
	// IDLE {"dnsDomain":"example.us-east-1.aws.confluent.cloud","dnsSubDomain":[],"provider":"AWS","vendor":"CONFLUENT"}
}

// Configure retries, a logger and the user agent; read what the reply said
// about rate limits. The logger never sees credentials.
func ExampleNewClient() {
	fake := startFake(`{"provider":"AWS","state":"IDLE"}`, 200)
	defer fake.Close()

	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level:       slog.LevelWarn,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return dropTime(a) },
	}))
	client, err := atlas.NewClient(
		atlas.WithBaseURL(fake.URL),
		atlas.WithServiceAccount("CLIENT-ID", "CLIENT-SECRET"),
		atlas.WithRetryPolicy(atlas.RetryPolicy{MaxAttempts: 5, MaxWait: time.Minute, BaseDelay: time.Second}),
		atlas.WithLogger(logger),
		atlas.WithUserAgent("my-platform/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fake.ServeTokens("CLIENT-ID", "CLIENT-SECRET", 3600)
	fake.Respond(func(fakeatlas.Request) fakeatlas.Response {
		return fakeatlas.Response{Status: 200, Body: `{"provider":"AWS","state":"IDLE"}`,
			Header: http.Header{"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"99"}, "Deprecation": {"true"}}}
	})
	var info atlas.ResponseInfo
	_, err = client.CreatePrivateLinkConnection(atlas.WithResponseInfo(context.Background(), &info),
		atlas.CreatePrivateLinkConnectionParams{GroupID: projectID},
		&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("remaining:", info.RateLimit.Remaining, "of", info.RateLimit.Limit, "user agent:", fake.Last().Header.Get("User-Agent"))
	// Output:
	// level=WARN msg="atlas: operation uses a deprecated API version" operation=createPrivateLinkConnection accept=application/vnd.atlas.2023-02-01+json deprecation=true sunset=""
	// remaining: 99 of 100 user agent: my-platform/1.0
}

func dropTime(a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
