package atlastest

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/generated/atlas"
)

// violations returns the paths a Validate error names, failing on any other error.
func violations(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var verrs atlas.ValidationErrors
	if !errors.As(err, &verrs) {
		t.Fatalf("error %v is not atlas.ValidationErrors", err)
	}
	var paths []string
	for _, v := range verrs {
		paths = append(paths, v.Path)
	}
	return paths
}

func validAWSPeer() *atlas.BaseNetworkPeeringConnectionSettingsRequestAWS {
	return &atlas.BaseNetworkPeeringConnectionSettingsRequestAWS{ContainerID: groupID, AccepterRegionName: "us-east-1",
		AWSAccountID: "123456789012", RouteTableCIDRBlock: "10.0.0.0/16", VPCID: "vpc-0123456789abcdef0"}
}

func validMSK() *atlas.StreamsPrivateLinkConnectionRequest {
	return &atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("MSK"), ARN: ptr("arn:aws:kafka:us-east-1:1:cluster/x")}
}

func TestValidateRejects(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"bad groupId", (&atlas.CreateGroupPeerParams{GroupID: "not-a-group"}).Validate(), []string{"params.groupId"}},
		{"missing groupId", (&atlas.CreateGroupPeerParams{}).Validate(), []string{"params.groupId"}},
		{"missing per-variant required field", func() error {
			p := validAWSPeer()
			p.VPCID = ""
			return p.Validate()
		}(), []string{"body.vpcId"}},
		{"GCP variant misses its own fields", (&atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{ContainerID: groupID}).Validate(),
			[]string{"body.gcpProjectId", "body.networkName"}},
		{"region outside the enum", (&atlas.ObjectStoragePrivateEndpointRequest{CloudProvider: "AWS", RegionName: "MARS_NORTH_1"}).Validate(),
			[]string{"body.regionName"}},
		{"four GCP connection ids", func() error {
			b := validMSK()
			b.GCPConnectionIds = []string{"a", "b", "c", "d"}
			return b.Validate()
		}(), []string{"body.gcpConnectionIds"}},
		{"AWS+MSK without arn", (&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("MSK")}).Validate(), []string{"body.arn"}},
		{"AWS+CONFLUENT without dnsSubDomain", (&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("CONFLUENT"), DNSDomain: ptr("d.example")}).Validate(),
			[]string{"body.dnsSubDomain"}},
		{"AZURE+EVENTHUB without dnsDomain", (&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AZURE", Vendor: ptr("EVENTHUB")}).Validate(), []string{"body.dnsDomain"}},
		{"bucket name too short and bad role", (&atlas.DiskBackupSnapshotExportBucketRequestAWS{BucketName: "ab", IAMRoleID: "x"}).Validate(),
			[]string{"body.bucketName", "body.iamRoleId"}},
		{"tenantId not a uuid", (&atlas.DiskBackupSnapshotExportBucketRequestAzure{RoleID: groupID, ServiceURL: strings.Repeat("u", 40), TenantID: ptr("nope")}).Validate(),
			[]string{"body.tenantId"}},
		{"unknown variant", (&atlas.BaseNetworkPeeringConnectionSettingsRequestUnknown{Value: "ORACLE"}).Validate(), []string{"body.providerName"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := violations(t, c.err)
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("violations at %v, want %v (error: %v)", got, c.want, c.err)
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	for name, err := range map[string]error{
		"AWS peer":                   validAWSPeer().Validate(),
		"AWS+MSK with arn":           validMSK().Validate(),
		"three GCP ids":              (&atlas.StreamsPrivateLinkConnectionRequest{Provider: "GCP", GCPConnectionIds: []string{"a", "b", "c"}}).Validate(),
		"AWS+CONFLUENT with [] subs": (&atlas.StreamsPrivateLinkConnectionRequest{Provider: "AWS", Vendor: ptr("CONFLUENT"), DNSDomain: ptr("d.example"), DNSSubDomain: []string{}}).Validate(),
		"params":                     (&atlas.CreateGroupPeerParams{GroupID: groupID, Envelope: ptr(false)}).Validate(),
	} {
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestRouteTableCIDRBlock(t *testing.T) {
	for value, ok := range map[string]bool{"10.0.0.0/16": true, "192.168.1.0/24": true, "10.0.0.0/0": true, "10.0.0.0": false, "10.0.0.0/33": false, "1.2.3.4.garbage": false, "256.0.0.0/8": false} {
		p := validAWSPeer()
		p.RouteTableCIDRBlock = value
		if got := p.Validate() == nil; got != ok {
			t.Errorf("routeTableCidrBlock %q: valid = %v, want %v", value, got, ok)
		}
	}
}

// TestValidationRunsBeforeSending proves the client refuses an invalid
// request without a round trip, reports params and body together, and
// sends it anyway when validation is switched off.
func TestValidationRunsBeforeSending(t *testing.T) {
	srv, client := setup(t)
	_, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: "bad"}, &atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{ContainerID: groupID})
	if got := violations(t, err); strings.Join(got, ",") != "params.groupId,body.gcpProjectId,body.networkName" {
		t.Errorf("violations = %v", got)
	}
	if _, err := client.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, nil); strings.Join(violations(t, err), ",") != "body" {
		t.Errorf("nil body: %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests sent, want none", n)
	}
	raw := httpRecorder(t)
	noCheck, _ := atlas.NewClient(atlas.WithBaseURL(raw.URL), atlas.WithoutValidation())
	noCheck.CreateGroupPeer(ctx, atlas.CreateGroupPeerParams{GroupID: groupID}, &atlas.BaseNetworkPeeringConnectionSettingsRequestGCP{ContainerID: groupID})
	if raw.count() != 1 {
		t.Fatalf("WithoutValidation sent %d requests, want 1", raw.count())
	}
}

type recorder struct {
	URL string
	n   chan struct{}
}

func (r *recorder) count() int { return len(r.n) }

// httpRecorder is a server that accepts anything, for requests the spec
// would reject on purpose.
func httpRecorder(t *testing.T) *recorder {
	rec := &recorder{n: make(chan struct{}, 100)}
	srv := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.n <- struct{}{}
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":400,"errorCode":"VALIDATION_ERROR"}`))
	})
	rec.URL = srv
	return rec
}
