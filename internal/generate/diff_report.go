package generate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// DiffReport is what atlasgen diff prints: counts by severity, then every
// change. Its JSON form (-json) is stable: fields as in Change, changes in
// the order Diff sorts them.
type DiffReport struct {
	Counts  map[string]int `json:"counts"` // by severity
	Changes []Change       `json:"changes"`
}

// NewDiffReport counts the changes.
func NewDiffReport(changes []Change) DiffReport {
	r := DiffReport{Counts: map[string]int{Breaking: 0, Wire: 0, Additive: 0, Info: 0}, Changes: changes}
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	for _, c := range changes {
		r.Counts[c.Severity]++
	}
	return r
}

// Fails reports whether a change is at least as severe as failOn
// (breaking, wire, or any).
func (r DiffReport) Fails(failOn string) bool {
	switch failOn {
	case "any":
		return len(r.Changes) > 0
	case Wire:
		return r.Counts[Breaking]+r.Counts[Wire] > 0
	case Breaking:
		return r.Counts[Breaking] > 0
	}
	return false
}

// WriteJSON writes the report as indented JSON.
func (r DiffReport) WriteJSON(w io.Writer) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteText writes the counts, then the changes grouped by severity and,
// within one, by tag (types, which belong to no one operation, last).
func (r DiffReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d changes: %d breaking, %d wire, %d additive, %d info\n", len(r.Changes),
		r.Counts[Breaking], r.Counts[Wire], r.Counts[Additive], r.Counts[Info])
	severity, tag := "", "\x00"
	for _, c := range r.Changes {
		if c.Severity != severity {
			severity, tag = c.Severity, "\x00"
			fmt.Fprintf(&b, "\n%s (%d)\n", severity, r.Counts[severity])
		}
		if c.Tag != tag {
			tag = c.Tag
			fmt.Fprintf(&b, "  %s\n", map[bool]string{true: "(types)", false: tag}[tag == ""])
		}
		symbol := c.Symbol
		if c.NewSymbol != "" {
			symbol += " → " + c.NewSymbol
		}
		fmt.Fprintf(&b, "    %s  %s: %s", c.Kind, symbol, c.Detail)
		if c.Operation != "" {
			fmt.Fprintf(&b, " (%s)", c.Operation)
		}
		b.WriteByte('\n')
		for _, p := range []struct {
			name string
			at   *Place
		}{{"old", c.Old}, {"new", c.New}} {
			if p.at != nil {
				fmt.Fprintf(&b, "      %s %s\n", p.name, p.at)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
