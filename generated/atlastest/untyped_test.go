package atlastest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/fakeatlas"
	uu "github.com/atlasgen/atlasgen/testdata/golden/untyped-unions/want"
)

// untyped starts a fake Atlas for the untyped-unions golden's spec: oneOf
// and anyOf without a discriminator in the forms upstream uses them.
func untyped(t *testing.T) (*fakeatlas.Server, *uu.Client) {
	t.Helper()
	srv := goldenFake(t, "untyped-unions")
	client, err := uu.NewClient(uu.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

func uuViolations(t *testing.T, err error) []string {
	t.Helper()
	return violationsOf[uu.ValidationErrors](t, err)
}

// TestStringMembersAreAnEnum: string enums typed object become one enum
// with every member's values, usable as query parameters (a list of them
// too), checked against the merged values; a parameter whose schema is an
// object is sent as a string, never as raw JSON.
func TestStringMembersAreAnEnum(t *testing.T) {
	srv, client := untyped(t)
	srv.Reply(200, `[]`)
	region := uu.RegionEuropeWest
	_, err := client.ListEvents(ctx, uu.ListEventsParams{GroupID: groupID,
		EventType: []uu.EventType{uu.EventTypeClusterCreated, uu.EventTypeUserJoined}, Region: &region, Filter: ptr("name=x&y")})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := parseQuery(srv.Last().RawQuery)
	if got := strings.Join(q["eventType"], ","); got != "CLUSTER_CREATED,USER_JOINED" || q.Get("region") != "EUROPE_WEST" || q.Get("filter") != "name=x&y" {
		t.Errorf("query %q", srv.Last().RawQuery)
	}
	_, err = client.ListEvents(ctx, uu.ListEventsParams{GroupID: groupID, EventType: []uu.EventType{"NOPE"}})
	if got := uuViolations(t, err); strings.Join(got, "|") != `params.eventType[0]: unknown value "NOPE"` {
		t.Errorf("violations %q", got)
	}
}

const eventList = `[{"id":"e1","eventTypeName":"CLUSTER_DELETED","clusterName":"c0"},` +
	`{"id":"e2","eventTypeName":"USER_JOINED","username":"ada"},` +
	`{"id":"e3","eventTypeName":"SOMETHING_NEW","extra":1}]`

// TestInferredDiscriminatorDecodes: objects that eventTypeName's enums tell
// apart decode as a union chosen by it — a member admitting several values
// keeps the one received in its own field — and re-encode as received.
func TestInferredDiscriminatorDecodes(t *testing.T) {
	srv, client := untyped(t)
	srv.Reply(200, eventList)
	events, err := client.ListEvents(ctx, uu.ListEventsParams{GroupID: groupID})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3 {
		t.Fatalf("%d events", len(events))
	}
	c, ok := events[0].(*uu.EventViewClusterEvent)
	if !ok || c.EventTypeName != uu.EventViewClusterEventEventTypeNameClusterDeleted || c.EventTypeNameValue() != "CLUSTER_DELETED" || *c.ClusterName != "c0" {
		t.Errorf("events[0] = %#v", events[0])
	}
	if u, ok := events[1].(*uu.EventViewUserJoined); !ok || *u.Username != "ada" || u.EventTypeNameValue() != "USER_JOINED" {
		t.Errorf("events[1] = %#v", events[1])
	}
	if u, ok := events[2].(*uu.EventViewUnknown); !ok || u.Value != "SOMETHING_NEW" {
		t.Errorf("events[2] = %#v", events[2])
	}
	again, err := json.Marshal(events)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, eventList, again)
}

// TestInferredUnionRequests: a request union whose typeName the members'
// enums tell apart is sent with typeName set by its Go type, validated per
// variant, and the fake (which judges oneOf as written) accepts it.
func TestInferredUnionRequests(t *testing.T) {
	srv, client := untyped(t)
	srv.Reply(201, `{"notifications":[{"typeName":"SLACK","channelName":"ops"}]}`)
	body := &uu.AlertConfig{Notifications: []uu.Notification{
		&uu.NotificationEmail{EmailAddress: "ops@example.com"},
		&uu.NotificationSlack{ChannelName: "ops", DelayMin: ptr(int32(5))},
	}, Threshold: json.RawMessage(`"HIGH"`), Labels: ptr("prod")}
	got, err := client.CreateAlertConfig(ctx, uu.CreateAlertConfigParams{GroupID: groupID}, body)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"labels":"prod","threshold":"HIGH","notifications":[{"typeName":"EMAIL","emailAddress":"ops@example.com"},{"typeName":"SLACK","channelName":"ops","delayMin":5}]}`, srv.Last().Body)
	if s, ok := got.Notifications[0].(*uu.NotificationSlack); !ok || s.ChannelName != "ops" {
		t.Errorf("reply decoded as %#v", got.Notifications)
	}
	body.Notifications = []uu.Notification{&uu.NotificationEmail{EmailAddress: "nobody"}, &uu.NotificationSlack{}}
	_, err = client.CreateAlertConfig(ctx, uu.CreateAlertConfigParams{GroupID: groupID}, body)
	want := []string{"body.notifications[0].emailAddress: must match ^[^@]+@[^@]+$", "body.notifications[1].channelName: is required"}
	if got := uuViolations(t, err); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("violations %q, want %q", got, want)
	}
	body.Threshold, body.Notifications = json.RawMessage(`5`), []uu.Notification{&uu.NotificationSlack{ChannelName: "x"}}
	if _, err := client.CreateAlertConfig(ctx, uu.CreateAlertConfigParams{GroupID: groupID}, body); err != nil {
		t.Errorf("members of different JSON kinds: %v", err)
	}
	jsonEqual(t, `{"labels":"prod","threshold":5,"notifications":[{"typeName":"SLACK","channelName":"x"}]}`, srv.Last().Body)
}

// TestMergedStructCarriesEveryMember: members nothing tells apart become
// one struct with every member's properties beside the schema's own; it is
// valid when it satisfies any member, and what satisfies none is refused
// with the closest member's violations.
func TestMergedStructCarriesEveryMember(t *testing.T) {
	srv, client := untyped(t)
	reply := `{"regionName":"US_EAST_1","electableSpecs":{"instanceSize":"M40_NVME","nodeCount":3,"ebsVolumeType":"PROVISIONED","diskIOPS":3000,"diskSizeGB":40},` +
		`"endpoint":{"providerName":"AZURE","comment":"c","status":"AVAILABLE","privateEndpointIpAddress":"10.0.0.4"}}`
	srv.Reply(201, reply)
	spec := &uu.HardwareSpec{InstanceSize: uu.HardwareSpecInstanceSizeM40Nvme, NodeCount: ptr(int32(3)),
		EbsVolumeType: ptr(uu.HardwareSpecEbsVolumeTypeProvisioned), DiskIops: ptr(int32(3000)), DiskSizeGb: ptr(40.0)}
	body := &uu.RegionConfigRequest{RegionName: uu.RegionConfigRegionNameUsEast1, ElectableSpecs: spec,
		Endpoint: &uu.EndpointRequestAzure{Comment: ptr("c"), PrivateEndpointIPAddress: ptr("10.0.0.4")}}
	got, err := client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"regionName":"US_EAST_1","electableSpecs":{"instanceSize":"M40_NVME","nodeCount":3,"ebsVolumeType":"PROVISIONED","diskIOPS":3000,"diskSizeGB":40},`+
		`"endpoint":{"providerName":"AZURE","comment":"c","privateEndpointIpAddress":"10.0.0.4"}}`, srv.Last().Body)
	again, _ := json.Marshal(got)
	jsonEqual(t, reply, again)

	// GCP's M250 with no nodeCount is a GCP spec: valid.
	body.ElectableSpecs = &uu.HardwareSpec{InstanceSize: uu.HardwareSpecInstanceSizeM250}
	if _, err := client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body); err != nil {
		t.Errorf("a GCP spec was refused: %v", err)
	}
	// AWS's minimum for diskIOPS binds an AWS spec only: M10 is also GCP's,
	// and GCP says nothing of diskIOPS.
	body.ElectableSpecs = &uu.HardwareSpec{InstanceSize: uu.HardwareSpecInstanceSizeM10, DiskIops: ptr(int32(5))}
	if _, err := client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body); err != nil {
		t.Errorf("a member's rule was applied to another member: %v", err)
	}
	body.ElectableSpecs = &uu.HardwareSpec{InstanceSize: uu.HardwareSpecInstanceSizeM40Nvme, NodeCount: ptr(int32(3)), DiskIops: ptr(int32(5))}
	_, err = client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body)
	if got := uuViolations(t, err); strings.Join(got, "|") != "body.electableSpecs.diskIOPS: must be at least 100 (as AWSHardwareSpec, the closest of 2 forms)" {
		t.Errorf("violations %q", got)
	}
	// M40_NVME is AWS-only, and AWS requires nodeCount: no member accepts it.
	body.ElectableSpecs = &uu.HardwareSpec{InstanceSize: uu.HardwareSpecInstanceSizeM40Nvme}
	_, err = client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body)
	if got := uuViolations(t, err); strings.Join(got, "|") != "body.electableSpecs.nodeCount: is required (as AWSHardwareSpec, the closest of 2 forms)" {
		t.Errorf("violations %q", got)
	}
	body.ElectableSpecs = &uu.HardwareSpec{}
	_, err = client.CreateCluster(ctx, uu.CreateClusterParams{GroupID: groupID}, body)
	if got := uuViolations(t, err); strings.Join(got, "|") != "body.electableSpecs.instanceSize: is required" {
		t.Errorf("a property every member requires: violations %q", got)
	}
}

