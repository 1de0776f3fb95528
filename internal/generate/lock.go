package generate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/atlasgen/atlasgen/internal/emit"
	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// LockFile is the manifest written beside every snapshot: what it was made
// from and what it declares. It holds no generator version and no time, so
// it changes only when the snapshot does.
const LockFile = "atlasgen.lock.json"

// lockFormat is the lock file's format version.
const lockFormat = 1

// Lock is an atlasgen.lock.json. Maps are written sorted by encoding/json.
type Lock struct {
	Format     int               `json:"atlasgenLock"`
	Spec       LockSpec          `json:"spec"`
	Inputs     []LockInput       `json:"inputs"`
	Options    LockOptions       `json:"options"`
	Operations []LockOperation   `json:"operations"`
	Schemas    map[string]string `json:"schemas"` // component schema → Go type
	// Names are every exported name by what it comes from (ir.Named.Key):
	// a regeneration keeps those that would change.
	Names map[string]string `json:"names"`
	// Kept are earlier names still declared, deprecated, by key.
	Kept  map[string][]LockKept `json:"kept,omitempty"`
	Files map[string]string     `json:"files"` // every file written but this one → sha256
}

// LockKept is an earlier name kept, and why it changed.
type LockKept struct {
	Name string `json:"name"`
	Why  string `json:"why"`
}

// LockSpec is what the spec says it is.
type LockSpec struct {
	Title   string `json:"title"`
	Version string `json:"version"`
}

// LockInput is one file a snapshot was made from.
type LockInput struct {
	Role   string `json:"role"`           // spec, config, overlay or baseline
	Path   string `json:"path,omitempty"` // the file's name; embedded:… for the built-in spec; none for the config, which may move
	SHA256 string `json:"sha256"`
}

// LockOptions are the options that decide what is generated.
type LockOptions struct {
	Package    string            `json:"package"`
	APIDate    string            `json:"apiDate,omitempty"` // as given; each operation's date is below
	AtlasFixes bool              `json:"atlasFixes"`
	Include    *parser.Selection `json:"include,omitempty"`
	Exclude    *parser.Selection `json:"exclude,omitempty"`
	Versions   map[string]string `json:"versions,omitempty"`
	Names      *parser.Names     `json:"names,omitempty"`
	Fake       bool              `json:"fake,omitempty"`
}

// LockOperation is one operation of the snapshot and the names it has.
type LockOperation struct {
	Method      string   `json:"method"`
	Path        string   `json:"path"`
	OperationID string   `json:"operationId"`
	GoName      string   `json:"goName"`
	Params      string   `json:"params"`
	Iterator    string   `json:"iterator,omitempty"`
	Alternates  []string `json:"alternates,omitempty"`
	Result      string   `json:"result,omitempty"`
	Derived     []string `json:"derived,omitempty"` // types named after it (inline bodies, parameter enums)
	MediaType   string   `json:"mediaType"`
	Version     string   `json:"version,omitempty"`
	Deprecated  bool     `json:"deprecated,omitempty"`
	Sunset      string   `json:"sunset,omitempty"`
}

// Sum is a file's sha256 in hex.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// BuildLock makes the lock of a generated package: in are the files it
// was read from (the baseline the run used included), files what it writes.
func BuildLock(api *ir.API, in Inputs, opts Options, files []emit.File) Lock {
	l := Lock{Format: lockFormat, Spec: LockSpec{Title: api.Title, Version: api.Version},
		Inputs: lockInputs(in, opts), Options: lockOptions(opts),
		Schemas: map[string]string{}, Names: map[string]string{}, Files: map[string]string{}}
	for _, op := range api.Operations {
		l.Operations = append(l.Operations, lockOperation(api, op))
	}
	for _, t := range api.Types {
		if name, ok := componentName(t.Key); ok {
			l.Schemas[name] = t.Name
		}
	}
	for _, n := range api.Names() {
		l.Names[n.Key] = n.Name
	}
	for _, k := range api.Kept {
		if l.Kept == nil {
			l.Kept = map[string][]LockKept{}
		}
		l.Kept[k.Key] = append(l.Kept[k.Key], LockKept{k.Old, k.Why})
	}
	for _, f := range files {
		l.Files[f.Path] = Sum(f.Data)
	}
	return l
}

// File is the lock as written: indented JSON, a newline at the end.
func (l Lock) File() emit.File {
	data, _ := json.MarshalIndent(l, "", "  ") // plain data: it always marshals
	return emit.File{Path: LockFile, Data: append(data, '\n')}
}

func lockInputs(in Inputs, opts Options) []LockInput {
	// A file's name, not its path: the lock must not depend on the
	// directory a run starts in or on where a checkout lies.
	rel := filepath.Base
	spec := LockInput{Role: "spec", Path: "embedded:" + in.Spec.Name, SHA256: Sum(in.Spec.Data)}
	if opts.Spec != "" {
		spec.Path = rel(opts.Spec)
	}
	out := []LockInput{spec}
	if opts.config != nil {
		out = append(out, LockInput{Role: "config", SHA256: opts.config.sum})
	}
	for _, o := range in.Overlays {
		out = append(out, LockInput{Role: "overlay", Path: rel(o.Name), SHA256: Sum(o.Data)})
	}
	if in.Baseline != nil {
		out = append(out, LockInput{Role: "baseline", Path: rel(in.Baseline.Name), SHA256: Sum(in.Baseline.Data)})
	}
	return out
}

