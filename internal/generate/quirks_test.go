package generate

import (
	"regexp"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

var located = regexp.MustCompile(`^atlas-api-2025-06-30\.yaml:\d+:\d+: #/\S+: warning: `)

// TestUpstreamQuirksAreReportedWithLocations checks each upstream quirk is
// reported, once, as file:line:col: #/pointer: warning, in the numbers
// FACTS.md measured.
func TestUpstreamQuirksAreReportedWithLocations(t *testing.T) {
	api, err := Parse("atlas-api-2025-06-30.yaml", readUpstream(t), "")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	kinds := map[string]string{
		"is not RE2":                    "look-ahead pattern",
		"is both required and readOnly": "required and readOnly",
		"refers to readOnly schema":     "ref to readOnly schema",
		"templated path conflicts":      "conflicting paths",
		"invalid example":               "invalid example",
	}
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
		for marker, kind := range kinds {
			if strings.Contains(line, marker) {
				counts[kind]++
			}
		}
	}
	want := map[string]int{"look-ahead pattern": 52, "required and readOnly": 203, "ref to readOnly schema": 84, "conflicting paths": 1}
	for kind, n := range want {
		if counts[kind] != n {
			t.Errorf("%s: %d warnings, want %d", kind, counts[kind], n)
		}
	}
	if counts["invalid example"] == 0 {
		t.Error("no invalid example reported; upstream has some")
	}
	var conflict string
	for line := range seen {
		if strings.Contains(line, "templated path conflicts") {
			conflict = line
		}
	}
	if !strings.Contains(conflict, "sampleDatasetLoad~1{sampleDatasetId}") || !strings.Contains(conflict, "sampleDatasetLoad/{name}") {
		t.Errorf("the conflict is not the sampleDatasetLoad pair: %s", conflict)
	}
}

// TestUpstreamDiscriminatedSchemasAreUnions: every schema that carries a
// discriminator and is emitted is a union, never any, raw JSON or a map.
func TestUpstreamDiscriminatedSchemasAreUnions(t *testing.T) {
	data := readUpstream(t)
	api, err := Parse("atlas-api-2025-06-30.yaml", data, "")
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
	first, err := Run("u.yaml", data, Options{Package: "atlas"})
	if err != nil {
		t.Fatal(err)
	}
	prev := runtime.GOMAXPROCS(1)
	second, err := Run("u.yaml", data, Options{Package: "atlas"})
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, first.Files, second.Files)
}
