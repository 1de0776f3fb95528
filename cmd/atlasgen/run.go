package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
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

const usage = `usage: atlasgen <command> [flags]

commands:
  generate  write the Go SDK for a spec        [-spec FILE] [-out DIR] [-package NAME] [-api-date YYYY-MM-DD] [-strict] [-atlas-fixes=false]
                                              [-overlay FILE]… [-v] [-baseline FILE] [-write-baseline] [-unlock] [-fake]
  check     exit 1 if DIR is not what generate would write (same flags)
  inspect   show operations, versions, unions and rules  [-spec FILE] [-api-date D] [-json] [-atlas-fixes=false]
            or, with -lock DIR, the atlasgen.lock.json of an output directory
  diff      what changes for Go callers between two specs  -old A.yaml -new B.yaml [-api-date D] [-json] [-fail-on breaking|wire|any] [-lock DIR]
  init      write a commented starter atlasgen.yaml  [-config FILE]
  version   print the atlasgen version

generate, check and inspect read ./atlasgen.yaml when it exists, or the file
-config names; flags override it.

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
	case "diff":
		return runDiff(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "atlasgen", version())
		return exitOK
	case "init":
		return runInit(args[1:], stdout, stderr)
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

// parseFlags fills the options from a command's flags: generate and check
// take every flag (writes), inspect the ones that do not write; extra binds
// a command's own flags.
func parseFlags(name string, args []string, stderr io.Writer, writes bool, extra func(*flag.FlagSet)) (generate.Options, bool) {
	opts, err := loadConfig(configFlag(name, args, writes, extra))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return opts, false
	}
	fs := flag.NewFlagSet("atlasgen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String("config", "", "config file (default: ./"+generate.ConfigFile+" when it exists); flags override it")
	opts.Flags(fs, writes)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return opts, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atlasgen %s: unexpected arguments %v\n", name, fs.Args())
		return opts, false
	}
	if err := opts.Finish(); err != nil {
		fmt.Fprintf(stderr, "atlasgen %s: %v\n", name, err)
		return opts, false
	}
	return opts, true
}

// loadConfig reads the options of the config file -config names, or of
// ./atlasgen.yaml when it exists; the defaults without one. Flags are
// parsed over them afterwards, so they override it.
func loadConfig(path string) (generate.Options, error) {
	if path == "" {
		if _, err := os.Stat(generate.ConfigFile); err != nil {
			return generate.DefaultOptions(), nil
		}
		path = generate.ConfigFile
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return generate.DefaultOptions(), fmt.Errorf("atlasgen: %v", err)
	}
	return generate.LoadConfig(path, data)
}

// configFlag finds -config exactly as the flag package reads it, by a
// first parse of every flag into options that are then dropped; the real
// parse, over the config's options, reports any error.
func configFlag(name string, args []string, writes bool, extra func(*flag.FlagSet)) string {
	fs := flag.NewFlagSet("atlasgen "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	path := fs.String("config", "", "")
	probe := generate.DefaultOptions()
	probe.Flags(fs, writes)
	if extra != nil {
		extra(fs)
	}
	fs.Parse(args)
	return *path
}

// readInputs reads the spec (the embedded one without -spec) and the
// overlays, each under the name diagnostics use for it, and, for a run
// that writes, the output directory's lock.
func readInputs(opts generate.Options, writes bool) (generate.Inputs, error) {
	in := generate.Doc(spec.FileName, spec.Document())
	if opts.Spec != "" {
		data, err := os.ReadFile(opts.Spec)
		if err != nil {
			return in, err
		}
		in = generate.Doc(opts.Spec, data)
	}
	for _, path := range opts.Overlays {
		data, err := os.ReadFile(path)
		if err != nil {
			return in, fmt.Errorf("overlay: %w", err)
		}
		in.Overlays = append(in.Overlays, parser.Document{Name: path, Data: data})
	}
	if !writes {
		return in, nil
	}
	lock := filepath.Join(opts.Out, generate.LockFile)
	switch data, err := os.ReadFile(lock); {
	case err == nil:
		in.Lock = &parser.Document{Name: lock, Data: data}
	case !errors.Is(err, fs.ErrNotExist):
		return in, err
	}
	return in, nil
}

func runGenerate(args []string, stdout, stderr io.Writer, check bool) int {
	name := map[bool]string{false: "generate", true: "check"}[check]
	opts, ok := parseFlags(name, args, stderr, true, nil)
	if !ok {
		return exitUsage
	}
	if check && opts.WriteBaseline {
		fmt.Fprintln(stderr, "atlasgen check: -write-baseline writes a file; check writes nothing (use generate)")
		return exitUsage
	}
	if opts.Fake && opts.SnapshotImport == "" {
		imp, err := snapshotImport(opts.Out)
		if err != nil {
			fmt.Fprintf(stderr, "atlasgen %s: %v\n", name, err)
			return exitUsage
		}
		opts.SnapshotImport = imp
	}
	return generateWith(opts, check, stdout, stderr)
}

// generateWith runs generate (or check) with options already complete.
// When the output directory's lock shows nothing would change, it stops
// before parsing (fresh.go); a run that leaves the directory as its lock
// says remembers that, and what it printed, for the next one.
func generateWith(opts generate.Options, check bool, stdout, stderr io.Writer) int {
	in, err := readInputs(opts, true)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	if fresh(opts, in, stderr) {
		if check {
			fmt.Fprintf(stdout, "%s is up to date\n", opts.Out)
		} else {
			fmt.Fprintf(stdout, "%s is up to date with its %s: nothing to write\n", opts.Out, generate.LockFile)
		}
		return exitOK
	}
	var printed bytes.Buffer
	run := generateSlow(opts, in, check, stdout, io.MultiWriter(stderr, &printed))
	if run.code == exitOK && run.replayable && !opts.Verbose && !opts.WriteBaseline { // what a plain run prints
		rememberFresh(opts, printed.Bytes(), run.warnings)
	}
	return run.code
}

// slowRun is what a run that parsed the spec did.
type slowRun struct {
	code     int
	warnings int // those the baseline does not list
	// replayable says the run printed only what follows from the inputs
	// its new lock records: not a warning about the lock it replaced.
	replayable bool
}

// generateSlow parses the spec and generates.
func generateSlow(opts generate.Options, in generate.Inputs, check bool, stdout, stderr io.Writer) slowRun {
	res, err := generate.Run(in, opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return slowRun{code: exitUsage}
	}
	run := slowRun{replayable: true}
	for _, d := range res.API.Diagnostics {
		run.replayable = run.replayable && d.Kind != ir.DiagLockName
	}
	var baseline *parser.Document
	run.warnings, baseline, run.code = reportDiagnostics(stderr, res.API, opts)
	switch {
	case run.code != exitOK:
	case opts.Strict && run.warnings > 0:
		fmt.Fprintf(stderr, "atlasgen: -strict: %d warnings the baseline does not list are errors; nothing written\n", run.warnings)
		run.code = exitUsage
	default:
		run.code = writeOrCheck(opts, in, res, baseline, check, stdout, stderr)
	}
	return run
}

// writeOrCheck writes the generated files with their lock (or, for check,
// compares them with the directory).
func writeOrCheck(opts generate.Options, in generate.Inputs, res *generate.Result, baseline *parser.Document, check bool, stdout, stderr io.Writer) int {
	reportKept(stderr, res.API)
	in.Baseline = baseline
	files := append(res.Files, generate.BuildLock(res.API, in, opts, res.Files).File())
	plan, err := writer.Diff(opts.Out, files, earlierFiles(in.Lock)...)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	if check {
		if plan.Empty() {
			fmt.Fprintf(stdout, "%s is up to date\n", opts.Out)
			return exitOK
		}
		fmt.Fprint(stdout, writer.Report(plan))
		fmt.Fprintf(stdout, "%s is stale: run %s\n", opts.Out, strings.Join(append([]string{"atlasgen generate"}, quoteArgs(opts.Args())...), " "))
		return exitDrift
	}
	if err := writer.Commit(plan, writer.OS()); err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v (nothing in %s was changed)\n", err, opts.Out)
		return exitIO
	}
	fmt.Fprintf(stdout, "wrote %d, removed %d, unchanged %d files in %s\n", len(plan.Write), len(plan.Remove), len(plan.Unchanged), opts.Out)
	return exitOK
}

// earlierFiles are the files the lock says an earlier run wrote (and the
// lock itself): those this run does not write are stale.
func earlierFiles(lock *parser.Document) []string {
	if lock == nil {
		return nil
	}
	l, err := generate.ReadLock(lock.Name, lock.Data)
	if err != nil { // Run has refused it already, unless -unlock: then it is replaced
		return []string{generate.LockFile}
	}
	names := []string{generate.LockFile}
	for name := range l.Files {
		names = append(names, name)
	}
	return names
}

// reportKept says which earlier methods stay, deprecated, under their old
// names, and how many names are kept in all.
func reportKept(w io.Writer, api *ir.API) {
	for _, k := range api.Kept {
		if k.Kind == ir.NameMethod && !k.Iterator && k.Alternate == "" {
			fmt.Fprintf(w, "atlasgen: %s stays, deprecated, forwarding to %s: %s\n", k.Old, k.Name, k.Why)
		}
	}
	if len(api.Kept) > 0 {
		fmt.Fprintf(w, "atlasgen: %d earlier names kept from %s so callers compile (-unlock drops them)\n", len(api.Kept), generate.LockFile)
	}
}

// quoteArgs quotes the arguments a shell would split.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return out
}
