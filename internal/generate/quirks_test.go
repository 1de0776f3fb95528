package generate

import (
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// quirkKinds names each quirk by a phrase of its message.
var quirkKinds = map[string]string{
	"is not RE2":                    "look-ahead pattern",
	"is both required and readOnly": "required and readOnly",
	"refers to readOnly schema":     "ref to readOnly schema",
	"templated path conflicts":      "conflicting paths",
	"invalid example":               "invalid example",
	"pattern corrected":             "Atlas fix",
	"but every oneOf member is":     "string members typed object",
}

// countQuirks counts the diagnostics of each kind, requiring every one to be
// located (file:line:col: #/pointer: warning or note) and reported once.
func countQuirks(t *testing.T, api *ir.API, file string) map[string]int {
	t.Helper()
	located := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:\d+:\d+: #/\S+: (warning|note): `)
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, d := range api.Diagnostics {
		line := d.String()
		if !located.MatchString(line) {
			t.Errorf("not located: %s", line)
		}
		if seen[line] {
			t.Errorf("reported twice: %s", line)
		}
		seen[line] = true
		for marker, kind := range quirkKinds {
			if strings.Contains(line, marker) {
				counts[kind]++
			}
		}
	}
	return counts
}

// TestUpstreamQuirksAreReportedWithLocations checks each upstream quirk is
// reported, once, as file:line:col: #/pointer: warning, in the numbers
// FACTS.md measured.
func TestUpstreamQuirksAreReportedWithLocations(t *testing.T) {
	api, err := Parse(Doc("atlas-api-2025-06-30.yaml", readUpstream(t)), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	counts := countQuirks(t, api, "atlas-api-2025-06-30.yaml")
	// 52 look-ahead patterns, one of them (routeTableCidrBlock) corrected.
	want := map[string]int{"look-ahead pattern": 51, "Atlas fix": 3, "required and readOnly": 203, "ref to readOnly schema": 84, "conflicting paths": 1}
	for kind, n := range want {
		if counts[kind] != n {
			t.Errorf("%s: %d warnings, want %d", kind, counts[kind], n)
		}
	}
	if counts["invalid example"] == 0 {
		t.Error("no invalid example reported; upstream has some")
	}
	var conflict string
	for _, d := range api.Diagnostics {
		if strings.Contains(d.Message, "templated path conflicts") {
			conflict = d.String()
		}
	}
	if !strings.Contains(conflict, "sampleDatasetLoad~1{sampleDatasetId}") || !strings.Contains(conflict, "sampleDatasetLoad/{name}") {
		t.Errorf("the conflict is not the sampleDatasetLoad pair: %s", conflict)
	}
}

// TestQuirksFixture counts the same quirks, one of each, on a committed
// fixture, so the counting is guarded without ../shared.
func TestQuirksFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/quirks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	api, err := Parse(Doc("quirks.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"look-ahead pattern": 1, "Atlas fix": 1, "required and readOnly": 1, "ref to readOnly schema": 1,
		"conflicting paths": 1, "invalid example": 1, "string members typed object": 1}
	if diff := cmp.Diff(want, countQuirks(t, api, "quirks.yaml")); diff != "" {
		t.Errorf("quirks (-want +got):\n%s", diff)
	}
}

// TestUpstreamDiscriminatedSchemasAreUnions: every schema that carries a
// discriminator and is emitted is a union, never any, raw JSON or a map.
func TestUpstreamDiscriminatedSchemasAreUnions(t *testing.T) {
	data := readUpstream(t)
	api, err := Parse(Doc("atlas-api-2025-06-30.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]map[string]any `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	discriminated := map[string]bool{}
	for name, s := range doc.Components.Schemas {
		if s["discriminator"] != nil || s["x-xgen-discriminator"] != nil {
			discriminated["#/components/schemas/"+name] = true
		}
	}
	if len(discriminated) < 40 {
		t.Fatalf("found %d discriminated schemas, upstream has 40", len(discriminated))
	}
	for _, f := range api.Fallbacks {
		if discriminated[f.Pointer] {
			t.Errorf("discriminated schema %s emitted as %s", f.Pointer, f.GoType)
		}
	}
	unions := 0
	for _, typ := range api.Types {
		if discriminated[typ.Pointer] {
			if typ.Kind != ir.KindUnion {
				t.Errorf("%s (%s) is not a union", typ.Name, typ.Pointer)
			}
			unions++
		}
	}
	if unions < 20 {
		t.Errorf("only %d discriminated schemas emitted as unions", unions)
	}
}

// TestUpstreamDeterministic generates upstream twice, under different
// GOMAXPROCS, and requires identical bytes.
func TestUpstreamDeterministic(t *testing.T) {
	data := readUpstream(t)
	first, err := Run(Doc("u.yaml", data), packageOptions("atlas"))
	if err != nil {
		t.Fatal(err)
	}
	prev := runtime.GOMAXPROCS(1)
	second, err := Run(Doc("u.yaml", data), packageOptions("atlas"))
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, first.Files, second.Files)
}

// TestUpstreamAtlasFixes: the patterns stricter than Atlas are corrected
// where they occur, and only there — the same look-ahead stays as written
// on the IP-address fields — and -atlas-fixes=false keeps every one.
func TestUpstreamAtlasFixes(t *testing.T) {
	data := readUpstream(t)
	fixed, err := Parse(Doc("atlas-api-2025-06-30.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range fixed.Corrections {
		got = append(got, c.Pointer)
	}
	want := []string{
		"#/components/schemas/AwsNetworkPeeringConnectionSettings/properties/routeTableCidrBlock/pattern",
		"#/components/schemas/AzureCloudProviderContainer/allOf/1/properties/vnetName/pattern",
		"#/components/schemas/AzureNetworkPeeringConnectionSettings/properties/vnetName/pattern",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("corrections at\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	asWritten, err := Parse(Doc("atlas-api-2025-06-30.yaml", data), asWrittenOptions())
	if err != nil {
		t.Fatal(err)
	}
	lookAheads := 0
	for _, d := range asWritten.Diagnostics {
		if d.Severity == ir.Note {
			t.Errorf("a note without fixes: %s", d)
		}
		if strings.Contains(d.Message, "is not RE2") {
			lookAheads++
		}
	}
	if len(asWritten.Corrections) != 0 || lookAheads != 52 {
		t.Errorf("-atlas-fixes=false: %d corrections, %d look-ahead warnings; want 0 and 52", len(asWritten.Corrections), lookAheads)
	}
}
