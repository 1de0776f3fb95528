package generate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
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
// document: load, IR, emit. Beside ns/op it reports x-load-floor, its
// time over the default loader's (goal ≤ 2.5): every iteration times one
// default load and then one run, and the metric is the median of their
// ratios, so both sides of each ratio saw the same machine.
func BenchmarkGenerateUpstream(b *testing.B) {
	data := readUpstream(b)
	benchAgainstLoadFloor(b, data, Doc("upstream.yaml", data))
}

// benchAgainstLoadFloor times Run on in against kin-openapi's default
// load of data, pair by pair, and reports the median ratio (x-load-floor).
func benchAgainstLoadFloor(b *testing.B, data []byte, in Inputs) {
	var p pairs
	b.ReportAllocs()
	for b.Loop() {
		// The heap is collected before each sample, so neither pays for
		// the garbage of the one before it.
		b.StopTimer()
		runtime.GC()
		p.time(b, true, func() error { _, err := openapi3.NewLoader().LoadFromData(data); return err })
		runtime.GC()
		b.StartTimer()
		p.time(b, false, func() error { _, err := Run(in, packageOptions("atlasup")); return err })
	}
	b.ReportMetric(p.median(), "x-load-floor")
}

// BenchmarkCLIUpstream times the built CLI generating the upstream package
// against the whole-process floor (testdata/loadfloor: read and load with
// the default loader), both built here and run back to back in every
// iteration. It reports the median per-iteration ratio (x-process-floor,
// goal ≤ 2.5) and the CLI's peak resident memory (peak-MiB, goal ≤ 150).
func BenchmarkCLIUpstream(b *testing.B) {
	spec, bin := buildCLI(b)
	b.Setenv("ATLASGEN_CACHE", b.TempDir())
	out := filepath.Join(b.TempDir(), "atlasup")
	var p pairs
	var peak int64
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(out) // a first generation: every file written
		p.time(b, true, func() error { _, err := runProcess(bin, "loadfloor", spec); return err })
		b.StartTimer()
		p.time(b, false, func() error {
			rss, err := runProcess(bin, "atlasgen", "generate", "-spec", spec, "-out", out)
			peak = max(peak, rss)
			return err
		})
	}
	b.ReportMetric(p.median(), "x-process-floor")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

// BenchmarkCLIUpstreamUnchanged times generate and check over a snapshot
// of the upstream spec its lock shows to be current (nothing is parsed)
// against the whole-process floor: goal x-process-floor ≤ 0.25.
func BenchmarkCLIUpstreamUnchanged(b *testing.B) {
	spec, bin := buildCLI(b)
	b.Setenv("ATLASGEN_CACHE", b.TempDir()) // where a run remembers the directory is current
	out := filepath.Join(b.TempDir(), "atlasup")
	if _, err := runProcess(bin, "atlasgen", "generate", "-spec", spec, "-out", out); err != nil {
		b.Fatal(err)
	}
	var p pairs
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		p.time(b, true, func() error { _, err := runProcess(bin, "loadfloor", spec); return err })
		b.StartTimer()
		cmd := []string{"generate", "check"}[i%2]
		p.time(b, false, func() error { _, err := runProcess(bin, "atlasgen", cmd, "-spec", spec, "-out", out); return err })
	}
	b.ReportMetric(p.median(), "x-process-floor")
}

// buildCLI builds atlasgen, the load floor and the peak-memory wrapper
// into a temporary directory, and returns it with the upstream spec's path.
func buildCLI(b *testing.B) (spec, bin string) {
	readUpstream(b)
	spec, _ = filepath.Abs(upstreamPath)
	bin = b.TempDir()
	for name, pkg := range map[string]string{"atlasgen": "../../cmd/atlasgen", "loadfloor": "./testdata/loadfloor", "peakrss": "./testdata/peakrss"} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, name), pkg).CombinedOutput(); err != nil {
			b.Fatalf("building %s: %v\n%s", name, err, out)
		}
	}
	return spec, bin
}

// pairs holds back-to-back timings of a floor and a run; their ratio is
// the median of the per-pair ratios, which a slow spell on a shared machine
// moves far less than it moves either mean.
type pairs struct {
	floor  time.Duration
	ratios []float64
}

// time runs f and records its duration: after a floor sample when floor is
// true, as that floor's pair otherwise.
func (p *pairs) time(b *testing.B, floor bool, f func() error) {
	start := time.Now()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	if floor {
		p.floor = d
		return
	}
	p.ratios = append(p.ratios, float64(d)/float64(p.floor))
}

// median is the median per-pair ratio.
func (p *pairs) median() float64 {
	r := slices.Sorted(slices.Values(p.ratios))
	if len(r) == 0 {
		return 0
	}
	if len(r)%2 == 1 {
		return r[len(r)/2]
	}
	return (r[len(r)/2-1] + r[len(r)/2]) / 2
}

// runProcess runs a command built in bin through bin/peakrss and returns
// its peak RSS in bytes.
func runProcess(bin, name string, args ...string) (int64, error) {
	cmd := exec.Command(filepath.Join(bin, "peakrss"), append([]string{filepath.Join(bin, name)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%.500s", name, err, stderr.Bytes())
	}
	return strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
}

// loadDocument is kin-openapi's load with the parser's options, for tests
// that read the document beside the IR.
func loadDocument(data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = context.Background()
	return loader.LoadFromData(data)
}
