package generate

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/atlasgen/atlasgen/internal/emit"
	"github.com/atlasgen/atlasgen/spec"
)

func generateDefault(t testing.TB) []emit.File {
	t.Helper()
	res, err := Run(Doc(spec.FileName, spec.Document()), packageOptions("atlas"))
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

func sameFiles(t *testing.T, a, b []emit.File) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("%s differs between runs", a[i].Path)
		}
	}
}

// TestDeterministic runs the pipeline repeatedly, concurrently and under
// different GOMAXPROCS: every run must give the same bytes (no map order,
// no shared state between runs).
func TestDeterministic(t *testing.T) {
	first := generateDefault(t)
	prev := runtime.GOMAXPROCS(1)
	sameFiles(t, first, generateDefault(t))
	runtime.GOMAXPROCS(prev)
	var wg sync.WaitGroup
	results := make([][]emit.File, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = generateDefault(t)
		}()
	}
	wg.Wait()
	for _, r := range results {
		sameFiles(t, first, r)
	}
}

// TestPeeringEncodingsGiveIdenticalFiles is the first union-encoding proof:
// spec/ with only the peering union rewritten from oneOf + discriminator to
// the flat x-xgen-discriminator form generates byte-identical files.
func TestPeeringEncodingsGiveIdenticalFiles(t *testing.T) {
	flat, err := os.ReadFile("../../testdata/golden/peering-xgen-encoding/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(flat, []byte("oneOf:")) || !bytes.Contains(spec.Document(), []byte("oneOf:")) {
		t.Fatal("the fixture should use only x-xgen-discriminator and spec/ oneOf")
	}
	res, err := Run(Doc("flat.yaml", flat), packageOptions("atlas"))
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, generateDefault(t), res.Files)
}

// BenchmarkGenerateFourOps measures the whole in-memory pipeline on spec/.
func BenchmarkGenerateFourOps(b *testing.B) {
	data := spec.Document()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(Doc(spec.FileName, data), packageOptions("atlas")); err != nil {
			b.Fatal(err)
		}
	}
}

// packageOptions are the defaults with a package name.
func packageOptions(pkg string) Options {
	o := DefaultOptions()
	o.Package = pkg
	return o
}

// asWrittenOptions are the defaults with the Atlas fixes off.
func asWrittenOptions() Options {
	o := DefaultOptions()
	o.AtlasFixes = false
	return o
}

// TestEveryWarningHasAKind: the summary and the baseline count by kind, so
// no warning or note of any golden spec (or of upstream) is without one.
func TestEveryWarningHasAKind(t *testing.T) {
	specs, _ := filepath.Glob("../../testdata/golden/*/spec.yaml")
	docs := map[string][]byte{}
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs[path] = data
	}
	if data, err := os.ReadFile(upstreamPath); err == nil {
		docs[upstreamPath] = data
	}
	for path, data := range docs {
		api, err := Parse(Doc(path, data), DefaultOptions())
		if err != nil {
			continue // the failing cases
		}
		for _, d := range api.Diagnostics {
			if d.Kind == "" {
				t.Errorf("no kind: %s", d)
			}
		}
	}
}
