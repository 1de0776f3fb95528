package parser

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/atlasgen/atlasgen/internal/ir"
)

type schemaKind int

const (
	kindValue schemaKind = iota // primitive, array, map or free-form: no type of its own
	kindEnum
	kindStruct
	kindUnion
)

// classify decides what Go declaration a schema needs.
func (b *builder) classify(s *openapi3.SchemaRef, ptr string) schemaKind {
	switch {
	case b.detectUnion(s, ptr) != nil:
		return kindUnion
	case isStringEnum(s.Value):
		return kindEnum
	case isStringUnion(s.Value):
		b.stringUnionQuirk(s.Value, schemaPtr(s, ptr))
		if _, closed := stringValues(s); closed {
			return kindEnum // every member an enum: one enum with all their values
		}
		return kindValue
	case len(b.flatten(s, ptr).props) > 0:
		return kindStruct
	}
	return kindValue
}

// stringUnionQuirk reports a schema typed object whose members are all
// strings (upstream's regionName, instanceSize): the values are strings.
func (b *builder) stringUnionQuirk(v *openapi3.Schema, ptr string) {
	if v.Type != nil && v.Type.Is("object") {
		_, kw := untypedMembers(v)
		b.warn(ir.DiagObjectOfStrings, join(ptr, "type"), "type is object, but every %s member is a string: generated as a string", kw)
	}
}

