// Package generate is the pipeline: document → parser → IR → emit → files.
// It does no I/O; the CLI reads the input and hands the files to the writer.
package generate

import (
	"github.com/atlasgen/atlasgen/internal/emit"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
	"github.com/atlasgen/atlasgen/templates"
)

// Result is a generated package and the IR it came from.
type Result struct {
	API   *ir.API
	Files []emit.File
}

// Inputs are the documents a run reads, read by its caller: the spec, and
// the overlays Options.Overlays names, in that order.
type Inputs struct {
	Spec     parser.Document
	Overlays []parser.Document
	// Lock is the output directory's lock file, if it has one: the names
	// it lists stay (unless Options.Unlock).
	Lock *parser.Document
	// Baseline is the warnings baseline the run used, if any: the lock
	// records its sha256.
	Baseline *parser.Document
}

// Doc is the inputs of a spec without overlays.
func Doc(name string, data []byte) Inputs {
	return Inputs{Spec: parser.Document{Name: name, Data: data}}
}

// Parse resolves a document into the IR, with the runtime's identifiers
// reserved so no schema can take one.
func Parse(in Inputs, opts Options) (*ir.API, error) {
	var keep parser.Keep
	if in.Lock != nil && !opts.Unlock {
		lock, err := ReadLock(in.Lock.Name, in.Lock.Data)
		if err != nil {
			return nil, err
		}
		keep = lock.Keep(in.Lock.Name)
	}
	api, err := parser.Parse(in.Spec.Name, in.Spec.Data, parser.Options{APIDate: opts.APIDate, Reserved: templates.Identifiers(), AtlasFixes: opts.AtlasFixes,
		Include: opts.Include, Exclude: opts.Exclude, Versions: opts.Versions, Names: opts.Names, Overlays: in.Overlays, Keep: keep,
		FakeReserved: templates.FakeIdentifiers()})
	if ds, ok := err.(ir.Diagnostics); ok {
		for i := range ds {
			if ds[i].File == "" { // a problem with an option, not the spec
				ds[i] = opts.locate(ds[i])
			}
		}
	}
	if api != nil {
		for i, d := range api.Diagnostics {
			if d.File == "" { // a warning about an option
				api.Diagnostics[i] = opts.locate(d)
			}
		}
	}
	return api, err
}

// Run generates the package for a document. A bad document returns an
// ir.Diagnostics error listing every fatal problem.
func Run(in Inputs, opts Options) (*Result, error) {
	api, err := Parse(in, opts)
	if err != nil {
		return nil, err
	}
	files, err := emit.Emit(api, emit.Options{Package: opts.Package, Fake: opts.Fake, SnapshotImport: opts.SnapshotImport})
	if err != nil {
		return nil, err
	}
	return &Result{API: api, Files: files}, nil
}
