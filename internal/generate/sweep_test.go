package generate

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/atlasgen/atlasgen/internal/ir"
)

var updateSweep = flag.Bool("update", false, "rewrite testdata/sweep/upstream-exceptions.txt from the sweep's results (read the diff)")

// exceptionsFile lists the operations the sweep may not pass, each with the
// spec's contradiction that stops it; it is reviewed like a golden.
const exceptionsFile = "testdata/sweep/upstream-exceptions.txt"

// TestUpstreamSweep generates the SDK for the whole upstream spec into a
// package inside the module, checks it builds and vets, and calls every
// operation through it, with validation on, against the fake Atlas: every
// body the spec's example, a minimal one, a full one and one per union
// variant give is sent and must arrive unchanged; every reply a minimal
// and a full body (and one per variant) give is decoded and must re-encode
// with every property it held. An operation that fails must be listed,
// with the reason, in testdata/sweep/upstream-exceptions.txt. The README's
// examples written against the upstream package run beside it.
func TestUpstreamSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a 90k-line package; skipped with -short")
	}
	data := readUpstream(t)
	dir := moduleBuildDir(t, "sweep-")
	opts := packageOptions("atlasupstream")
	// The fake of every upstream operation is built and vetted beside it.
	opts.Fake, opts.SnapshotImport = true, "github.com/atlasgen/atlasgen/.build/"+filepath.Base(dir)
	res, err := Run(Doc("atlas-api-2025-06-30.yaml", data), opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.API.Operations); n != 454 {
		t.Errorf("%d operations generated, want all 454", n)
	}
	os.MkdirAll(filepath.Join(dir, "atlasfake"), 0o755)
	for _, f := range res.Files {
		writeFile(t, filepath.Join(dir, f.Path), f.Data)
	}
	driver, err := os.ReadFile("testdata/sweep/driver_test.go")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "sweep_driver_test.go"), bytes.Replace(driver, []byte("package PACKAGE"), []byte("package atlasupstream"), 1))
	writeFile(t, filepath.Join(dir, "sweep_calls_test.go"), sweepCallers(res.API, "atlasupstream"))
	var upstreamExamples []readmeExample
	for _, ex := range readmeExamples(t) {
		if ex.kind == "upstream" {
			upstreamExamples = append(upstreamExamples, ex)
		}
	}
	if len(upstreamExamples) == 0 {
		t.Error("the README has no example written against the upstream package")
	}
	writeFile(t, filepath.Join(dir, "sweep_readme_test.go"), readmeTestFile(t, upstreamExamples, "atlasupstream", true))
	cases := buildSweepCases(t, data, res.API)
	casesJSON, _ := json.Marshal(cases)
	writeFile(t, filepath.Join(dir, "cases.json"), casesJSON)
	spec, _ := filepath.Abs(upstreamPath)
	goCmd(t, dir, nil, "vet", ".", "./atlasfake")
	resultsPath := filepath.Join(dir, "results.json")
	goCmd(t, dir, []string{"SWEEP_CASES=" + filepath.Join(dir, "cases.json"), "SWEEP_SPEC=" + spec, "SWEEP_RESULTS=" + resultsPath},
		"test", "-count=1", "-run", "^(TestSweep|TestREADME.*|Example_readme.*)$", ".")
	var results []sweepResult
	readJSONFile(t, resultsPath, &results)
	summary := sweepSummary(results)
	writeFile(t, "../../.build/sweep-summary.txt", []byte(summary+"\n"))
	t.Log(summary)
	compareExceptions(t, results)
	if readme, err := os.ReadFile("../../README.md"); err != nil || !bytes.Contains(readme, []byte("\n"+summary+"\n")) {
		t.Errorf("the README does not quote the sweep's summary line: %s", summary)
	}
}

// checkNullsSent requires a body with every nullable property null for
// each operation whose request reaches one (within the sampler's depth),
// unless the spec admits no body there: the sweep then sends null once for
// each, and the fake must accept it.
func checkNullsSent(t *testing.T, cases []sweepCase, api *ir.API) {
	t.Helper()
	var bodies []string
	replies := 0
	for i, op := range api.Operations {
		c := cases[i]
		labels := map[string]bool{}
		for _, b := range c.Bodies {
			labels[b.Label] = true
		}
		if labels["nulls"] {
			bodies = append(bodies, op.ID)
		}
		for _, r := range c.Replies {
			if r.Label == "nulls" {
				replies++
			}
		}
		if op.Body != nil && reachesNull(op.Body.Type, 0, map[*ir.Type]bool{}) && !labels["nulls"] && c.Failure == nil && c.Unsampled == nil {
			t.Errorf("%s: its request reaches a nullable property, but no body sends null", op.ID)
		}
	}
	if len(bodies) == 0 || replies == 0 {
		t.Errorf("%d bodies and %d replies with nulls: the sweep sends and receives no null", len(bodies), replies)
	}
	t.Logf("null sent by %d bodies (%s) and received in %d replies", len(bodies), strings.Join(bodies, ", "), replies)
}

