package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/writer"
	"github.com/atlasgen/atlasgen/spec"
)

// Exit codes.
const (
	exitOK    = 0
	exitDrift = 1 // check: the directory is not what generate would write
	exitUsage = 2 // bad flags or a bad spec
	exitIO    = 3 // reading or writing failed
)

// DefaultOut is where generate writes without -out.
const DefaultOut = "generated/atlas"

const usage = `usage: atlasgen <command> [flags]

commands:
  generate  write the Go SDK for a spec        [-spec FILE] [-out DIR] [-package NAME] [-api-date YYYY-MM-DD] [-strict] [-atlas-fixes=false]
  check     exit 1 if DIR is not what generate would write (same flags)
  inspect   show operations, versions, unions and rules  [-spec FILE] [-api-date D] [-json] [-atlas-fixes=false]
  version   print the atlasgen version

Without -spec, the embedded spec/atlas-admin-v2.yaml is used.
Exit codes: 0 ok, 1 drift, 2 usage or bad spec, 3 I/O failure.
`

// run is the whole CLI; main only passes os.Args and exits with its result.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return runGenerate(args[1:], stdout, stderr, false)
	case "check":
		return runGenerate(args[1:], stdout, stderr, true)
	case "inspect":
		return runInspect(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "atlasgen", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "atlasgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// genFlags are the flags generate and check share.
type genFlags struct {
	spec, out, pkg, apiDate string
	strict, atlasFixes      bool
}

func parseGenFlags(name string, args []string, stderr io.Writer) (*genFlags, bool) {
	fs := flag.NewFlagSet("atlasgen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	g := &genFlags{}
	fs.StringVar(&g.spec, "spec", "", "OpenAPI document (default: the embedded spec/atlas-admin-v2.yaml)")
	fs.StringVar(&g.out, "out", DefaultOut, "output directory")
	fs.StringVar(&g.pkg, "package", "", "Go package name (default: the output directory's name as an identifier)")
	fs.StringVar(&g.apiDate, "api-date", "", "pin every operation to its newest version on or before this date (default: the newest date in the spec)")
	fs.BoolVar(&g.strict, "strict", false, "treat warnings about the spec as errors")
	fs.BoolVar(&g.atlasFixes, "atlas-fixes", true, "correct patterns the spec states more strictly than Atlas, each noted (false: keep them as written)")
	if err := fs.Parse(args); err != nil {
		return nil, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atlasgen %s: unexpected arguments %v\n", name, fs.Args())
		return nil, false
	}
	if g.pkg == "" {
		g.pkg = packageName(g.out)
	}
	return g, true
}

// readSpec returns the document and the name diagnostics use for it.
func readSpec(path string) (string, []byte, error) {
	if path == "" {
		return spec.FileName, spec.Document(), nil
	}
	data, err := os.ReadFile(path)
	return path, data, err
}

func runGenerate(args []string, stdout, stderr io.Writer, check bool) int {
	name := map[bool]string{false: "generate", true: "check"}[check]
	g, ok := parseGenFlags(name, args, stderr)
	if !ok {
		return exitUsage
	}
	specName, data, err := readSpec(g.spec)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	res, err := generate.Run(specName, data, generate.Options{APIDate: g.apiDate, Package: g.pkg, NoAtlasFixes: !g.atlasFixes})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	printWarnings(stderr, res.API)
	if n := res.API.Diagnostics.Count(ir.Warning); g.strict && n > 0 {
		fmt.Fprintf(stderr, "atlasgen: -strict: %d warnings are errors; nothing written\n", n)
		return exitUsage
	}
	plan, err := writer.Diff(g.out, res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	if check {
		if plan.Empty() {
			fmt.Fprintf(stdout, "%s is up to date\n", g.out)
			return exitOK
		}
		fmt.Fprint(stdout, writer.Report(plan))
		fmt.Fprintf(stdout, "%s is stale: run atlasgen generate\n", g.out)
		return exitDrift
	}
	if err := writer.Commit(plan, writer.OS()); err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v (nothing in %s was changed)\n", err, g.out)
		return exitIO
	}
	fmt.Fprintf(stdout, "wrote %d, removed %d, unchanged %d files in %s\n", len(plan.Write), len(plan.Remove), len(plan.Unchanged), g.out)
	return exitOK
}

func printWarnings(w io.Writer, api *ir.API) {
	for _, d := range api.Diagnostics {
		fmt.Fprintln(w, d.String())
	}
	for _, s := range api.Skipped {
		fmt.Fprintf(w, "note: %s left out: %s\n", s.OperationID, s.Reason)
	}
	if n := len(api.Skipped); n > 0 {
		fmt.Fprintf(w, "note: %d of %d operations left out: no version on or before %s\n", n, n+len(api.Operations), api.APIDate)
	}
}

// packageName makes a directory's base name a Go package name:
// atlas-sdk → atlassdk, 001 → p001.
func packageName(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	var out []rune
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		}
	}
	name := string(out)
	switch {
	case name == "":
		return "atlas"
	case name[0] >= '0' && name[0] <= '9':
		name = "p" + name
	}
	if isKeyword(name) {
		name += "pkg"
	}
	return name
}
