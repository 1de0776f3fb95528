package parser

import (
	"fmt"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// AtlasFix corrects a pattern the published spec states more strictly than
// Atlas itself enforces, so the generated validators never refuse a request
// Atlas accepts (FACTS.md lists the defects). A fix applies where it names —
// a property of a component schema, in its own properties or an allOf
// member's — and only while the pattern there is exactly the defective text:
// a spec that changes or mends it is left alone.
type AtlasFix struct {
	Schema    string // component schema name
	Property  string // property name
	Defective string // the pattern as published
	Corrected string // the pattern enforced instead
	Why       string
}

// cidrLookAhead is upstream's IPv4/IPv6 address pattern. On its ~50
// IP-address fields it is lenient, not stricter than Atlas, and stays.
const cidrLookAhead = `^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)(\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$`

// cidrBlock is an IPv4 or IPv6 block in CIDR notation; RE2 compiles it.
const cidrBlock = `^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$` +
	`|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$`

// AtlasFixes returns the corrections applied by default (Options.AtlasFixes);
// the fake Atlas of the tests applies the same table.
func AtlasFixes() []AtlasFix {
	return []AtlasFix{
		{Schema: "AwsNetworkPeeringConnectionSettings", Property: "routeTableCidrBlock", Defective: cidrLookAhead, Corrected: cidrBlock,
			Why: "described as a CIDR block, but the address pattern's look-ahead rejects every CIDR block (10.0.0.0/16) and accepts 1.2.3.4.garbage"},
		{Schema: "AzureNetworkPeeringConnectionSettings", Property: "vnetName", Defective: `^([-\w._()])$`, Corrected: `^([-\w._()])+$`,
			Why: "admits a one-character name only; 2023–2024 copies and later ones have the +"},
		{Schema: "AzureCloudProviderContainer", Property: "vnetName", Defective: `^([-\w._()])$`, Corrected: `^([-\w._()])+$`,
			Why: "admits a one-character name only; 2023–2024 copies and later ones have the +"},
	}
}

// Matches reports whether the fix applies to the pattern expr written at
// ptr (the pattern keyword's JSON pointer).
func (f AtlasFix) Matches(ptr, expr string) bool {
	return expr == f.Defective &&
		strings.HasPrefix(ptr, "#/components/schemas/"+escapePointer(f.Schema)+"/") &&
		strings.HasSuffix(ptr, "/properties/"+escapePointer(f.Property)+"/pattern")
}

// fixFor returns the fix for the pattern at ptr, or nil when none applies
// or fixes are switched off.
func (b *builder) fixFor(ptr, expr string) *AtlasFix {
	if !b.opts.AtlasFixes {
		return nil
	}
	for _, f := range AtlasFixes() {
		if f.Matches(ptr, expr) {
			return &f
		}
	}
	return nil
}

// correct returns the pattern to enforce at ptr and records, once per
// place, a located note of every correction made.
func (b *builder) correct(ptr, expr string) string {
	f := b.fixFor(ptr, expr)
	if f == nil {
		return expr
	}
	if _, done := b.corrections[ptr]; !done {
		b.corrections[ptr] = ir.Correction{Pointer: ptr, Defective: f.Defective, Corrected: f.Corrected, Why: f.Why}
		d := b.src.at(ir.Note, ptr, fmt.Sprintf("pattern corrected to %q: %s (-atlas-fixes=false keeps it as written)", f.Corrected, f.Why))
		d.Kind = ir.DiagAtlasFix
		b.diags = append(b.diags, d)
	}
	return f.Corrected
}