func isStringEnum(v *openapi3.Schema) bool {
	if v == nil || len(v.Enum) == 0 || (v.Type != nil && !v.Type.Is("string")) {
		return false
	}
	for _, e := range v.Enum {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return true
}

// nameComponents gives every emitted component its Go name(s). Names that
// already are exported identifiers are claimed first, so they never yield to
// converted or derived names.
func (b *builder) nameComponents() {
	b.names = newNamer(b.opts.Reserved)
	b.methods = newNamer([]string{"Validate"})
	var used []*component
	for _, ptr := range sortedKeys(b.comps) {
		c := b.comps[ptr]
		if (c.used[inRequest] || c.used[inResponse]) && b.classify(c.ref, c.ptr) != kindValue {
			used = append(used, c)
		}
	}
	b.claimSchemaNames(used)
	for _, exact := range []bool{true, false} {
		for _, c := range used {
			if c.goName == "" && (typeName(c.name) == c.name) == exact {
				c.goName = b.names.claim(typeName(c.name), c.ptr)
			}
		}
	}
	// The client's interface comes after the schemas: a schema named API
	// keeps its name, and the interface is ClientAPI.
	iface := "API"
	if _, taken := b.names.taken[iface]; taken {
		iface = "ClientAPI"
	}
	b.iface = b.names.claim(iface, "#client-interface")
	for _, c := range used {
		c.reqName = c.goName
		if c.used[inRequest] && c.used[inResponse] && b.differs(c) {
			c.reqName = b.names.claim(c.goName+"Request", c.ptr+"#request")
		}
	}
}

// claimSchemaNames gives the schemas the Names option renames their
// chosen names before any other is handed out. A schema the document lacks
// is an error; one this SDK does not generate, a warning.
func (b *builder) claimSchemaNames(used []*component) {
	for _, from := range sortedKeys(b.opts.Names.Schemas) {
		to, ptr := b.opts.Names.Schemas[from], join("#/names/schemas", from)
		c := b.comps[join("#/components/schemas", from)]
		switch {
		case c == nil:
			b.diags = append(b.diags, optionError(ptr, "no schema is named %q", from))
		case !slices.Contains(used, c):
			b.optionWarning(ptr, "schema %s is not among the types generated: its name is not used", from)
		case !b.names.choose(to, c.ptr, ptr):
			b.diags = append(b.diags, optionError(ptr, "%s is a name the generated package already declares", to))
		default:
			c.goName = to
		}
	}
}

// claimOperationNames claims the method names the Names option chooses
// before any operation takes one.
func (b *builder) claimOperationNames(plans []*plan) {
	for _, p := range plans {
		ptr := join("#/names/operations", p.id)
		if to, ok := b.opts.Names.Operations[p.id]; ok && !b.methods.choose(to, p.ptr, ptr) {
			b.diags = append(b.diags, optionError(ptr, "%s is a name the client already declares", to))
		}
	}
}

// checkDisplaced refuses a chosen name that took the name something else
// would have had (that thing would silently take a hashed name instead),
// and one whose derived names (its params type, its iterator) are taken.
func (b *builder) checkDisplaced(ops []*ir.Operation) {
	for _, n := range []*namer{b.names, b.methods} {
		for _, d := range n.displaced {
			b.diags = append(b.diags, optionError(d.option, "%s is the name %s has in the generated package: choose another", d.name, d.origin))
		}
	}
	for _, o := range ops {
		if _, chosen := b.opts.Names.Operations[o.ID]; !chosen {
			continue
		}
		ptr := join("#/names/operations", o.ID)
		if want := o.GoName + "Params"; o.Params.GoName != want {
			b.diags = append(b.diags, optionError(ptr, "%s is taken in the generated package, so %s's params type would be %s: choose another name", want, o.GoName, o.Params.GoName))
		}
		if pg := o.Pagination; pg != nil && pg.GoName != o.GoName+"All" {
			b.diags = append(b.diags, optionError(ptr, "%sAll is taken, so %s's iterator would be %s: choose another name", o.GoName, o.GoName, pg.GoName))
		}
	}
}

// site is where a schema is used: it names inline types and locates problems.
type site struct {
	ptr       string // JSON pointer of the schema
	owner     string // Go name of the enclosing type, for inline objects
	enumOwner string // context-free base name, for inline enums
	field     string // Go name of the field ("Item" appended for array items)
	request   bool
}

func ctxTag(request bool) string {
	if request {
		return "#request"
	}
	return "#response"
}

// typeRef resolves the schema used at st to a Go type reference, building
// the named types it needs.
func (b *builder) typeRef(s *openapi3.SchemaRef, st site) ir.TypeRef {
	if s == nil || s.Value == nil {
		b.fallback(st.ptr, "any", "no schema (an array without items, say)")
		return ir.TypeRef{Kind: ir.RefAny}
	}
	if c := b.comps[s.Ref]; c != nil {
		return b.componentRef(c, st.request)
	}
	if m := wrappedRef(s.Value); m != nil && b.comps[m.Ref] != nil {
		r := b.componentRef(b.comps[m.Ref], st.request)
		r.Nullable = r.Nullable || s.Value.Nullable
		return r
	}
	return b.inlineRef(s, st)
}

// wrappedRef is the component reference a schema only wraps: its one
// allOf, oneOf or anyOf member, beside nothing of its own but words and
// flags. That is how 3.0 writes a nullable reference ($ref siblings are
// ignored) and 3.1 one (oneOf [$ref, {type: null}], once nullForms has
// dropped the null member): the component itself, not a copy of it.
func wrappedRef(v *openapi3.Schema) *openapi3.SchemaRef {
	members := slices.Concat(v.AllOf, v.OneOf, v.AnyOf)
	if len(members) != 1 || members[0] == nil || members[0].Ref == "" {
		return nil
	}
	own := *v
	own.AllOf, own.OneOf, own.AnyOf, own.Extensions = nil, nil, nil, nil
	own.Nullable, own.ReadOnly, own.WriteOnly, own.Deprecated = false, false, false, false
	own.Title, own.Description, own.Example, own.Default, own.ExternalDocs = "", "", nil, nil, nil
	if !own.IsEmpty() || len(own.Properties) > 0 || own.Discriminator != nil {
		return nil
	}
	return members[0]
}

func (b *builder) componentRef(c *component, request bool) ir.TypeRef {
	if c.goName == "" { // a value-like schema: no type of its own
		base := typeName(c.name)
		b.enumKey(base, c.ptr)
		return b.inlineRef(c.ref, site{ptr: c.ptr, owner: base, enumOwner: base, request: request})
	}
	name, key := c.goName, c.ptr
	if request && c.reqName != c.goName {
		name, key = c.reqName, c.ptr+"#request"
	}
	b.enumKey(c.goName, c.ptr)
	if _, done := b.types[name]; !done {
		defer func() { b.types[name].Key = key }()
		switch b.classify(c.ref, c.ptr) {
		case kindEnum:
			values, _ := stringValues(c.ref)
			b.enumType(name, values, c.ref.Value.Description, c.ptr)
		case kindUnion:
			b.unionType(name, c.goName, b.detectUnion(c.ref, c.ptr), c.ref.Value, c.ptr, request)
		default:
			b.structType(name, c.goName, b.flatten(c.ref, c.ptr), c.ref.Value, c.ptr, request)
		}
	}
	if c.used[inRequest] {
		b.types[name].Request = b.types[name].Request || request || !b.differs(c)
	}
	return ir.TypeRef{Kind: ir.RefNamed, Name: name, Type: b.types[name], Nullable: c.ref.Value.Nullable}
}

// inlineRef maps a schema written in place.
func (b *builder) inlineRef(s *openapi3.SchemaRef, st site) ir.TypeRef {
	v := s.Value
	ref := ir.TypeRef{Nullable: v.Nullable, Rules: b.rules(v, st.ptr)}
	if st.request {
		b.unenforced(v, st.ptr)
	}
	switch b.classify(s, st.ptr) {
	case kindUnion:
		name, building := b.inlineName(st)
		defer building()
		if _, done := b.types[name]; !done {
			b.unionType(name, name, b.detectUnion(s, st.ptr), v, st.ptr, st.request)
			b.types[name].Key = st.ptr + ctxTag(st.request)
		}
		b.types[name].Request = b.types[name].Request || st.request
		return ir.TypeRef{Kind: ir.RefNamed, Name: name, Type: b.types[name], Nullable: v.Nullable}
	case kindEnum:
		name := b.names.claim(st.enumOwner+st.field, "enum:"+st.enumOwner+st.field)
		values, _ := stringValues(s)
		b.enumType(name, values, v.Description, st.ptr)
		if b.types[name].Key == "" {
			b.types[name].Key = "enum:" + b.enumKeys[st.enumOwner] + "|" + st.field
		}
		ref.Kind, ref.Name, ref.Type = ir.RefNamed, name, b.types[name]
		ref.Rules.Enum = values
		return ref
	case kindStruct:
		name, building := b.inlineName(st)
		defer building()
		if _, done := b.types[name]; !done {
			b.structType(name, name, b.flatten(s, st.ptr), v, st.ptr, st.request)
			b.types[name].Key = st.ptr + ctxTag(st.request)
		}
		b.types[name].Request = b.types[name].Request || st.request
		return ir.TypeRef{Kind: ir.RefNamed, Name: name, Type: b.types[name], Nullable: v.Nullable}
	}
	return b.valueRef(s, st, ref)
}

// enumKey records the identity of an owner inline enums are named after;
// the first owner of a name keeps it, as the first gets the enum's name.
func (b *builder) enumKey(owner, key string) {
	if _, ok := b.enumKeys[owner]; !ok {
		b.enumKeys[owner] = key
	}
}

// inlineName names the inline struct or union at st after its owner and
// field. A schema met again while its own type is still being built (a
// recursion through an inline schema, such as allOf inside array items)
// refers to that type: its owner's name grows on every turn, so naming by
// owner alone would never end. done ends the build.
func (b *builder) inlineName(st site) (name string, done func()) {
	origin := st.ptr + ctxTag(st.request)
	if name, ok := b.building[origin]; ok {
		return name, func() {}
	}
	name = b.names.claim(boundedName(st.owner, st.field, origin), origin)
	b.enumKey(name, origin)
	b.building[origin] = name
	return name, func() { delete(b.building, origin) }
}

// maxInlineName bounds a derived name: upstream's longest is 80
// characters, and 100 levels of inline nesting would otherwise name the
// innermost type with some 700.
const maxInlineName = 100

// boundedName is owner+field, or, when that is too long, the owner's first
// word, the field and a hash of the origin that keeps it unique.
func boundedName(owner, field, origin string) string {
	if len(owner)+len(field) <= maxInlineName {
		return owner + field
	}
	cut := 1
	for cut < len(owner) && !unicode.IsUpper(rune(owner[cut])) {
		cut++
	}
	return owner[:cut] + field + "_" + shortHash(origin)
}

// valueRef maps primitives, arrays and maps.
func (b *builder) valueRef(s *openapi3.SchemaRef, st site, ref ir.TypeRef) ir.TypeRef {
	v := s.Value
	typ := ""
	if v.Type != nil && len(v.Type.Slice()) > 0 {
		typ = v.Type.Slice()[0]
	}
	switch members, kw := untypedMembers(v); {
	case len(members) > 0:
		return b.membersRef(s, st, ref, kw)
	case len(v.OneOf) > 0 || len(v.AnyOf) > 0:
		// A discriminator detectUnion could not use (it reported why).
		ref.Kind = ir.RefRaw
		b.fallback(st.ptr, "json.RawMessage", "oneOf/anyOf whose discriminator cannot be used")
	case typ == "array" || v.Items != nil:
		elem := b.typeRef(v.Items, site{ptr: join(st.ptr, "items"), owner: st.owner, enumOwner: st.enumOwner, field: st.field + "Item", request: st.request})
		ref.Kind, ref.Elem = ir.RefArray, &elem
	case typ == "object" || v.AdditionalProperties.Schema != nil:
		elem := ir.TypeRef{Kind: ir.RefAny}
		if ap := v.AdditionalProperties.Schema; ap == nil {
			b.fallback(st.ptr, "map[string]any", "free-form object")
		} else {
			elem = b.typeRef(ap, site{ptr: join(st.ptr, "additionalProperties"), owner: st.owner, enumOwner: st.enumOwner, field: st.field + "Value", request: st.request})
		}
		ref.Kind, ref.Elem = ir.RefMap, &elem
	case typ == "string" && v.Format == "date-time":
		ref.Kind = ir.RefTime
	case typ == "string":
		ref.Kind = ir.RefString
	case typ == "integer" && v.Format == "int32":
		ref.Kind = ir.RefInt32
	case typ == "integer":
		ref.Kind = ir.RefInt64
	case typ == "number":
		ref.Kind = ir.RefFloat64
	case typ == "boolean":
		ref.Kind = ir.RefBool
	case typ == "null": // only null: a Nullable of any, which can send it
		ref.Kind, ref.Nullable = ir.RefAny, true
	default:
		ref.Kind = ir.RefAny
		b.fallback(st.ptr, "any", "schema states no type")
	}
	return ref
}

// membersRef maps a oneOf/anyOf that is neither a union, an enum nor a
// struct: open strings are a string, members of one primitive type that
// type, objects without properties a free-form map; only members of
// different JSON kinds stay raw JSON.
func (b *builder) membersRef(s *openapi3.SchemaRef, st site, ref ir.TypeRef, kw string) ir.TypeRef {
	members, _ := untypedMembers(s.Value)
	if _, merged := s.Value.Extensions[mergedMark]; merged {
		kw = "the members' statements of this property:"
	}
	switch kind := jsonKind(s); kind {
	case kindString:
		ref.Kind = ir.RefString
		return ref
	case kindObject:
		ref.Kind, ref.Elem = ir.RefMap, &ir.TypeRef{Kind: ir.RefAny}
		b.fallback(st.ptr, "map[string]any", kw+" of objects that state no properties")
		return ref
	case "integer", "number", "boolean":
		return b.primitiveMembers(members, kind, ref)
	case "array":
		return b.valueRef(&openapi3.SchemaRef{Value: mergedArray(members)}, st, ref)
	}
	ref.Kind = ir.RefRaw
	b.fallback(st.ptr, "json.RawMessage", kw+" members of different JSON kinds")
	if st.request {
		b.skippedRules[st.ptr+"\x00"+kw] = ir.Unenforced{Pointer: st.ptr, What: kw + " of members of different JSON kinds: sent as given"}
	}
	return ref
}

// mergedArray is an array whose items are any of the members' items.
func mergedArray(members openapi3.SchemaRefs) *openapi3.Schema {
	items := make([]prop, 0, len(members))
	for _, m := range members {
		if m.Value != nil && m.Value.Items != nil {
			items = append(items, prop{ref: m.Value.Items})
		}
	}
	out := &openapi3.Schema{Type: &openapi3.Types{"array"}}
	if len(items) > 0 {
		out.Items = mergedProp("", items, "").ref
	}
	return out
}

// primitiveMembers types numbers and booleans: int64 when every member is
// an integer (int32 when all say so), float64 when any is a number.
func (b *builder) primitiveMembers(members openapi3.SchemaRefs, kind string, ref ir.TypeRef) ir.TypeRef {
	switch kind {
	case "boolean":
		ref.Kind = ir.RefBool
		return ref
	case "number":
		ref.Kind = ir.RefFloat64
		return ref
	}
	ref.Kind = ir.RefInt32
	for _, m := range members {
		if m.Value == nil || m.Value.Format != "int32" {
			ref.Kind = ir.RefInt64
		}
	}
	return ref
}

// fallback records a schema given an imprecise Go type, once per place.
func (b *builder) fallback(ptr, goType, reason string) {
	b.fallbacks[ptr] = ir.Fallback{Pointer: ptr, GoType: goType, Reason: reason}
}

// structType builds a struct; in a request it leaves readOnly properties out.
func (b *builder) structType(name, enumOwner string, sh shape, v *openapi3.Schema, ptr string, request bool) {
	t := &ir.Type{Name: name, Kind: ir.KindStruct, Description: v.Description, Deprecated: v.Deprecated, Sunset: b.sunset(v.Extensions, ptr), Pointer: ptr}
	b.types[name] = t
	t.Fields = b.fields(sh, name, enumOwner, request, nil, nil)
	if request {
		t.Rules = b.condRules(sh, presentFields(t.Fields))
	}
	t.Choices = b.choices(sh, t.Fields, request)
	memberRulesApart(sh, t.Fields)
}

// memberRulesApart leaves a member's constraints to its alternative: on
// the merged struct a property some member states is only typed, since a
// body that is another member need not satisfy them.
func memberRulesApart(sh shape, fields []ir.Field) {
	for i := range fields {
		if sh.members[fields[i].JSONName] {
			fields[i].Type.Rules = ir.Rules{}
		}
	}
}

// choices states each folded oneOf/anyOf of a shape over its fields.
func (b *builder) choices(sh shape, fields []ir.Field, request bool) [][]ir.Alternative {
	index := make(map[string]int, len(fields))
	for i, f := range fields {
		index[f.JSONName] = i
	}
	var out [][]ir.Alternative
	for _, choice := range sh.choices {
		alts := make([]ir.Alternative, 0, len(choice))
		for _, a := range choice {
			alt := ir.Alternative{Name: a.name}
			for _, n := range alternativeNames(a) {
				i, ok := index[n]
				if !ok { // readOnly in a request, or the discriminator
					continue
				}
				p, restated := a.props[n]
				af := ir.AltField{Index: i, Required: a.required[n] && !(request && p.readOnly())}
				if restated {
					af.Rules = b.memberRules(p)
					af.NotNull = fields[i].Type.InNullable() && !admitsNull(p.ref.Value)
				}
				if t := b.types[fields[i].Type.Name]; t != nil && t.Kind == ir.KindEnum && len(af.Rules.Enum) >= len(t.Enum) {
					af.Rules.Enum = nil // no narrower than the field's type, which is checked anyway
				}
				if !af.Required && af.Rules.Empty() && !af.NotNull {
					continue // nothing the struct's own checks do not already check
				}
				alt.Fields = append(alt.Fields, af)
			}
			alts = append(alts, alt)
		}
		out = append(out, alts)
	}
	return out
}

// alternativeNames are the properties a member states or requires (a member
// may require what the schema's own properties state).
func alternativeNames(a alternative) []string {
	names := sortedKeys(a.props)
	for _, n := range sortedKeys(a.required) {
		if _, ok := a.props[n]; !ok && a.required[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// memberRules are the constraints a member puts on one of its properties:
// the schema's own, and its enum values.
func (b *builder) memberRules(p prop) ir.Rules {
	if p.ref == nil || p.ref.Value == nil {
		return ir.Rules{}
	}
	r := b.rules(p.ref.Value, p.ptr)
	if values, closed := stringValues(p.ref); closed && len(values) > 0 {
		r.Enum = values
	}
	return r
}

// unionType builds a union and its variants in one context.
func (b *builder) unionType(name, enumOwner string, u *unionSpec, v *openapi3.Schema, ptr string, request bool) {
	method := pascal(u.disc)
	if u.multiValued() {
		method += "Value" // the variants' own field takes the plain name
	}
	t := &ir.Type{Name: name, Kind: ir.KindUnion, Description: v.Description, Deprecated: v.Deprecated, Sunset: b.sunset(v.Extensions, ptr), Pointer: ptr}
	b.types[name] = t
	t.Union = &ir.Union{Discriminator: u.disc, Method: method, Encoding: u.encoding}
	reserved := map[string]bool{method: true}
	t.Union.OmitDiscriminator = request && readOnlyDiscriminator(u)
	for _, vs := range u.variants {
		// "#=": the origin of a variant whose value is "unknown" or
		// "decoder" is not the Unknown variant's or the decoder's.
		origin := ptr + ctxTag(request) + "#=" + vs.value
		goName := b.names.claim(name+variantSuffix(name, vs), origin)
		b.enumKey(goName, origin)
		fields := b.fields(vs.shape, goName, enumOwner, request, []string{u.disc}, reserved)
		variant := ir.Variant{Value: vs.value, Values: vs.values, GoName: goName, Fields: fields}
		if len(variant.Values) == 0 {
			variant.Values = []string{vs.value}
		}
		if len(vs.values) > 1 && !t.Union.OmitDiscriminator {
			variant.Fields, variant.DiscField = b.discField(fields, goName, u.disc, vs.values, ptr)
		}
		if request {
			variant.Rules = b.condRules(vs.shape, presentFields(fields))
		}
		variant.Choices = b.choices(vs.shape, variant.Fields, request)
		memberRulesApart(vs.shape, variant.Fields)
		t.Union.Variants = append(t.Union.Variants, variant)
	}
	t.Union.Unknown = b.names.claim(name+"Unknown", ptr+ctxTag(request)+"#unknown")
	t.Union.Seal = "is" + name
	// The Unknown variant's fields share its method set with the interface's
	// methods: a discriminator called value or raw must not take them.
	members := newNamer([]string{method, t.Union.Seal, "MarshalJSON", "UnmarshalJSON", "Validate", "validate"})
	t.Union.UnknownValue = members.claim("Value", "value")
	t.Union.UnknownRaw = members.claim("Raw", "raw")
	t.Union.Decoder = b.names.claim("Unmarshal"+name, ptr+ctxTag(request)+"#decoder")
	t.Union.Common = commonFields(t.Union.Variants)
}

// readOnlyDiscriminator reports whether every variant stating the
// discriminator declares it readOnly: then no request may carry it.
func readOnlyDiscriminator(u *unionSpec) bool {
	stated := false
	for _, vs := range u.variants {
		if p, ok := vs.shape.props[u.disc]; ok {
			if !p.readOnly() {
				return false
			}
			stated = true
		}
	}
	return stated
}

// variantSuffix names a variant after its discriminator value, or, for a
// member admitting several values, after the member without the union's
// own name (DefaultEventViewForOrg in EventViewForOrg: Default).
func variantSuffix(union string, vs variantSpec) string {
	if vs.name == "" {
		return pascal(vs.value)
	}
	member := typeName(vs.name)
	if short := strings.Replace(member, union, "", 1); short != "" && short != member {
		return exported(short)
	}
	return member
}

// discField adds the field of a variant admitting several discriminator
// values: typed by an enum of exactly those values, required, set by the
// caller.
func (b *builder) discField(fields []ir.Field, variant, disc string, values []string, ptr string) ([]ir.Field, string) {
	goName := pascal(disc)
	for _, f := range fields {
		if f.GoName == goName {
			goName += "_" + shortHash(disc)
		}
	}
	enum := b.names.claim(variant+pascal(disc), "enum:"+variant+"#"+disc)
	b.enumType(enum, values, "", ptr)
	if b.types[enum].Key == "" {
		b.types[enum].Key = "enum:" + b.enumKeys[variant] + "|" + disc
	}
	f := ir.Field{JSONName: disc, GoName: goName, Required: true, Type: ir.TypeRef{Kind: ir.RefNamed, Name: enum, Type: b.types[enum]},
		Description: "The " + disc + " values this variant admits; the caller sets one."}
	out := append(slices.Clone(fields), f)
	sort.SliceStable(out, func(i, j int) bool { return out[i].JSONName < out[j].JSONName })
	return out, goName
}

// fields builds the fields of a shape, sorted by JSON name, skipping the
// discriminator and, in requests, properties that declare readOnly.
func (b *builder) fields(sh shape, owner, enumOwner string, request bool, skip []string, reserved map[string]bool) []ir.Field {
	var names []string
	for _, n := range sh.names() {
		if !slices.Contains(skip, n) && !(request && sh.props[n].readOnly()) {
			names = append(names, n)
		}
	}
	res := map[string]bool{"Validate": true, "MarshalJSON": true, "UnmarshalJSON": true, "String": true}
	for k := range reserved {
		res[k] = true
	}
	goNames := fieldNames(names, res)
	out := make([]ir.Field, 0, len(names))
	for _, n := range names {
		p := sh.props[n]
		f := ir.Field{JSONName: n, GoName: goNames[n], Required: sh.required[n], ReadOnly: p.readOnly(), Untagged: !validTagName(n)}
		if p.ref.Value != nil {
			f.Description, f.Deprecated = p.ref.Value.Description, p.ref.Value.Deprecated
			f.Sunset = b.sunset(p.ref.Value.Extensions, p.ptr)
		}
		f.Type = b.typeRef(p.ref, site{ptr: p.ptr, owner: owner, enumOwner: enumOwner, field: f.GoName, request: request})
		switch {
		case f.Untagged && skip != nil:
			b.fatal(p.ptr, "property name %q cannot be a Go struct tag, and a union variant has no encoder to carry it", n)
			continue
		case f.Untagged && f.Type.NeedsDecoder():
			b.fatal(p.ptr, "property name %q cannot be a Go struct tag, and its union value cannot be carried beside the others", n)
			continue
		}
		out = append(out, f)
	}
	return out
}

// validTagName accepts names encoding/json honours in a tag and that cannot
// end a Go raw string; any other name is carried untagged.
func validTagName(n string) bool {
	if n == "" {
		return false
	}
	for _, r := range n {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case unicode.IsLetter(r) || unicode.IsDigit(r): // as encoding/json's isValidTag
		default:
			return false
		}
	}
	return true
}

func presentFields(fs []ir.Field) map[string]bool {
	m := make(map[string]bool, len(fs))
	for _, f := range fs {
		m[f.JSONName] = true
	}
	return m
}

// commonFields lists the JSON names every variant carries.
func commonFields(vs []ir.Variant) []string {
	count := map[string]int{}
	for _, v := range vs {
		for _, f := range v.Fields {
			count[f.JSONName]++
		}
	}
	var out []string
	for name, n := range count {
		if n == len(vs) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// enumType declares or extends a string enum. Variants of one union that
// give the same property different enums share one type carrying all
// values, in first-seen order, since the flattened encoding can only state
// one.
func (b *builder) enumType(name string, values []string, description, ptr string) {
	t := b.types[name]
	if t == nil {
		t = &ir.Type{Name: name, Kind: ir.KindEnum, Description: description, Pointer: ptr,
			Table: b.names.claim("known"+name, "table:"+name)}
		b.types[name] = t
	}
	have := map[string]bool{}
	for _, e := range t.Enum {
		have[e.Value] = true
	}
	added := false
	for _, value := range values {
		if !have[value] {
			have[value] = true
			added = true
			t.Enum = append(t.Enum, ir.EnumValue{Value: value})
		}
	}
	if !added {
		return // already named: the same values reach one type many times
	}
	// Constants are package-level names too: they go through the namer, so
	// a value can never take a type's name (Status + "Code" vs StatusCode).
	goNames := make([]string, len(t.Enum))
	local := map[string]int{}
	for i, e := range t.Enum {
		goNames[i] = name + enumConst(e.Value)
		local[goNames[i]]++
	}
	for i, e := range t.Enum {
		g := goNames[i]
		if local[g] > 1 {
			g += "_" + shortHash(e.Value)
		}
		t.Enum[i].GoName = b.names.claim(g, "enum:"+name+"="+e.Value)
	}
}

func enumConst(value string) string {
	if value == "" {
		return "Empty"
	}
	return pascal(value)
}

func enumStrings(v *openapi3.Schema) []string {
	out := make([]string, 0, len(v.Enum))
	for _, e := range v.Enum {
		out = append(out, fmt.Sprint(e))
	}
	return out
}
