// Package ir holds the intermediate representation between the parser and the
// emitter: plain data that settles every question the emitter would otherwise
// have to ask of the OpenAPI document (names, chosen versions, unions,
// validation rules). The parser builds it; the emitter only reads it.
//
// Every slice in an API is sorted (by Go name, JSON name, status or value) so
// that output built from it is deterministic.
package ir

// API is a whole document resolved at one API date.
type API struct {
	Title       string
	Version     string   // the document's info.version
	APIDate     string   // the date the snapshot is pinned to
	Dates       []string // every version date found in the document, ascending
	Operations  []*Operation
	Skipped     []Skipped // operations with no version on or before APIDate
	Types       []*Type
	Diagnostics Diagnostics  // warnings; fatal problems are returned as errors
	Unenforced  []Unenforced // request constraints the validators do not check
	Fallbacks   []Fallback   // schemas emitted as any, json.RawMessage or a free-form map
	Corrections []Correction // Atlas fixes applied, sorted by pointer
	Kept        []Kept       // earlier names kept, deprecated, sorted by old name
	// Interface names the interface of every client method ("API", unless
	// the spec has a schema of that name, which keeps it).
	Interface string
}

// Correction is a pattern the spec states more strictly than Atlas, and
// what the validators enforce instead.
type Correction struct {
	Pointer   string
	Defective string
	Corrected string
	Why       string
}

// Fallback is a schema the generator could not give a precise Go type.
type Fallback struct {
	Pointer string
	GoType  string // any, json.RawMessage or map[string]any
	Reason  string
}

// Unenforced is a constraint on a request value that no generated
// validator checks; inspect lists them so nothing is dropped silently.
type Unenforced struct {
	Pointer string
	What    string
}

// Skipped is an operation left out of a snapshot, with the reason.
type Skipped struct {
	OperationID string
	Versions    []string
	Reason      string
}

// Operation is one HTTP operation at its chosen version.
type Operation struct {
	ID     string // operationId as written in the document
	GoName string // method name on the client
	// FakeName names the operation's constant in the atlasfake package:
	// GoName, unless the fake's runtime declares that name.
	FakeName string
	Method   string // upper-case HTTP method
	Path     string // path template, e.g. /api/atlas/v2/groups/{groupId}/peers
	// PathParts is Path split into literal text and path parameters.
	PathParts   []PathPart
	Tag         string
	Summary     string
	Description string
	Deprecated  bool
	Sunset      string   // x-sunset: the date Atlas removes it (YYYY-MM-DD), or ""
	Version     string   // chosen version date; "" when the operation is unversioned
	Versions    []string // every version date the operation offers
	Accept      string   // exact Accept header sent
	Params      *ParamSet
	// Envelope is the Go name of the boolean envelope query parameter, if
	// any: with it set, Atlas wraps every reply in {status, content}, which
	// the client unwraps. It is empty when the success schema already is
	// that envelope: the body is then decoded as documented, not unwrapped.
	Envelope  string
	Body      *Body // nil when the operation takes no body
	Responses []Response
	// Alternates are the other media types the chosen version offers for
	// its success body (+csv beside +json): each gets a method of its own
	// returning the body as a stream.
	Alternates []Alternate
	// Pagination is set for list operations (pageNum, itemsPerPage,
	// results, totalCount): they get an iterator over every item.
	Pagination *Pagination
	Pointer    string // JSON pointer of the operation object
}

// PathPart is a piece of a path template: literal text, or the path
// parameter at Param (an index into the operation's Params.Params).
type PathPart struct {
	Literal string
	Param   int // -1 for literal text
}

// Alternate is a media type reachable through a method of its own.
type Alternate struct {
	GoName   string
	Accept   string
	FakeName string // as Operation.FakeName
}

// Pagination describes how a list operation pages.
type Pagination struct {
	GoName      string // iterator method, e.g. ListClustersAll
	PageParam   string // Go name of the page-number parameter
	SizeParam   string // Go name of the page-size parameter
	PageDefault int64
	SizeDefault int64
	Results     string // Go name of the results field
	Total       string // Go name of the total-count field, "" when absent
	// ResultsNull and TotalNull are set when that field is a Nullable.
	ResultsNull, TotalNull bool
	Item                   TypeRef
}

// Success returns the first 2xx response, or nil.
func (o *Operation) Success() *Response {
	for i := range o.Responses {
		if !o.Responses[i].Error {
			return &o.Responses[i]
		}
	}
	return nil
}

// ParamSet is the Go struct holding an operation's parameters.
type ParamSet struct {
	GoName string
	Params []Param // sorted: path parameters in path order first, then by name
}

// Param is one path, query or header parameter.
type Param struct {
	Name        string // wire name
	GoName      string
	In          string // path, query or header
	Description string
	Required    bool
	Deprecated  bool
	Sunset      string // as Operation.Sunset
	Type        TypeRef
}

// Body is an operation's request body.
type Body struct {
	ContentType string
	Required    bool
	Description string
	Type        TypeRef
}

// Response is one documented status code of an operation.
type Response struct {
	Status      string // "200", "4XX" or "default"
	Code        int    // numeric status; 0 for ranges and default
	ContentType string
	Type        *TypeRef // nil when the response has no body or a streamed one
	Stream      bool     // a non-JSON body (+csv, +gzip), handed over as an io.ReadCloser
	Error       bool     // decoded as *APIError by the client
	// Nullable is set when the body's schema admits null: a null reply is
	// then the zero result (elsewhere a union's decoder refuses it).
	Nullable bool
}

// Kind is the shape of a named type.
type Kind int

