package parser

import (
	"encoding/json"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

// prop is one property of an object schema, with where it was written.
type prop struct {
	name string
	ptr  string
	ref  *openapi3.SchemaRef
}

// readOnly reports whether the property itself declares readOnly. A $ref to
// a readOnly schema does not count: upstream refers to such schemas from
// properties the API accepts in requests.
func (p prop) readOnly() bool {
	return p.ref != nil && p.ref.Ref == "" && p.ref.Value != nil && p.ref.Value.ReadOnly
}

// shape is an object schema with allOf flattened.
type shape struct {
	props    map[string]prop
	required map[string]bool
	rules    []rawRule
}

func (s shape) names() []string { return sortedKeys(s.props) }

// schemaPtr is where a schema reference points: its target for a $ref,
// otherwise the place it is written.
func schemaPtr(s *openapi3.SchemaRef, at string) string {
	if s != nil && s.Ref != "" {
		return s.Ref
	}
	return at
}

// flatten merges a schema's allOf members and its own properties; later
// writers win, the schema's own properties last. seen breaks allOf cycles.
func (b *builder) flatten(s *openapi3.SchemaRef, at string) shape {
	sh := shape{props: map[string]prop{}, required: map[string]bool{}}
	b.flattenInto(&sh, s, at, map[string]bool{})
	return sh
}

func (b *builder) flattenInto(sh *shape, s *openapi3.SchemaRef, at string, seen map[string]bool) {
	if s == nil || s.Value == nil {
		return
	}
	ptr := schemaPtr(s, at)
	if seen[ptr] {
		return
	}
	seen[ptr] = true
	v := s.Value
	for i, m := range v.AllOf {
		b.flattenInto(sh, m, join(ptr, "allOf", itoa(i)), seen)
	}
	for _, name := range sortedKeys(v.Properties) {
		sh.props[name] = prop{name: name, ptr: join(ptr, "properties", name), ref: v.Properties[name]}
	}
	for _, r := range v.Required {
		sh.required[r] = true
	}
	if raw, ok := v.Extensions[rulesExtension]; ok {
		sh.rules = append(sh.rules, b.decodeRules(raw, join(ptr, rulesExtension))...)
	}
}

// rulesExtension is atlasgen's machine-readable form of rules the reference
// pages state only in prose; spec/README.md documents it.
const rulesExtension = "x-atlasgen-rules"

type rawRule struct {
	When        map[string]json.RawMessage `json:"when"`
	Require     []string                   `json:"require"`
	Description string                     `json:"description"`
	ptr         string
}

func (b *builder) decodeRules(raw any, ptr string) []rawRule {
	data, _ := json.Marshal(raw)
	var rules []rawRule
	if err := json.Unmarshal(data, &rules); err != nil {
		b.fatal(ptr, "%s must be a list of {when: {property: value or [values]}, require: [properties]}: %v", rulesExtension, err)
		return nil
	}
	for i := range rules {
		rules[i].ptr = join(ptr, itoa(i))
	}
	return rules
}

// condRules checks raw rules against the properties present and turns them
// into IR rules; readOnly-dropped properties make a rule meaningless, so a
// rule naming a property that is not there is fatal.
func (b *builder) condRules(sh shape, present map[string]bool) []ir.CondRule {
	var out []ir.CondRule
	for _, r := range sh.rules {
		rule := ir.CondRule{Description: r.Description}
		ok := len(r.When) > 0 && len(r.Require) > 0
		if !ok {
			b.fatal(r.ptr, "a rule needs a non-empty when and require")
			continue
		}
		for _, p := range sortedKeys(r.When) {
			values, err := whenValues(r.When[p])
			if err != nil || len(values) == 0 {
				b.fatal(join(r.ptr, "when", p), "when values must be a string or a list of strings")
				ok = false
				continue
			}
			if pr, exists := sh.props[p]; !exists {
				b.fatal(join(r.ptr, "when", p), "rule names unknown property %q", p)
				ok = false
			} else if v := pr.ref.Value; v == nil || v.Type == nil || !v.Type.Is("string") {
				b.fatal(join(r.ptr, "when", p), "rule condition on %q: only string properties can be compared", p)
				ok = false
			}
			rule.When = append(rule.When, ir.Cond{Property: p, Values: values})
		}
		for i, p := range r.Require {
			if _, exists := sh.props[p]; !exists {
				b.fatal(join(r.ptr, "require", itoa(i)), "rule requires unknown property %q", p)
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, p := range r.Require {
			if present[p] {
				rule.Require = append(rule.Require, p)
			}
		}
		sort.Strings(rule.Require)
		if len(rule.Require) > 0 && allPresent(rule.When, present) {
			out = append(out, rule)
		}
	}
	return out
}

func allPresent(conds []ir.Cond, present map[string]bool) bool {
	for _, c := range conds {
		if !present[c.Property] {
			return false
		}
	}
	return true
}

func whenValues(raw json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	err := json.Unmarshal(raw, &many)
	return many, err
}
