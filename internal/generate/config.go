package generate

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/atlasgen/atlasgen/internal/ir"
	"github.com/atlasgen/atlasgen/internal/parser"
)

// ConfigFile is the file a run reads from its working directory when no
// -config names one.
const ConfigFile = "atlasgen.yaml"

// config is a loaded atlasgen.yaml: where it is, for relative paths, and
// its tree, which locates problems with the options it set.
type config struct {
	name string
	sum  string // the file's sha256, for the lock
	root *yaml.Node
	set  Options // the options as the file sets them, before any flag
}

// LoadConfig reads an atlasgen.yaml over the defaults. Paths in it are
// relative to the file. Unknown keys and values of the wrong kind are
// errors at their line: file:line:col: #/pointer: message.
func LoadConfig(name string, data []byte) (Options, error) {
	opts := DefaultOptions()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return opts, ir.Diagnostics{{Severity: ir.Fatal, File: name, Line: 1, Col: 1, Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	c := &config{name: name, sum: Sum(data)}
	if len(doc.Content) > 0 {
		c.root = doc.Content[0]
	}
	r := configReader{c: c, dir: filepath.Dir(name)}
	r.read(c.root, &opts)
	if len(r.errs) > 0 {
		return opts, r.errs.Sort()
	}
	c.set = opts
	opts.config = c
	return opts, nil
}

// locate places a diagnostic about an option at the config line that set
// it; without a config file it names "options".
func (o Options) locate(d ir.Diagnostic) ir.Diagnostic {
	d.File = o.optionsName()
	if o.config == nil || o.config.root == nil {
		return d
	}
	n := o.config.root
	for _, tok := range strings.Split(strings.TrimPrefix(d.Pointer, "#/"), "/") {
		next := childNode(n, strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
		if next == nil {
			break
		}
		n = next
	}
	d.Line, d.Col = n.Line, n.Column
	return d
}

func childNode(n *yaml.Node, tok string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

type configReader struct {
	c    *config
	dir  string
	errs ir.Diagnostics
}

func (r *configReader) fail(n *yaml.Node, ptr, format string, args ...any) {
	r.errs = append(r.errs, ir.Diagnostic{Severity: ir.Fatal, File: r.c.name, Line: n.Line, Col: n.Column, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// read fills opts from the top-level mapping.
func (r *configReader) read(root *yaml.Node, opts *Options) {
	if root == nil {
		return
	}
	if root.Kind != yaml.MappingNode {
		r.fail(root, "#", "the config is not a mapping of keys such as spec, out and package")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		ptr := "#/" + k.Value
		if r.repeated(seen, k, ptr) {
			continue
		}
		switch k.Value {
		case "spec":
			opts.Spec = r.path(v, ptr)
		case "out":
			opts.Out = r.path(v, ptr)
		case "package":
			opts.Package = r.str(v, ptr)
		case "apiDate":
			opts.APIDate = r.str(v, ptr)
		case "strict":
			opts.Strict = r.boolean(v, ptr)
		case "atlasFixes":
			opts.AtlasFixes = r.boolean(v, ptr)
		case "include":
			opts.Include = r.selection(v, ptr)
		case "exclude":
			opts.Exclude = r.selection(v, ptr)
		case "versions":
			opts.Versions = r.strMap(v, ptr)
		case "warnings":
			r.keys(v, ptr, map[string]func(*yaml.Node, string){"baseline": func(n *yaml.Node, p string) { opts.Baseline = r.path(n, p) }})
		case "names":
			r.keys(v, ptr, map[string]func(*yaml.Node, string){
				"operations": func(n *yaml.Node, p string) { opts.Names.Operations = r.strMap(n, p) },
				"schemas":    func(n *yaml.Node, p string) { opts.Names.Schemas = r.strMap(n, p) },
			})
		case "overlays":
			opts.Overlays = r.paths(v, ptr)
		case "fake":
			opts.Fake = r.boolean(v, ptr)
		default:
			r.fail(k, ptr, "unknown key %q (spec, out, package, apiDate, strict, atlasFixes, include, exclude, versions, names, overlays, fake, warnings)", k.Value)
		}
	}
}

func (r *configReader) str(n *yaml.Node, ptr string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.fail(n, ptr, "want a string")
		return ""
	}
	return n.Value
}

// path is a string relative to the config file's directory.
func (r *configReader) path(n *yaml.Node, ptr string) string {
	p := r.str(n, ptr)
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.dir, p)
}

func (r *configReader) boolean(n *yaml.Node, ptr string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		r.fail(n, ptr, "want true or false")
	}
	return b
}

func (r *configReader) strings(n *yaml.Node, ptr string) []string {
	if n.Kind != yaml.SequenceNode {
		r.fail(n, ptr, "want a list")
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		out = append(out, r.str(item, ptr+"/"+strconv.Itoa(i)))
	}
	return out
}

// paths is a list of paths relative to the config file's directory.
func (r *configReader) paths(n *yaml.Node, ptr string) []string {
	out := r.strings(n, ptr)
	for i, p := range out {
		if p != "" && !filepath.IsAbs(p) {
			out[i] = filepath.Join(r.dir, p)
		}
	}
	return out
}

func (r *configReader) strMap(n *yaml.Node, ptr string) map[string]string {
	if n.Kind != yaml.MappingNode {
		r.fail(n, ptr, "want a mapping")
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = r.str(n.Content[i+1], ptr+"/"+n.Content[i].Value)
	}
	return out
}

func (r *configReader) selection(n *yaml.Node, ptr string) parser.Selection {
	var s parser.Selection
	r.keys(n, ptr, map[string]func(*yaml.Node, string){
		"tags":       func(v *yaml.Node, p string) { s.Tags = r.strings(v, p) },
		"operations": func(v *yaml.Node, p string) { s.Operations = r.strings(v, p) },
	})
	return s
}

// keys reads a mapping whose keys are those of set.
func (r *configReader) keys(n *yaml.Node, ptr string, set map[string]func(*yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		r.fail(n, ptr, "want a mapping")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if r.repeated(seen, k, ptr+"/"+k.Value) {
			continue
		}
		fn, ok := set[k.Value]
		if !ok {
			r.fail(k, ptr+"/"+k.Value, "unknown key %q", k.Value)
			continue
		}
		fn(n.Content[i+1], ptr+"/"+k.Value)
	}
}

// repeated reports, as an error, a key its mapping already has: which one
// counts would be a guess.
func (r *configReader) repeated(seen map[string]bool, k *yaml.Node, ptr string) bool {
	if seen[k.Value] {
		r.fail(k, ptr, "duplicate key %q", k.Value)
		return true
	}
	seen[k.Value] = true
	return false
}