// The kinds of named types.
const (
	KindStruct Kind = iota
	KindEnum
	KindUnion
)

// Type is one named Go type of the generated package.
type Type struct {
	Name        string
	Kind        Kind
	Description string
	Deprecated  bool
	Sunset      string // as Operation.Sunset
	Request     bool   // used in a request: gets validators
	Pointer     string // JSON pointer of the schema it comes from
	// Key says where the type comes from in words no Go name enters
	// (a schema, a request variant, an inline schema, an enum at an owner's
	// field): a lock file keeps earlier names by it.
	Key    string
	Fields []Field
	Rules  []CondRule // conditional requirements (x-atlasgen-rules)
	// Choices is set for a struct merged from oneOf/anyOf members nothing
	// tells apart: a value is valid when, for every choice, it satisfies
	// at least one of its alternatives.
	Choices [][]Alternative
	Enum    []EnumValue
	// Table names the sorted table of an enum's values (KindEnum).
	Table string
	Union *Union
}

// Alternative is one member of a merged oneOf/anyOf, as that member states
// the merged struct's fields.
type Alternative struct {
	Name   string // the member's schema name, or its place in the list
	Fields []AltField
}

// AltField is one field of the merged struct as an alternative states it.
type AltField struct {
	Index    int   // into the struct's (or variant's) Fields
	Required bool  // the member requires it
	Rules    Rules // the member's constraints on its value
	// NotNull is set when the field is a Nullable but the member's own
	// statement of it does not admit null: null fails this alternative.
	NotNull bool
}

// EnumValue is one constant of an enum type.
type EnumValue struct {
	Value  string
	GoName string
}

// Union is a discriminated union: a sealed interface with one struct per variant.
type Union struct {
	Discriminator string // JSON name of the discriminating property
	// OmitDiscriminator is set for a request union whose discriminator is
	// readOnly: the variant's Go type chooses it and it is never sent.
	OmitDiscriminator bool
	Method            string // Go name of the interface method returning its value
	Encoding          string // oneOf, mapping, x-xgen-discriminator or inferred: for inspect only
	Common            []string
	Variants          []Variant // sorted by Value
	Unknown           string    // Go name of the variant holding unknown bodies
	// UnknownValue and UnknownRaw name the Unknown variant's fields: the
	// discriminator value received and the body as received.
	UnknownValue, UnknownRaw string
	Seal                     string // the unexported method sealing the interface
	Decoder                  string // exported function decoding JSON into the union
}

// Variant is one member of a union.
type Variant struct {
	Value string // discriminator value (the first of Values)
	// Values are every discriminator value the variant admits: an inferred
	// discriminator can give a member several. The variant then carries
	// the value in the field DiscField, which the caller sets.
	Values    []string
	DiscField string
	GoName    string
	Fields    []Field // every field of the variant, common ones included
	Rules     []CondRule
	Choices   [][]Alternative // as Type.Choices
}

// Field is one property of a struct or union variant.
type Field struct {
	JSONName    string
	GoName      string
	Description string
	Required    bool
	ReadOnly    bool
	Deprecated  bool
	Sunset      string // as Operation.Sunset
	// Untagged is set for a property encoding/json cannot name in a struct
	// tag (the empty name, one holding a quote, backslash, comma or
	// backtick): the struct's MarshalJSON and UnmarshalJSON carry it.
	Untagged bool
	Type     TypeRef
}

// RefKind is the shape of a type reference.
type RefKind int

// The kinds of type references.
const (
	RefString RefKind = iota
	RefBool
	RefInt32
	RefInt64
	RefFloat64
	RefTime
	RefNamed
	RefArray
	RefMap
	RefAny // a value of no stated type: Go's any
	RefRaw // a oneOf/anyOf the generator cannot discriminate: json.RawMessage
)

// TypeRef describes the value at one location: its Go type and the
// constraints that location puts on it.
type TypeRef struct {
	Kind     RefKind
	Name     string   // RefNamed: the Go type name
	Type     *Type    // RefNamed: the type named (resolved, never nil)
	Elem     *TypeRef // RefArray and RefMap: element type
	Nullable bool
	// Boxed holds a required struct by pointer: the struct contains itself
	// by value otherwise, which Go cannot declare.
	Boxed bool
	Rules Rules
}

// Rules are the validation constraints at one location.
type Rules struct {
	Pattern   *Pattern
	MinLength *int64
	MaxLength *int64
	MinItems  *int64
	MaxItems  *int64
	Minimum   *float64
	Maximum   *float64
	ExclMin   bool
	ExclMax   bool
	Format    string   // uuid is checked; date-time is carried by time.Time
	Enum      []string // allowed values at this location, when narrower than the type's
}

// Empty reports whether no constraint is set.
func (r Rules) Empty() bool {
	return r.Pattern == nil && r.MinLength == nil && r.MaxLength == nil &&
		r.MinItems == nil && r.MaxItems == nil && r.Minimum == nil &&
		r.Maximum == nil && r.Format == "" && len(r.Enum) == 0
}

// Pattern is a regular expression a string must match somewhere.
type Pattern struct {
	Expr string
	// ECMAScript is set when Go's RE2 cannot compile Expr; the generated code
	// then enforces it with github.com/dlclark/regexp2 in ECMAScript mode.
	ECMAScript bool
	// Var names the package variable holding it compiled, one per distinct
	// pattern: from a hash of its text, so adding a pattern renames none.
	Var string
}

// CondRule requires properties when other properties equal given values.
type CondRule struct {
	When        []Cond   // all must hold
	Require     []string // JSON names, sorted
	Description string
}

// Cond holds when the property equals one of Values.
type Cond struct {
	Property string
	Values   []string
}
