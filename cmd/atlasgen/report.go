package main

import (
	"fmt"
	"io"
	"os"

	"github.com/atlasgen/atlasgen/internal/generate"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// reportDiagnostics prints a run's warnings and notes: every one with -v;
// otherwise one summary line per severity, and in full only those the
// baseline does not list. It returns the warnings the baseline does not
// list (what -strict refuses) and an exit code other than exitOK when the
// baseline cannot be read or written.
func reportDiagnostics(w io.Writer, api *ir.API, opts generate.Options) (fresh int, used *parser.Document, code int) {
	base, used, code := loadBaseline(w, opts)
	if code != exitOK {
		return 0, nil, code
	}
	if opts.WriteBaseline {
		data := generate.FormatBaseline(api.Diagnostics)
		if err := os.WriteFile(opts.Baseline, data, 0o644); err != nil {
			fmt.Fprintf(w, "atlasgen: writing the baseline: %v\n", err)
			return 0, nil, exitIO
		}
		base, _ = generate.ReadBaseline(opts.Baseline, data) // what was written is what counts
		used = &parser.Document{Name: opts.Baseline, Data: data}
		fmt.Fprintf(w, "atlasgen: wrote %d warnings and notes to %s\n", len(base), opts.Baseline)
	}
	known, news := base.Split(api.Diagnostics)
	full := news // with a baseline, what it does not list is printed in full
	switch {
	case opts.Verbose:
		full = api.Diagnostics
	case base == nil:
		full = nil
	}
	for _, d := range full {
		fmt.Fprintln(w, d.String())
	}
	printSkipped(w, api, opts.Verbose)
	if !opts.Verbose {
		printSummary(w, news, known.Count(ir.Warning)+known.Count(ir.Note), base != nil)
	}
	return news.Count(ir.Warning), used, exitOK
}

// loadBaseline reads -baseline's file, or ./atlasgen.warnings when it
// exists and none is named (where -write-baseline put it).
func loadBaseline(w io.Writer, opts generate.Options) (generate.Baseline, *parser.Document, int) {
	if opts.WriteBaseline {
		return nil, nil, exitOK
	}
	if opts.Baseline == "" {
		if _, err := os.Stat(generate.DefaultBaseline); err != nil {
			return nil, nil, exitOK
		}
		opts.Baseline = generate.DefaultBaseline
	}
	data, err := os.ReadFile(opts.Baseline)
	if err != nil {
		fmt.Fprintf(w, "atlasgen: reading the baseline: %v\n", err)
		return nil, nil, exitIO
	}
	base, err := generate.ReadBaseline(opts.Baseline, data)
	if err != nil {
		fmt.Fprintf(w, "atlasgen: %v\n", err)
		return nil, nil, exitUsage
	}
	return base, &parser.Document{Name: opts.Baseline, Data: data}, exitOK
}

// printSummary counts, by kind, the warnings and notes the baseline does
// not list (all of them without one).
func printSummary(w io.Writer, news ir.Diagnostics, known int, baseline bool) {
	for _, s := range []struct {
		sev  ir.Severity
		noun string
	}{{ir.Warning, "warning"}, {ir.Note, "note"}} {
		if line := generate.Summary(news, s.sev, s.noun); line != "" {
			if baseline {
				line = "new " + line
			}
			fmt.Fprintf(w, "atlasgen: %s; -v prints each, atlasgen inspect lists them\n", line)
		}
	}
	if known > 0 {
		fmt.Fprintf(w, "atlasgen: %d warnings and notes are in the baseline\n", known)
	}
}

// printSkipped says which operations the API date leaves out: each with -v,
// a count always.
func printSkipped(w io.Writer, api *ir.API, verbose bool) {
	if verbose {
		for _, s := range api.Skipped {
			fmt.Fprintf(w, "note: %s left out: %s\n", s.OperationID, s.Reason)
		}
	}
	if n := len(api.Skipped); n > 0 {
		fmt.Fprintf(w, "note: %d of %d operations left out: no version on or before %s\n", n, n+len(api.Operations), api.APIDate)
	}
}
