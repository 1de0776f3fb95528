package generate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasgen/atlasgen/internal/emit"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// readmeOverlay is the README's example overlay: it fixes a defect of the
// upstream spec without editing it (TeamRole.roleNames states its enum on
// the array rather than on the items, so no value check is generated and a
// warning says so) and removes one operation.
func readmeOverlay(tb testing.TB) []byte {
	tb.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		tb.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```yaml\noverlay: 1.0.0\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		tb.Fatal("README.md has no ```yaml block starting with overlay: 1.0.0")
	}
	return []byte("overlay: 1.0.0\n" + block)
}

func upstreamWithOverlay(tb testing.TB, data []byte) Inputs {
	in := Doc("atlas-api-2025-06-30.yaml", data)
	in.Overlays = []parser.Document{{Name: "fixes.overlay.yaml", Data: readmeOverlay(tb)}}
	return in
}

// TestOverlayFixesAnUpstreamDefect: with the README's overlay, the warning
// about TeamRole.roleNames is gone, its items are an enum type of their
// own, and deleteCluster is gone.
func TestOverlayFixesAnUpstreamDefect(t *testing.T) {
	data := readUpstream(t)
	const ptr = "#/components/schemas/TeamRole/properties/roleNames/enum/0"
	before, err := Parse(Doc("atlas-api-2025-06-30.yaml", data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !hasDiagnostic(before, ptr) {
		t.Fatalf("upstream no longer warns at %s: pick another defect for this test", ptr)
	}
	after, err := Parse(upstreamWithOverlay(t, data), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if hasDiagnostic(after, ptr) {
		t.Errorf("the overlay applied, yet the warning at %s remains", ptr)
	}
	roles := fieldOf(after, "TeamRole", "roleNames")
	if roles == nil || roles.Type.Kind != ir.RefArray || roles.Type.Elem.Kind != ir.RefNamed || len(roles.Type.Elem.Type.Enum) != 11 {
		t.Errorf("TeamRole.roleNames is %+v, want an array of an 11-value enum", roles)
	}
	if len(after.Operations) != len(before.Operations)-1 || len(after.Types) <= len(before.Types) {
		t.Errorf("operations %d→%d, types %d→%d: the overlay should remove one operation and add an enum type",
			len(before.Operations), len(after.Operations), len(before.Types), len(after.Types))
	}
	for _, op := range after.Operations {
		if op.ID == "deleteCluster" {
			t.Error("deleteCluster is still generated")
		}
	}
}

func hasDiagnostic(api *ir.API, ptr string) bool {
	for _, d := range api.Diagnostics {
		if d.Pointer == ptr {
			return true
		}
	}
	return false
}

func fieldOf(api *ir.API, typ, json string) *ir.Field {
	for _, t := range api.Types {
		if t.Name != typ {
			continue
		}
		for i := range t.Fields {
			if t.Fields[i].JSONName == json {
				return &t.Fields[i]
			}
		}
	}
	return nil
}

// BenchmarkGenerateUpstreamOverlay is BenchmarkGenerateUpstream with an
// overlay: its x-load-floor shows what applying one costs (goal ≤ 2.5
// still).
func BenchmarkGenerateUpstreamOverlay(b *testing.B) {
	data := readUpstream(b)
	benchAgainstLoadFloor(b, data, upstreamWithOverlay(b, data))
}

// identityOverlay changes nothing kin-openapi reads, but makes the
// parser re-encode the tree for it.
const identityOverlay = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {}\n"

// TestReencodedTreeReadsAsTheFile: a spec read through an overlay that
// changes nothing generates byte-identical files — the tree kin-openapi
// reads after overlays says exactly what the file says, for every golden
// spec (hostile names and strings included), the embedded spec and the
// upstream one.
func TestReencodedTreeReadsAsTheFile(t *testing.T) {
	specs, _ := filepath.Glob("../../testdata/golden/*/spec.yaml")
	specs = append(specs, "../../spec/atlas-admin-v2.yaml")
	if !testing.Short() {
		specs = append(specs, upstreamPath)
	}
	for _, path := range specs {
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), "want")); err != nil && strings.Contains(path, "golden") {
			continue // a failing case
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		opts := packageOptions("atlas")
		if raw, err := os.ReadFile(filepath.Join(filepath.Dir(path), "options.json")); err == nil {
			json.Unmarshal(raw, &opts)
		}
		plain, err := Run(Doc("spec.yaml", data), opts)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		in := Doc("spec.yaml", data)
		in.Overlays = []parser.Document{{Name: "o.yaml", Data: []byte(identityOverlay)}}
		overlaid, err := Run(in, opts)
		if err != nil {
			t.Fatalf("%s with the identity overlay: %v", path, err)
		}
		if diff := cmp.Diff(filesByName(plain.Files), filesByName(overlaid.Files)); diff != "" {
			t.Errorf("%s: the re-encoded tree generates other files (-file +overlaid):\n%.3000s", path, diff)
		}
	}
}

func filesByName(files []emit.File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}
