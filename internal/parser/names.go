package parser

import (
	"fmt"
	"go/token"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are written in upper case inside Go names, as Go style asks.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ARN": true, "AWS": true, "CIDR": true, "CPU": true, "CSV": true,
	"DB": true, "DNS": true, "GCP": true, "HTTP": true, "HTTPS": true, "IAM": true,
	"ID": true, "IP": true, "JSON": true, "KMS": true, "LDAP": true, "SQL": true,
	"SSH": true, "SSL": true, "TLS": true, "TTL": true, "URI": true, "URL": true,
	"UUID": true, "VPC": true, "XML": true,
}

// words splits a name into words at separators, lower-to-upper changes and
// the end of an upper-case run followed by a lower-case letter (HTTPServer →
// HTTP, Server). Words are substrings of s: naming runs for every property
// and enum value of a spec, so it allocates only the slice.
func words(s string) []string {
	var out []string
	start := -1 // byte offset of the word being read, or -1
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			i += size
			continue
		}
		switch {
		case start < 0:
			start = i
		case unicode.IsLower(prev) && unicode.IsUpper(r):
			out, start = append(out, s[start:i]), i
		case unicode.IsUpper(prev) && unicode.IsUpper(r) && lowerNext(s[i+size:]):
			out, start = append(out, s[start:i]), i
		}
		prev = r
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// lowerNext reports whether s starts with a lower-case letter.
func lowerNext(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// pascal joins words into an exported Go identifier, upper-casing initialisms.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		if w == up { // an upper-case word is capitalised: REGION → Region
			w = strings.ToLower(w)
		} // mixed case keeps its inner capitals: dnsSubDomain → Sub, Domain
		first, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(w[size:])
	}
	return exported(b.String())
}

// exported makes s a valid exported identifier: empty or digit-led names get
// a prefix.
func exported(s string) string {
	if s == "" {
		return "X"
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		s = "X" + s
	}
	return s
}

// typeName is the Go name of a component schema. A name that already is an
// exported Go identifier is kept exactly, so schema-named types never change
// when other schemas are added; any other name is converted.
func typeName(schema string) string {
	if token.IsIdentifier(schema) && token.IsExported(schema) {
		return schema
	}
	return pascal(schema)
}

// shortHash is a stable suffix for names that collide: it depends only on
// the origin of the thing named, never on the order names were handed out.
func shortHash(origin string) string {
	h := fnv.New32a()
	h.Write([]byte(origin))
	return fmt.Sprintf("%06x", h.Sum32()&0xffffff)
}

// namer hands out package-level Go names. Reserved names (the runtime's own
// identifiers and the names of emitted schemas) are never handed out again;
// a derived name that collides takes a suffix computed from its origin.
type namer struct {
	taken map[string]string // name → origin
	// chosen are the names the Names option gave; displaced records the
	// origins that wanted one of them and took a hashed name instead.
	chosen    map[string]string // name → option pointer
	displaced []displacement
}

// displacement is a name a chosen name took from another origin.
type displacement struct{ name, origin, option string }

func newNamer(reserved []string) *namer {
	n := &namer{taken: map[string]string{}}
	for _, r := range reserved {
		n.taken[r] = "runtime"
	}
	return n
}

// claim returns name if it is free (or already held by origin), else a
// hashed variant of it.
func (n *namer) claim(name, origin string) string {
	if opt, ok := n.chosen[name]; ok && n.taken[name] != origin {
		n.displaced = append(n.displaced, displacement{name, origin, opt})
	}
	for cand := name; ; cand += "X" {
		if held, ok := n.taken[cand]; !ok || held == origin {
			n.taken[cand] = origin
			return cand
		}
		if alt := cand + "_" + shortHash(origin); n.taken[alt] == "" || n.taken[alt] == origin {
			n.taken[alt] = origin
			return alt
		}
	}
}

// choose claims a name the Names option gives, and remembers it: any other
// origin that later wants it is recorded as displaced.
func (n *namer) choose(name, origin, option string) bool {
	if n.claim(name, origin) != name {
		return false
	}
	if n.chosen == nil {
		n.chosen = map[string]string{}
	}
	n.chosen[name] = option
	return true
}

// fieldNames gives each JSON property of one struct a Go field name. When
// names collide (id and _id, name and Name), a name with leading
// non-letters takes one underscore per such character, and among the rest
// a single lower-case-first name (JSON's convention) keeps the plain name;
// every other one takes a hash of its own JSON name. The result for a
// property therefore never depends on the order properties are listed in.
func fieldNames(jsonNames []string, reserved map[string]bool) map[string]string {
	out := make(map[string]string, len(jsonNames))
	groups := map[string][]string{}
	for _, j := range jsonNames {
		groups[pascal(j)] = append(groups[pascal(j)], j)
	}
	for g, members := range groups {
		plain := 0
		for _, j := range members {
			if leading(j) == 0 && lowerFirst(j) {
				plain++
			}
		}
		for _, j := range members {
			name := g
			switch lead := leading(j); {
			case lead > 0 && len(members) > 1:
				name += strings.Repeat("_", lead)
			case len(members) > 1 && (plain != 1 || !lowerFirst(j)):
				name += "_" + shortHash(j)
			}
			if reserved[name] {
				name += "_" + shortHash(j)
			}
			out[j] = name
		}
	}
	return out
}

// lowerFirst reports whether a name starts with a lower-case letter ("" does not).
func lowerFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// leading counts the non-letters a name starts with.
func leading(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }))
}