// reachesNull reports whether a request value of r holds a nullable
// property a client sends (not readOnly) within the sampler's depth.
func reachesNull(r ir.TypeRef, depth int, seen map[*ir.Type]bool) bool {
	if depth > 0 && r.InNullable() {
		return true
	}
	if r.Elem != nil {
		return reachesNull(*r.Elem, depth+1, seen)
	}
	if r.Kind != ir.RefNamed || r.Type == nil || seen[r.Type] || depth > 5 {
		return false
	}
	seen[r.Type] = true
	defer delete(seen, r.Type)
	fields := r.Type.Fields
	if u := r.Type.Union; u != nil {
		fields = nil
		for _, v := range u.Variants {
			fields = append(fields, v.Fields...)
		}
	}
	for _, f := range fields {
		if !f.ReadOnly && reachesNull(f.Type, depth+1, seen) {
			return true
		}
	}
	return false
}

// sweepResult is one operation's outcome, as the driver writes it: the
// class of failure ("" for none), where it happened (which body or reply,
// at which place in it) and what went wrong.
type sweepResult struct {
	ID     string `json:"id"`
	Class  string `json:"class"`
	Where  string `json:"where"`
	Detail string `json:"detail"`
}

// sweepSummary is the line the Makefile prints: operations, how many
// passed, and the failures by class.
func sweepSummary(results []sweepResult) string {
	ok := 0
	classes := map[string]int{}
	for _, r := range results {
		if r.Class == "" {
			ok++
		} else {
			classes[r.Class]++
		}
	}
	var parts []string
	for _, c := range sortedKeys(classes) {
		parts = append(parts, fmt.Sprintf("%s %d", c, classes[c]))
	}
	line := fmt.Sprintf("sweep: %d operations, %d ok", len(results), ok)
	if len(parts) > 0 {
		line += "; " + strings.Join(parts, ", ")
	}
	return line
}

// compareExceptions requires every failing operation to be listed, with
// its class, and every listed one to still fail that way.
func compareExceptions(t *testing.T, results []sweepResult) {
	t.Helper()
	if *updateSweep {
		writeExceptions(t, results)
		return
	}
	listed := readExceptions(t)
	for _, r := range results {
		want, isListed := listed[r.ID]
		delete(listed, r.ID)
		got := r.Class + ": " + r.Where
		switch {
		case r.Class == "" && isListed:
			t.Errorf("%s passes now; remove it from %s", r.ID, exceptionsFile)
		case r.Class != "" && !isListed:
			t.Errorf("%s: %s: %s", r.ID, got, r.Detail)
		case r.Class != "" && want != got:
			t.Errorf("%s fails as %q, listed as %q: %s", r.ID, got, want, r.Detail)
		}
	}
	for id := range listed {
		t.Errorf("%s is listed in %s but is no operation", id, exceptionsFile)
	}
}

// readExceptions maps each listed operationId to its failure class and
// place. A line is "operationId: class: where: reason"; # starts a comment.
func readExceptions(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(exceptionsFile)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, ": ", 4)
		if len(parts) < 4 {
			t.Fatalf("%s: %q is not operationId: class: where: reason", exceptionsFile, line)
		}
		out[parts[0]] = parts[1] + ": " + parts[2]
	}
	return out
}

// writeExceptions keeps the reasons already written for operations that
// still fail the same way and adds the driver's detail for new ones.
func writeExceptions(t *testing.T, results []sweepResult) {
	t.Helper()
	old := map[string]string{}
	header := "# Operations of ../shared/upstream/atlas-api-2025-06-30.yaml the sweep (TestUpstreamSweep)\n" +
		"# may not pass: operationId: failure class: why, with the spec's location.\n" +
		"# Rewritten by go test ./internal/generate -run TestUpstreamSweep -update; review it like a golden.\n"
	if data, err := os.ReadFile(exceptionsFile); err == nil {
		var comments strings.Builder
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "#") {
				comments.WriteString(line + "\n")
			} else if parts := strings.SplitN(line, ": ", 4); len(parts) == 4 {
				old[parts[0]+": "+parts[1]+": "+parts[2]] = line
			}
		}
		if comments.Len() > 0 {
			header = comments.String() // the reviewed notes stay
		}
	}
	var b strings.Builder
	b.WriteString(header)
	sort.Slice(results, func(i, j int) bool { return results[i].ID < results[j].ID })
	for _, r := range results {
		if r.Class == "" {
			continue
		}
		if line, ok := old[r.ID+": "+r.Class+": "+r.Where]; ok {
			b.WriteString(line + "\n")
			continue
		}
		fmt.Fprintf(&b, "%s: %s: %s: %s\n", r.ID, r.Class, r.Where, r.Detail)
	}
	writeFile(t, exceptionsFile, []byte(b.String()))
}

// moduleBuildDir is a fresh directory inside the module (so the package
// resolves the module's dependencies and may import internal/fakeatlas) in
// a dot-directory, which ./... never matches.
func moduleBuildDir(t *testing.T, prefix string) string {
	t.Helper()
	root, err := filepath.Abs("../../.build")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp(root, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSONFile(t *testing.T, path string, out any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
}

func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
}

// resultShape is how a method hands back its result.
func resultShape(op *ir.Operation) string {
	s := op.Success()
	switch {
	case s != nil && s.Stream:
		return "stream"
	case s == nil || s.Type == nil:
		return "none"
	}
	return "value"
}