func lockOptions(opts Options) LockOptions {
	lo := LockOptions{Package: opts.Package, APIDate: opts.APIDate, AtlasFixes: opts.AtlasFixes, Versions: opts.Versions, Fake: opts.Fake} // -strict changes no file
	if len(opts.Include.Tags)+len(opts.Include.Operations) > 0 {
		lo.Include = &opts.Include
	}
	if len(opts.Exclude.Tags)+len(opts.Exclude.Operations) > 0 {
		lo.Exclude = &opts.Exclude
	}
	if len(opts.Names.Operations)+len(opts.Names.Schemas) > 0 {
		lo.Names = &opts.Names
	}
	return lo
}

func lockOperation(api *ir.API, op *ir.Operation) LockOperation {
	lo := LockOperation{Method: op.Method, Path: op.Path, OperationID: op.ID, GoName: op.GoName, Params: op.Params.GoName,
		MediaType: op.Accept, Version: op.Version, Deprecated: op.Deprecated, Sunset: op.Sunset}
	if op.Pagination != nil {
		lo.Iterator = op.Pagination.GoName
	}
	for _, alt := range op.Alternates {
		lo.Alternates = append(lo.Alternates, alt.GoName)
	}
	if s := op.Success(); s != nil && s.Type != nil {
		lo.Result = s.Type.Name
	}
	for _, t := range api.Types {
		if parser.DerivedFrom(t.Key, op.Pointer) {
			lo.Derived = append(lo.Derived, t.Name)
		}
	}
	sort.Strings(lo.Derived)
	return lo
}

// componentName is the schema a component type's key names.
func componentName(key string) (string, bool) {
	name, ok := strings.CutPrefix(key, "#/components/schemas/")
	if !ok || name == "" {
		return "", false
	}
	if strings.ContainsAny(name, "/#") {
		return "", false
	}
	return unescapePointer(name), true
}

func unescapePointer(tok string) string {
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
}

// ReadLock reads a lock file; a syntax error is located at its line.
func ReadLock(name string, data []byte) (*Lock, error) {
	var l Lock
	if err := json.Unmarshal(data, &l); err != nil {
		var syn *json.SyntaxError
		line, col := 1, 1
		if errors.As(err, &syn) {
			line = 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		}
		return nil, ir.Diagnostics{{Severity: ir.Fatal, File: name, Line: line, Col: col,
			Message: fmt.Sprintf("not a lock file atlasgen can read (%v): repair it, or run with -unlock to write a new one", err)}}
	}
	if l.Format != lockFormat {
		return nil, ir.Diagnostics{{Severity: ir.Fatal, File: name, Line: 1, Col: 1,
			Message: fmt.Sprintf("lock format %d: this atlasgen reads format %d (run with -unlock to write a new one)", l.Format, lockFormat)}}
	}
	return &l, nil
}

// Keep is what the parser keeps of the lock: each key's names, the
// current one first, then the older ones it kept.
func (l *Lock) Keep(file string) parser.Keep {
	k := parser.Keep{File: file, Names: map[string][]string{}, OperationIDs: map[string]string{}, Why: map[string]string{}}
	for key, name := range l.Names {
		k.Names[key] = []string{name}
	}
	for key, olds := range l.Kept {
		for _, old := range olds {
			k.Names[key] = append(k.Names[key], old.Name)
			k.Why[key+"\x00"+old.Name] = old.Why
		}
	}
	escape := strings.NewReplacer("~", "~0", "/", "~1")
	for _, op := range l.Operations {
		k.OperationIDs["#/paths/"+escape.Replace(op.Path)+"/"+strings.ToLower(op.Method)] = op.OperationID
	}
	return k
}

// WriteText prints the lock for a reader: what the snapshot was made from
// and every operation's names, one line each.
func (l *Lock) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "spec: %s (version %s)\n", l.Spec.Title, l.Spec.Version)
	for _, in := range l.Inputs {
		fmt.Fprintf(&b, "  %-8s %s  sha256:%s\n", in.Role, in.Path, in.SHA256)
	}
	opts, _ := json.Marshal(l.Options)
	fmt.Fprintf(&b, "options: %s\n", opts)
	fmt.Fprintf(&b, "operations (%d):\n", len(l.Operations))
	for _, op := range l.Operations {
		fmt.Fprintf(&b, "  %-6s %s  %s → %s(%s)", op.Method, op.Path, op.OperationID, op.GoName, op.Params)
		for _, extra := range append(append([]string{op.Iterator}, op.Alternates...), op.Derived...) {
			if extra != "" {
				b.WriteString(" " + extra)
			}
		}
		fmt.Fprintf(&b, "  %s", op.MediaType)
		if op.Deprecated {
			b.WriteString("  deprecated")
		}
		if op.Sunset != "" {
			b.WriteString("  sunset " + op.Sunset)
		}
		b.WriteByte('\n')
	}
	keys := make([]string, 0, len(l.Kept))
	for k := range l.Kept {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, old := range l.Kept[k] {
			fmt.Fprintf(&b, "kept: %s → %s (%s)\n", old.Name, l.Names[k], old.Why)
		}
	}
	fmt.Fprintf(&b, "%d schemas, %d names, %d files\n", len(l.Schemas), len(l.Names), len(l.Files))
	_, err := io.WriteString(w, b.String())
	return err
}

// Describes reports whether the lock was written from these inputs with
// these options: then, by the same generator, a run would write what the
// lock lists.
func (l *Lock) Describes(in Inputs, opts Options) bool {
	now, _ := json.Marshal(struct {
		Inputs  []LockInput
		Options LockOptions
	}{lockInputs(in, opts), lockOptions(opts)})
	then, _ := json.Marshal(struct {
		Inputs  []LockInput
		Options LockOptions
	}{l.Inputs, l.Options})
	return bytes.Equal(now, then)
}
