package parser

import (
	"encoding/json"
	"maps"
	"slices"
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

// shape is an object schema with allOf flattened, and the properties of
// oneOf/anyOf members no discriminator tells apart folded in.
type shape struct {
	props    map[string]prop
	required map[string]bool
	rules    []rawRule
	// members marks the properties that came from such members: each
	// member's rules apply only when a body is that member.
	members map[string]bool
	// choices holds, per folded oneOf/anyOf, its members: a body is valid
	// when it satisfies at least one member of every choice.
	choices [][]alternative
	// conflicts holds, by property, why two of its statements in one
	// conjunction share no value, and where the later one is (nil until
	// there is one: a shape is made for every schema flattened).
	conflicts, conflictAt map[string]string
}

// alternative is one member of a folded oneOf/anyOf, as the member states
// its properties.
type alternative struct {
	name     string
	props    map[string]prop
	required map[string]bool
}

func newShape() shape {
	return shape{props: map[string]prop{}, required: map[string]bool{}, members: map[string]bool{}}
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

// flatten merges a schema's allOf members, the members of a oneOf/anyOf no
// discriminator chooses between, and its own properties; later writers win,
// the schema's own properties last. Shapes are cached by pointer: a large
// spec flattens the same schema many times. Callers must not modify one.
func (b *builder) flatten(s *openapi3.SchemaRef, at string) shape {
	ptr := schemaPtr(s, at)
	if sh, ok := b.shapes[ptr]; ok && s != nil && s.Value == sh.of {
		return sh.shape
	}
	sh := newShape()
	b.flattenInto(&sh, s, at, map[string]bool{})
	b.settleConflicts(&sh)
	if s != nil {
		b.shapes[ptr] = cachedShape{of: s.Value, shape: sh}
	}
	return sh
}

// cachedShape is a flattened shape and the schema object it came from.
type cachedShape struct {
	of    *openapi3.Schema
	shape shape
}

// flattenInto adds s to sh; seen breaks allOf and member cycles.
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
	if len(v.AllOf) > 0 {
		b.checkAllOfTypes(v, ptr)
	}
	for i, m := range v.AllOf {
		b.flattenInto(sh, m, join(ptr, "allOf", itoa(i)), seen)
	}
	if members, kw := untypedMembers(v); len(members) > 0 && jsonKind(s) == kindObject {
		b.foldMembers(sh, v, kw, ptr, seen)
	}
	for _, name := range sortedKeys(v.Properties) {
		p := prop{name: name, ptr: join(ptr, "properties", name), ref: v.Properties[name]}
		if prev, stated := sh.props[name]; stated && !sh.members[name] {
			propConflict(sh, prev, p)
		}
		sh.props[name] = p
		delete(sh.members, name)
	}
	for _, r := range v.Required {
		sh.required[r] = true
	}
	if raw, ok := v.Extensions[rulesExtension]; ok {
		sh.rules = append(sh.rules, b.decodeRules(raw, join(ptr, rulesExtension))...)
	}
}

// foldMembers adds every property of the members to sh: required when all
// members require it; a property the members state differently becomes
// their anyOf, which typeRef merges in turn (enums into one enum, objects
// into a union or a merged struct). A property the schema's allOf already
// states keeps that statement (JSON Schema applies both; a member's
// restatement is checked in its alternative). What a member nests — its own
// oneOf's choices, its x-atlasgen-rules — is left out: lenient, never
// stricter than Atlas.
func (b *builder) foldMembers(sh *shape, v *openapi3.Schema, kw, ptr string, seen map[string]bool) {
	members, _ := untypedMembers(v)
	at := join(ptr, kw)
	var choice []alternative
	occurrences := map[string][]prop{}
	for i, m := range members {
		msh := newShape()
		b.flattenInto(&msh, m, memberPtr(ptr, v, kw, i), maps.Clone(seen))
		choice = append(choice, alternative{name: memberName(m, kw, memberIndex(v, kw, i)), props: msh.props, required: msh.required})
		for _, name := range msh.names() {
			occurrences[name] = append(occurrences[name], msh.props[name])
		}
	}
	for _, name := range sortedKeys(occurrences) {
		all := true
		for _, alt := range choice {
			all = all && alt.required[name]
		}
		if all {
			sh.required[name] = true
		}
		if _, stated := sh.props[name]; !stated {
			sh.props[name] = mergedProp(name, occurrences[name], at)
			sh.members[name] = true
		}
	}
	sh.choices = append(sh.choices, choice)
}

// mergedProp is one property as several members state it: the statement
// itself when they all share it, otherwise the anyOf of their statements.
func mergedProp(name string, ps []prop, at string) prop {
	var refs openapi3.SchemaRefs
	for _, p := range ps {
		if !slices.ContainsFunc(refs, func(r *openapi3.SchemaRef) bool { return sameSchema(r, p.ref) }) {
			refs = append(refs, p.ref)
		}
	}
	if len(refs) == 1 {
		return ps[0]
	}
	// Null is a value of the property when any member's statement admits it.
	nullable := slices.ContainsFunc(refs, func(r *openapi3.SchemaRef) bool { return r != nil && admitsNull(r.Value) })
	merged := &openapi3.Schema{AnyOf: refs, Nullable: nullable, Extensions: map[string]any{mergedMark: true}}
	return prop{name: name, ptr: join(at, "*", "properties", name), ref: &openapi3.SchemaRef{Value: merged}}
}

// mergedMark marks the anyOf mergedProp makes of members' statements, so
// what is said of it names the members, not an anyOf the spec never wrote.
// Its pointer, …/oneOf/*/properties/name, is located at the oneOf.
const mergedMark = "x-atlasgen-merged"

// sameSchema reports whether two property schemas are one statement.
func sameSchema(a, b *openapi3.SchemaRef) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Ref != "" || b.Ref != "" {
		return a.Ref == b.Ref
	}
	return a.Value == b.Value
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
			} else if v := pr.ref.Value; v == nil || v.Type == nil || !v.Type.Is("string") || v.Format == "date-time" {
				// A date-time is a time.Time, which no string equals.
				b.fatal(join(r.ptr, "when", p), "rule condition on %q: only string properties can be compared (not a date-time)", p)
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
