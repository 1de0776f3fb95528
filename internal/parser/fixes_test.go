package parser

import (
	"os"
	"regexp"
	"testing"

	"github.com/dlclark/regexp2"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// TestAtlasFixTable: every correction compiles in RE2, accepts what Atlas
// accepts where the defective pattern refuses it, and applies only at its
// own place and only to the defective text.
func TestAtlasFixTable(t *testing.T) {
	accepts := map[string][]string{
		"routeTableCidrBlock": {"10.0.0.0/16", "192.168.1.0/24", "2001:db8::/32"},
		"vnetName":            {"atlas-peering-vnet", "vnet_1.(prod)"},
	}
	refuses := map[string][]string{
		"routeTableCidrBlock": {"10.0.0.0", "1.2.3.4.garbage", "10.0.0.0/33", "300.0.0.0/8"},
		"vnetName":            {"", "bad name"},
	}
	for _, f := range AtlasFixes() {
		fixed, err := regexp.Compile(f.Corrected)
		if err != nil {
			t.Fatalf("%s.%s: corrected pattern is not RE2: %v", f.Schema, f.Property, err)
		}
		defective := regexp2.MustCompile(f.Defective, regexp2.ECMAScript)
		stricter := false
		for _, s := range accepts[f.Property] {
			if !fixed.MatchString(s) {
				t.Errorf("%s.%s: correction refuses %q", f.Schema, f.Property, s)
			}
			if ok, _ := defective.MatchString(s); !ok {
				stricter = true
			}
		}
		if !stricter {
			t.Errorf("%s.%s: the defective pattern refuses nothing the correction accepts: no fix is needed", f.Schema, f.Property)
		}
		for _, s := range refuses[f.Property] {
			if fixed.MatchString(s) {
				t.Errorf("%s.%s: correction accepts %q", f.Schema, f.Property, s)
			}
		}
		at := "#/components/schemas/" + f.Schema + "/properties/" + f.Property + "/pattern"
		if !f.Matches(at, f.Defective) {
			t.Errorf("%s.%s: does not match its own place", f.Schema, f.Property)
		}
		if f.Matches(at, f.Corrected) || f.Matches(at, f.Defective+"x") {
			t.Errorf("%s.%s: applies to text other than the defective pattern", f.Schema, f.Property)
		}
		if f.Matches("#/components/schemas/Other/properties/"+f.Property+"/pattern", f.Defective) ||
			f.Matches("#/components/schemas/"+f.Schema+"Extra/properties/"+f.Property+"/pattern", f.Defective) {
			t.Errorf("%s.%s: applies at another schema", f.Schema, f.Property)
		}
	}
}

// TestAtlasFixesOption: with fixes the IR enforces the corrected pattern
// (RE2) and notes it; without, the spec's own pattern (regexp2), and no
// note. The IP-address field keeps the look-ahead either way.
func TestAtlasFixesOption(t *testing.T) {
	data, err := os.ReadFile("../../testdata/golden/atlas-fixes/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, false} {
		api, err := Parse("spec.yaml", data, Options{AtlasFixes: on})
		if err != nil {
			t.Fatal(err)
		}
		cidr := fieldPattern(t, api, "BaseNetworkPeeringConnectionSettingsAWS", "routeTableCidrBlock")
		ip := fieldPattern(t, api, "NetworkPermissionEntry", "ipAddress")
		if on && (cidr.Expr != cidrBlock || cidr.ECMAScript || len(api.Corrections) != 2 || api.Diagnostics.Count(ir.Note) != 2) {
			t.Errorf("fixes on: %+v, %d corrections, %d notes", cidr, len(api.Corrections), api.Diagnostics.Count(ir.Note))
		}
		if !on && (cidr.Expr != cidrLookAhead || !cidr.ECMAScript || len(api.Corrections) != 0 || api.Diagnostics.Count(ir.Note) != 0) {
			t.Errorf("fixes off: %+v, %d corrections, %d notes", cidr, len(api.Corrections), api.Diagnostics.Count(ir.Note))
		}
		if ip.Expr != cidrLookAhead || !ip.ECMAScript {
			t.Errorf("fixes %v: the IP-address field's pattern changed: %+v", on, ip)
		}
	}
}

func fieldPattern(t *testing.T, api *ir.API, typ, field string) ir.Pattern {
	t.Helper()
	for _, ty := range api.Types {
		fields := ty.Fields
		if ty.Union != nil {
			for _, v := range ty.Union.Variants {
				if v.GoName == typ {
					fields = v.Fields
				}
			}
		} else if ty.Name != typ {
			continue
		}
		for _, f := range fields {
			if f.JSONName == field && f.Type.Rules.Pattern != nil {
				return *f.Type.Rules.Pattern
			}
		}
	}
	t.Fatalf("no pattern on %s.%s", typ, field)
	return ir.Pattern{}
}
