package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"groupId": "GroupID", "_id": "ID", "dnsSubDomain": "DNSSubDomain", "US_GOV_WEST_1": "UsGovWest1",
		"AZURE": "Azure", "AWS": "AWS", "serviceUrl": "ServiceURL", "HTTPServer": "HTTPServer",
		"vpc-id": "VPCID", "2fa": "X2fa", "": "X", "ADDING_PEER": "AddingPeer",
	} {
		if got := pascal(in); got != want {
			t.Errorf("pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTypeNameKeepsGoIdentifiers(t *testing.T) {
	for in, want := range map[string]string{"ApiError": "ApiError", "Link_Atlas": "Link_Atlas", "link-atlas": "LinkAtlas", "lowerCase": "LowerCase"} {
		if got := typeName(in); got != want {
			t.Errorf("typeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamerIsOrderIndependent proves a colliding name is resolved from its
// own origin: the holder of a name keeps it whatever is claimed after it,
// and the loser's name does not depend on the order of claims.
func TestNamerIsOrderIndependent(t *testing.T) {
	a := newNamer([]string{"Client"})
	if got := a.claim("Client", "#/components/schemas/Client"); got == "Client" {
		t.Error("a runtime identifier was handed to a schema")
	}
	first := newNamer(nil)
	x1 := first.claim("FooRequest", "#/a")
	y1 := first.claim("FooRequest", "#/b")
	second := newNamer(nil)
	second.claim("Other", "#/c")
	second.claim("FooRequest", "#/a")
	y2 := second.claim("FooRequest", "#/b")
	if x1 != "FooRequest" || y1 != y2 || y1 == x1 {
		t.Errorf("claims: %q %q %q", x1, y1, y2)
	}
	if again := first.claim("FooRequest", "#/b"); again != y1 {
		t.Errorf("the same origin got a second name: %q vs %q", again, y1)
	}
}

func TestFieldNamesCollisions(t *testing.T) {
	got := fieldNames([]string{"_id", "id", "name", "Name", "validate"}, map[string]bool{"Validate": true})
	want := map[string]string{"_id": "ID_", "id": "ID", "name": "Name", "Name": "Name_" + shortHash("Name"), "validate": "Validate_" + shortHash("validate")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
