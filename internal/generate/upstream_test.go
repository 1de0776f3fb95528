package generate

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// upstreamPath is the real upstream spec beside the checkout; tests and
// benchmarks read it from there and never copy it into the repository.
const upstreamPath = "../../../shared/upstream/atlas-api-2025-06-30.yaml"

// readUpstream returns the upstream document, or skips (fails under CI=true,
// where ../shared is always laid beside the clone).
func readUpstream(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(upstreamPath)
	if err != nil {
		abs, _ := filepath.Abs(upstreamPath)
		if os.Getenv("CI") == "true" {
			tb.Fatalf("upstream spec missing at %s: CI must have ../shared beside the clone (%v)", abs, err)
		}
		tb.Skipf("upstream spec not found at %s (needs ../shared beside the checkout): %v", abs, err)
	}
	return data
}

// BenchmarkLoadUpstream is the floor: kin-openapi's default loader
// reading the upstream spec, nothing else.
func BenchmarkLoadUpstream(b *testing.B) {
	data := readUpstream(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateUpstream is the whole in-memory pipeline on the same
// document: load, IR, emit. Beside ns/op it reports x-load-floor: its time
// over the default loader's alone, the fastest of three loads measured in
// the same run before and after (goal ≤ 2.5).
func BenchmarkGenerateUpstream(b *testing.B) {
	data := readUpstream(b)
	floor := loadFloor(b, data)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run("upstream.yaml", data, packageOptions("atlasup")); err != nil {
			b.Fatal(err)
		}
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perOp)/float64(min(floor, loadFloor(b, data))), "x-load-floor")
}

// loadFloor is the fastest of three default loads of data.
func loadFloor(b *testing.B, data []byte) time.Duration {
	floor := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
			b.Fatal(err)
		}
		floor = min(floor, time.Since(start))
	}
	return floor
}

// BenchmarkCLIUpstream times the built CLI generating the upstream package
// against the whole-process floor (testdata/loadfloor: read and load with
// the default loader), both built and run in the same benchmark, and
// reports the ratio (x-process-floor, goal ≤ 2.5) and the CLI's peak
// resident memory (peak-MiB, goal ≤ 150).
func BenchmarkCLIUpstream(b *testing.B) {
	readUpstream(b)
	spec, _ := filepath.Abs(upstreamPath)
	bin := b.TempDir()
	for name, pkg := range map[string]string{"atlasgen": "../../cmd/atlasgen", "loadfloor": "./testdata/loadfloor"} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, name), pkg).CombinedOutput(); err != nil {
			b.Fatalf("building %s: %v\n%s", name, err, out)
		}
	}
	out := filepath.Join(b.TempDir(), "atlasup")
	floor := time.Duration(math.MaxInt64)
	for range 3 {
		d, _ := runProcess(b, filepath.Join(bin, "loadfloor"), spec)
		floor = min(floor, d)
	}
	var peak int64
	b.ResetTimer()
	for b.Loop() {
		os.RemoveAll(out) // a first generation: every file written
		_, rss := runProcess(b, filepath.Join(bin, "atlasgen"), "generate", "-spec", spec, "-out", out)
		peak = max(peak, rss)
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perOp)/float64(floor), "x-process-floor")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

// runProcess runs a command and returns its wall time and peak RSS in bytes.
func runProcess(b *testing.B, name string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%.500s", name, err, out)
	}
	d := time.Since(start)
	var rss int64
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = u.Maxrss * 1024 // kilobytes on Linux
	}
	return d, rss
}

// loadDocument is kin-openapi's load with the parser's options, for tests
// that read the document beside the IR.
func loadDocument(data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = context.Background()
	return loader.LoadFromData(data)
}
