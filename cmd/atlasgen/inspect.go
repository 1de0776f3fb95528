package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/atlasgen/atlasgen/internal/generate"
)

// runInspect prints what generate would make of a document: the report
// itself is generate.Inspect's.
func runInspect(args []string, stdout, stderr io.Writer) int {
	asJSON, lockDir := false, ""
	opts, ok := parseFlags("inspect", args, stderr, false, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
		fs.StringVar(&lockDir, "lock", "", "print the "+generate.LockFile+" of this output directory instead")
	})
	if !ok {
		return exitUsage
	}
	if lockDir != "" {
		return inspectLock(lockDir, asJSON, stdout, stderr)
	}
	inputs, err := readInputs(opts, false)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	api, err := generate.Parse(inputs, opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	in := generate.Inspect(api)
	write := in.WriteText
	if asJSON {
		write = in.WriteJSON
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "atlasgen: writing the report: %v\n", err)
		return exitIO
	}
	return exitOK
}

// inspectLock prints an output directory's lock file: as it is with
// -json, else as text.
func inspectLock(dir string, asJSON bool, stdout, stderr io.Writer) int {
	path := filepath.Join(dir, generate.LockFile)
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	lock, err := generate.ReadLock(path, data)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if asJSON {
		_, err = stdout.Write(data)
	} else {
		err = lock.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "atlasgen: %v\n", err)
		return exitIO
	}
	return exitOK
}
