package parser

import (
	"os"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/spec"
)

// unionShape is what must not depend on how a union was written: the
// discriminator, and per variant its value, Go name, fields and required set.
type unionShape struct {
	Discriminator string
	Variants      []variantShape
	Common        []string
}

type variantShape struct {
	Value, GoName string
	Fields        []string
	Required      []string
}

func shapeOf(t *testing.T, api *ir.API, name string) unionShape {
	t.Helper()
	for _, typ := range api.Types {
		if typ.Name != name {
			continue
		}
		if typ.Union == nil {
			t.Fatalf("%s is not a union", name)
		}
		s := unionShape{Discriminator: typ.Union.Discriminator, Common: typ.Union.Common}
		for _, v := range typ.Union.Variants {
			vs := variantShape{Value: v.Value, GoName: v.GoName}
			for _, f := range v.Fields {
				vs.Fields = append(vs.Fields, f.JSONName)
				if f.Required {
					vs.Required = append(vs.Required, f.JSONName)
				}
			}
			sort.Strings(vs.Required)
			s.Variants = append(s.Variants, vs)
		}
		return s
	}
	t.Fatalf("no type %s", name)
	return unionShape{}
}

func parseFile(t *testing.T, path, date string) *ir.API {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	api, err := Parse(path, data, Options{APIDate: date})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// TestFaithfulXgenFixtureHasSameUnionShape is the second union-encoding
// proof: the transformed copy's flat object (no enums, one status) yields
// the same union as spec/'s oneOf, in requests and in responses.
func TestFaithfulXgenFixtureHasSameUnionShape(t *testing.T) {
	oneOf, err := Parse("spec.yaml", spec.Document(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	flat := parseFile(t, "../../testdata/golden/faithful-xgen-fixture/spec.yaml", "")
	for _, name := range []string{"BaseNetworkPeeringConnectionSettings", "BaseNetworkPeeringConnectionSettingsRequest"} {
		want, got := shapeOf(t, oneOf, name), shapeOf(t, flat, name)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s differs between oneOf and x-xgen-discriminator (-oneOf +flat):\n%s", name, diff)
		}
	}
	var encodings []string
	for _, api := range []*ir.API{oneOf, flat} {
		for _, typ := range api.Types {
			if typ.Name == "BaseNetworkPeeringConnectionSettings" {
				encodings = append(encodings, typ.Union.Encoding)
			}
		}
	}
	if diff := cmp.Diff([]string{encOneOf, encXgen}, encodings); diff != "" {
		t.Errorf("the two inputs were not read through different encodings: %s", diff)
	}
}

// TestMappingOnlyUnion covers encoding (b): variants that allOf their base
// (a cycle) and a standalone variant, with base properties merged in.
func TestMappingOnlyUnion(t *testing.T) {
	api, err := Parse("spec.yaml", spec.Document(), Options{APIDate: "2024-05-30"})
	if err != nil {
		t.Fatal(err)
	}
	got := shapeOf(t, api, "DiskBackupSnapshotExportBucketResponse")
	want := unionShape{Discriminator: "cloudProvider", Common: []string{"_id", "bucketName", "links"}, Variants: []variantShape{
		{"AWS", "DiskBackupSnapshotExportBucketResponseAWS", []string{"_id", "bucketName", "iamRoleId", "links", "region", "requirePrivateNetworking"}, []string{"_id", "bucketName", "iamRoleId"}},
		{"AZURE", "DiskBackupSnapshotExportBucketResponseAzure", []string{"_id", "bucketName", "links", "roleId", "serviceUrl", "tenantId"}, []string{"_id", "bucketName", "roleId", "serviceUrl", "tenantId"}},
		{"GCP", "DiskBackupSnapshotExportBucketResponseGCP", []string{"_id", "bucketName", "links", "roleId"}, []string{"_id", "bucketName", "roleId"}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	req := shapeOf(t, api, "DiskBackupSnapshotExportBucketRequest")
	for _, v := range req.Variants {
		for _, f := range v.Fields {
			if f == "links" || f == "cloudProvider" {
				t.Errorf("request variant %s carries %s (readOnly or the discriminator)", v.Value, f)
			}
		}
	}
}