// TestMultiValuedVariantRequest: a member admitting several values of the
// inferred discriminator carries it in a field the caller sets, sent as
// set and checked against that member's values only.
func TestMultiValuedVariantRequest(t *testing.T) {
	srv, client := untyped(t)
	srv.Reply(204, "")
	params := uu.RecordEventParams{GroupID: groupID}
	if err := client.RecordEvent(ctx, params, &uu.EventViewRequestClusterEvent{EventTypeName: uu.EventViewRequestClusterEventEventTypeNameClusterDeleted, ClusterName: ptr("c0")}); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"eventTypeName":"CLUSTER_DELETED","clusterName":"c0"}`, srv.Last().Body)
	if err := client.RecordEvent(ctx, params, &uu.EventViewRequestUserJoined{Username: ptr("ada")}); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, `{"eventTypeName":"USER_JOINED","username":"ada"}`, srv.Last().Body)
	err := client.RecordEvent(ctx, params, &uu.EventViewRequestClusterEvent{})
	if got := uuViolations(t, err); strings.Join(got, "|") != "body.eventTypeName: is required" {
		t.Errorf("unset: %q", got)
	}
	err = client.RecordEvent(ctx, params, &uu.EventViewRequestClusterEvent{EventTypeName: "USER_JOINED"})
	if got := uuViolations(t, err); strings.Join(got, "|") != `body.eventTypeName: unknown value "USER_JOINED"` {
		t.Errorf("another member's value: %q", got)
	}
}
