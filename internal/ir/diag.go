package ir

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops generation.
type Severity int

// The severities.
const (
	Warning Severity = iota
	Fatal
	// Note reports something done on the user's behalf (an Atlas fix): it
	// is printed but, unlike a warning, -strict does not refuse it.
	Note
)

// Diagnostic is a located problem in the input document.
type Diagnostic struct {
	Severity Severity
	Kind     DiagKind // what sort of warning or note; "" for a fatal problem
	File     string
	Line     int // 0 when unknown
	Col      int
	Pointer  string // JSON pointer, "" when none applies
	Message  string
}

// DiagKind names a sort of warning or note. Kinds are stable: a warnings
// baseline keys each warning by kind and pointer, and the run's summary
// counts by kind.
type DiagKind string

// The kinds of warnings and notes.
const (
	DiagAtlasFix               DiagKind = "atlas-fix"
	DiagBadSunset              DiagKind = "bad-sunset"
	DiagContentParameter       DiagKind = "content-parameter"
	DiagCookieParameter        DiagKind = "cookie-parameter"
	DiagDiscriminatorNotInEnum DiagKind = "discriminator-not-in-enum"
	DiagInlineUnionMember      DiagKind = "inline-union-member"
	DiagInvalidExample         DiagKind = "invalid-example"
	DiagLockName               DiagKind = "lock-name"
	DiagMediaBadDate           DiagKind = "media-bad-date"
	DiagMediaCaseDuplicate     DiagKind = "media-case-duplicate"
	DiagMixedResults           DiagKind = "mixed-results"
	DiagNeverPresent           DiagKind = "never-present"
	DiagNoFiniteValue          DiagKind = "no-finite-value"
	DiagNoOperationID          DiagKind = "no-operation-id"
	DiagNonRE2Pattern          DiagKind = "non-re2-pattern"
	DiagObjectOfStrings        DiagKind = "object-of-strings"
	DiagOutsideSubset          DiagKind = "outside-subset"
	DiagPathConflict           DiagKind = "path-conflict"
	DiagRefToReadOnly          DiagKind = "ref-to-readonly"
	DiagRequiredReadOnly       DiagKind = "required-readonly"
	DiagUnstyleableParameter   DiagKind = "unstyleable-parameter"
	DiagWrongTypeValue         DiagKind = "wrong-type-value"
)

// String renders the diagnostic as file:line:col: #/pointer: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, max(d.Col, 1))
	}
	b.WriteString(": ")
	if d.Pointer != "" {
		b.WriteString(d.Pointer)
		b.WriteString(": ")
	}
	switch d.Severity {
	case Warning:
		b.WriteString("warning: ")
	case Note:
		b.WriteString("note: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is a list of diagnostics; as an error it prints every one.
type Diagnostics []Diagnostic

// Error renders one diagnostic per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// HasFatal reports whether any diagnostic is fatal.
func (ds Diagnostics) HasFatal() bool {
	for _, d := range ds {
		if d.Severity == Fatal {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have severity s.
func (ds Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders diagnostics by position, then pointer and message, and drops
// exact duplicates, so a problem reached twice is reported once.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for _, d := range ds {
		if len(out) > 0 && d == out[len(out)-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
