package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
)

// runDiff compares the SDKs two specs give, with the same options.
func runDiff(args []string, stdout, stderr io.Writer) int {
	var oldSpec, newSpec, failOn, lockDir string
	asJSON := false
	opts, ok := parseFlags("diff", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&oldSpec, "old", "", "the spec the SDK was generated from")
		fs.StringVar(&newSpec, "new", "", "the spec to compare it with")
		fs.BoolVar(&asJSON, "json", false, "print JSON")
		fs.StringVar(&failOn, "fail-on", "", "exit 1 on a change this severe: breaking, wire or any")
		fs.StringVar(&lockDir, "lock", "", "the SDK directory whose "+generate.LockFile+", written from -old, keeps renamed names (default: the config's out)")
	})
	switch {
	case !ok:
		return exitUsage
	case oldSpec == "" || newSpec == "":
		fmt.Fprintln(stderr, "atlasgen diff: -old and -new name the two specs")
		return exitUsage
	case failOn != "" && failOn != generate.Breaking && failOn != generate.Wire && failOn != "any":
		fmt.Fprintf(stderr, "atlasgen diff: -fail-on %q: want breaking, wire or any\n", failOn)
		return exitUsage
	}
	if lockDir != "" {
		opts.Out = lockDir
	}
	report, code := diffSpecs(opts, oldSpec, newSpec, stderr)
	if code != exitOK {
		return code
	}
	write := report.WriteText
	if asJSON {
		write = report.WriteJSON
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	if report.Fails(failOn) {
		return exitDrift
	}
	return exitOK
}

// diffSpecs parses both specs with opts and compares them. A lock in the
// output directory keeps renamed names, so renames are additive.
func diffSpecs(opts generate.Options, oldSpec, newSpec string, stderr io.Writer) (generate.DiffReport, int) {
	var apis [2]*ir.API
	var locs [2]generate.Locator
	var oldData []byte
	for i, path := range []string{oldSpec, newSpec} {
		o := opts
		o.Spec = path
		in, err := readInputs(o, false)
		if err != nil {
			fmt.Fprintf(stderr, "atlasgen: %v\n", err)
			return generate.DiffReport{}, exitIO
		}
		if i == 0 {
			oldData = in.Spec.Data
		}
		if apis[i], err = generate.Parse(in, o); err == nil {
			locs[i], err = generate.LocatorOf(in)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return generate.DiffReport{}, exitUsage
		}
	}
	kept, err := lockKeeps(opts, oldData)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return generate.DiffReport{}, exitIO
	}
	return generate.NewDiffReport(generate.Diff(apis[0], apis[1], locs[0], locs[1], kept)), exitOK
}

// lockKeeps reports whether the output directory's lock was written from
// the old spec: regenerating from the new one then keeps renamed names.
func lockKeeps(opts generate.Options, oldSpec []byte) (bool, error) {
	data, err := os.ReadFile(filepath.Join(opts.Out, generate.LockFile))
	switch {
	case errors.Is(err, fs.ErrNotExist) || opts.Unlock:
		return false, nil
	case err != nil:
		return false, err
	}
	lock, err := generate.ReadLock(generate.LockFile, data)
	if err != nil {
		return false, nil // generate would refuse it; diff only reports
	}
	for _, in := range lock.Inputs {
		if in.Role == "spec" && in.SHA256 == generate.Sum(oldSpec) {
			return true, nil
		}
	}
	return false, nil
}
