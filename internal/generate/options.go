package generate

import (
	"flag"
	"fmt"
	"go/token"
	"path/filepath"
	"strconv"

	"github.com/atlasgen/atlasgen/internal/parser"
)

// DefaultOut is where generate writes without -out.
const DefaultOut = "generated/atlas"

// Options are everything a run of atlasgen can be told. The CLI's flags,
// inspect's, a golden case's options.json (and, next, a config file) all
// fill this one struct; DefaultOptions holds the defaults and Finish the
// rules, so no caller restates either.
type Options struct {
	Spec       string `json:"spec"`       // OpenAPI document; "" for the embedded spec/atlas-admin-v2.yaml
	Out        string `json:"out"`        // output directory
	Package    string `json:"package"`    // Go package name; "" for Out's base name made an identifier
	APIDate    string `json:"apiDate"`    // YYYY-MM-DD; "" for the newest date in the document
	Strict     bool   `json:"strict"`     // warnings about the spec are errors
	AtlasFixes bool   `json:"atlasFixes"` // correct the patterns parser.AtlasFixes names
	// Include and Exclude choose the operations generated, by tag or
	// operationId; Versions pins single operations to an older date.
	Include  parser.Selection  `json:"include"`
	Exclude  parser.Selection  `json:"exclude"`
	Versions map[string]string `json:"versions"`
	Names    parser.Names      `json:"names"`
	// Overlays are OpenAPI Overlay 1.0 files applied, in order, to the
	// spec before it is read.
	Overlays []string `json:"overlays"`
	// Fake adds the atlasfake sub-package: a fake Atlas for tests, which
	// imports the snapshot at SnapshotImport (found from go.mod by the
	// CLI).
	Fake           bool   `json:"fake"`
	SnapshotImport string `json:"snapshotImport"`
	// Verbose prints every warning and note in full; otherwise a run prints
	// a summary line, and in full only those the baseline does not list.
	Verbose bool `json:"verbose"`
	// Baseline is a file of acknowledged warnings ("" for none);
	// WriteBaseline rewrites it (DefaultBaseline when none is named) with
	// this run's warnings.
	Baseline      string `json:"baseline"`
	WriteBaseline bool   `json:"writeBaseline"`
	// Unlock ignores the output directory's lock file: names it lists that
	// the spec no longer gives are dropped, not kept.
	Unlock bool `json:"unlock"`
	// config is the atlasgen.yaml these options came from, if any: it
	// locates problems with them.
	config *config
}

// DefaultOptions are the options of a run that says nothing.
func DefaultOptions() Options {
	return Options{Out: DefaultOut, AtlasFixes: true}
}

// Flags binds the options to fs. writes adds what only generate and check
// use (-out, -package, -strict); inspect reads and prints.
func (o *Options) Flags(fs *flag.FlagSet, writes bool) {
	fs.StringVar(&o.Spec, "spec", o.Spec, "OpenAPI document (default: the embedded spec/atlas-admin-v2.yaml)")
	fs.StringVar(&o.APIDate, "api-date", o.APIDate, "pin every operation to its newest version on or before this date (default: the newest date in the spec)")
	fs.BoolVar(&o.AtlasFixes, "atlas-fixes", o.AtlasFixes, "correct patterns the spec states more strictly than Atlas, each noted (false: keep them as written)")
	fs.Func("overlay", "apply this OpenAPI Overlay 1.0 file to the spec, after the config's (repeatable)", func(path string) error {
		o.Overlays = append(o.Overlays, path)
		return nil
	})
	if writes {
		fs.StringVar(&o.Out, "out", o.Out, "output directory")
		fs.StringVar(&o.Package, "package", o.Package, "Go package name (default: the output directory's name as an identifier)")
		fs.BoolVar(&o.Strict, "strict", o.Strict, "treat warnings about the spec the baseline does not list as errors")
		fs.BoolVar(&o.Verbose, "v", o.Verbose, "print every warning and note in full, not a summary")
		fs.StringVar(&o.Baseline, "baseline", o.Baseline, "file of acknowledged warnings: counted, not printed, not -strict errors")
		fs.BoolVar(&o.WriteBaseline, "write-baseline", o.WriteBaseline, "write this run's warnings to the baseline file (default "+DefaultBaseline+")")
		fs.BoolVar(&o.Unlock, "unlock", o.Unlock, "ignore "+LockFile+": drop the earlier names it keeps instead of keeping them")
		fs.BoolVar(&o.Fake, "fake", o.Fake, "add the atlasfake sub-package: a fake Atlas for your tests")
	}
}

// Finish derives what the options leave to be derived (the package name)
// and checks what can be checked before the document is read. The API
// date is checked against the calendar when the document is parsed.
func (o *Options) Finish() error {
	if o.Package == "" {
		o.Package = PackageName(o.Out)
	}
	if o.WriteBaseline && o.Baseline == "" {
		o.Baseline = DefaultBaseline
	}
	if !token.IsIdentifier(o.Package) || token.IsKeyword(o.Package) {
		return fmt.Errorf("invalid package name %q", o.Package)
	}
	return nil
}

// ConfigName is the config file the options came from, "" for none.
func (o Options) ConfigName() string {
	if o.config == nil {
		return ""
	}
	return o.config.name
}

// optionsName is what diagnostics about the options name as their file.
func (o Options) optionsName() string {
	if o.config != nil {
		return o.config.name
	}
	return "options"
}

// Args are the flags that give these options to generate: the config file
// they came from, if any, and the flags that differ from it (or from the
// defaults), in a fixed order. check's hint to fix drift repeats them.
func (o Options) Args() []string {
	d := DefaultOptions()
	var args []string
	if o.config != nil { // the file, then the flags that differ from it
		d = o.config.set
		args = append(args, "-config", o.config.name)
	}
	add := func(differs bool, flag, value string) {
		if differs {
			args = append(args, flag, value)
		}
	}
	add(o.Spec != d.Spec, "-spec", o.Spec)
	add(o.Out != d.Out, "-out", o.Out)
	pkg := d.Package
	if pkg == "" {
		pkg = PackageName(o.Out)
	}
	add(o.Package != pkg, "-package", o.Package)
	add(o.APIDate != d.APIDate, "-api-date", o.APIDate)
	add(o.Baseline != d.Baseline, "-baseline", o.Baseline)
	for _, path := range o.Overlays[min(len(d.Overlays), len(o.Overlays)):] {
		args = append(args, "-overlay", path)
	}
	if o.Strict != d.Strict {
		args = append(args, "-strict="+strconv.FormatBool(o.Strict))
	}
	if o.Unlock {
		args = append(args, "-unlock")
	}
	if o.Fake != d.Fake {
		args = append(args, "-fake="+strconv.FormatBool(o.Fake))
	}
	if o.AtlasFixes != d.AtlasFixes {
		args = append(args, "-atlas-fixes="+strconv.FormatBool(o.AtlasFixes))
	}
	return args
}

// PackageName makes a directory's base name a Go package name:
// atlas-sdk → atlassdk, 001 → p001.
func PackageName(dir string) string {
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
	if token.IsKeyword(name) {
		name += "pkg"
	}
	return name
}
