package emit

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// commentLines turns spec text into safe comment lines. Every line is
// rendered as "// text": with the space, no line can become a //go:
// directive, and no character can end the comment early. Control and
// Unicode line-separator characters become spaces; build-constraint-like
// lines are defused.
func commentLines(text string) []string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	text = commentSafe(text)
	var out []string
	blank := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "//")
			blank = false
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "+build") {
			line = strings.Replace(line, "+build", "+ build", 1)
		}
		out = append(out, "// "+line)
	}
	return out
}

// commentSafe replaces what must not reach a Go source comment: control
// characters and Unicode line separators become spaces; invisible format
// characters — bidi controls (U+202E would show the code after it
// reversed), zero-width characters, a byte-order mark mid-file — are
// written out as U+XXXX, so a reader sees them.
func commentSafe(text string) string {
	clean := true
	for _, r := range text {
		if r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && !unicode.IsGraphic(r)) {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		case r >= 0x7f && !unicode.IsGraphic(r):
			fmt.Fprintf(&b, "U+%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inline is spec text safe inside one comment line: commentSafe, on one line.
func inline(text string) string {
	return strings.Join(strings.Fields(commentSafe(text)), " ")
}

// docLines is a doc comment: a first sentence (naming the identifier, when
// there is one), then the spec's description as its own paragraph.
func docLines(first, description string) []string {
	lines := commentLines(first)
	if rest := commentLines(description); len(rest) > 0 {
		if len(lines) > 0 {
			lines = append(lines, "//")
		}
		lines = append(lines, rest...)
	}
	return lines
}

// addDoc writes a doc comment to a file, one comment per line.
func addDoc(f *jen.File, first, description string) {
	for _, l := range docLines(first, description) {
		f.Comment(l)
	}
}

// docCode is a doc comment for a struct field or interface method.
func docCode(first, description string) []jen.Code {
	lines := docLines(first, description)
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		out[i] = jen.Comment(l)
	}
	return out
}
