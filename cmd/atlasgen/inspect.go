package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/atlasgen/atlasgen/internal/generate"
)

// runInspect prints what generate would make of a document: the report
// itself is generate.Inspect's.
func runInspect(args []string, stdout, stderr io.Writer) int {
	asJSON := false
	opts, ok := parseFlags("inspect", args, stderr, false, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if !ok {
		return exitUsage
	}
	inputs, err := readInputs(opts)
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
