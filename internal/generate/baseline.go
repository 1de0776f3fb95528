package generate

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// DefaultBaseline is the file -write-baseline writes without -baseline.
const DefaultBaseline = "atlasgen.warnings"

// A Baseline is the set of warnings a project has acknowledged. Each is
// keyed by kind and JSON pointer, never by line, so it survives the spec
// moving around; the file lists one per line, sorted.
type Baseline map[string]bool

func baselineKey(d ir.Diagnostic) string { return string(d.Kind) + "\t" + d.Pointer }

// ReadBaseline parses a baseline file; name locates its errors.
func ReadBaseline(name string, data []byte) (Baseline, error) {
	b := Baseline{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		kind, ptr, ok := strings.Cut(text, "\t")
		if !ok || kind == "" || !strings.HasPrefix(ptr, "#") {
			return nil, fmt.Errorf("%s:%d: want a warning kind, a tab and a JSON pointer, got %q", name, line, text)
		}
		b[kind+"\t"+ptr] = true
	}
	return b, sc.Err()
}

// FormatBaseline writes the warnings and notes of ds as a baseline file.
func FormatBaseline(ds ir.Diagnostics) []byte {
	var keys []string
	for _, d := range ds {
		if d.Severity != ir.Fatal {
			keys = append(keys, baselineKey(d))
		}
	}
	slices.Sort(keys)
	var out bytes.Buffer
	out.WriteString("# atlasgen warnings baseline: the warnings and notes this project has acknowledged,\n")
	out.WriteString("# one per line as kind<TAB>JSON pointer. A run counts these and prints only new ones;\n")
	out.WriteString("# -strict fails on new ones only. Rewrite it with atlasgen generate -write-baseline.\n")
	for _, k := range slices.Compact(keys) {
		out.WriteString(k + "\n")
	}
	return out.Bytes()
}

// Split parts ds's warnings and notes into those the baseline lists and
// the new ones (a nil baseline knows none).
func (b Baseline) Split(ds ir.Diagnostics) (known, fresh ir.Diagnostics) {
	for _, d := range ds {
		switch {
		case d.Severity == ir.Fatal:
		case b[baselineKey(d)]:
			known = append(known, d)
		default:
			fresh = append(fresh, d)
		}
	}
	return known, fresh
}

// Summary is one line counting diagnostics of one severity by kind, most
// frequent first: "341 warnings: 203 required-readonly, 84 ref-to-readonly".
func Summary(ds ir.Diagnostics, sev ir.Severity, noun string) string {
	counts := map[ir.DiagKind]int{}
	total := 0
	for _, d := range ds {
		if d.Severity == sev {
			counts[d.Kind]++
			total++
		}
	}
	if total == 0 {
		return ""
	}
	kinds := make([]ir.DiagKind, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b ir.DiagKind) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(string(a), string(b))
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	if total != 1 {
		noun += "s"
	}
	return fmt.Sprintf("%d %s: %s", total, noun, strings.Join(parts, ", "))
}
