package ir

import (
	"strconv"
	"strings"
)

// CheckKind is one kind of check a validator makes of a value.
type CheckKind int

// The checks, in the order a validator makes them.
const (
	CheckPattern CheckKind = iota // the value matches Pattern
	CheckLength                   // its length in characters is within Min..Max
	CheckUUID                     // it is a UUID
	CheckMinimum                  // it is at least Limit (greater, when Exclusive)
	CheckMaximum                  // it is at most Limit (less, when Exclusive)
	CheckItems                    // the list has Min..Max items
	CheckEnum                     // it is a value its enum type knows
	CheckOneOf                    // it is one of Values (fewer than its type's)
	CheckNested                   // the struct or union it holds validates itself
)

// Check is one check of a value, described once: the emitter writes the
// validator code for it and inspect lists it, so the two cannot drift.
type Check struct {
	Kind      CheckKind
	Pattern   *Pattern
	Min, Max  int64 // CheckLength, CheckItems; -1 when unbounded
	Limit     float64
	Exclusive bool
	Values    []string
	Type      string // CheckEnum, CheckNested: the type's Go name
}

// Checks lists the checks a present value of r gets, elements of a list
// or map left out (they are r.Elem's). Only request types validate
// themselves, so a nested response type adds none.
func (r TypeRef) Checks() []Check {
	rl := r.Rules
	var out []Check
	switch r.Kind {
	case RefString:
		if rl.Pattern != nil {
			out = append(out, Check{Kind: CheckPattern, Pattern: rl.Pattern})
		}
		if rl.MinLength != nil || rl.MaxLength != nil {
			out = append(out, Check{Kind: CheckLength, Min: bound(rl.MinLength), Max: bound(rl.MaxLength)})
		}
		if rl.Format == "uuid" {
			out = append(out, Check{Kind: CheckUUID})
		}
	case RefInt32, RefInt64, RefFloat64:
		if rl.Minimum != nil {
			out = append(out, Check{Kind: CheckMinimum, Limit: *rl.Minimum, Exclusive: rl.ExclMin})
		}
		if rl.Maximum != nil {
			out = append(out, Check{Kind: CheckMaximum, Limit: *rl.Maximum, Exclusive: rl.ExclMax})
		}
	case RefArray:
		if rl.MinItems != nil || rl.MaxItems != nil {
			out = append(out, Check{Kind: CheckItems, Min: bound(rl.MinItems), Max: bound(rl.MaxItems)})
		}
	case RefNamed:
		switch {
		case r.NarrowerEnum():
			out = append(out, Check{Kind: CheckOneOf, Values: rl.Enum, Type: r.Name})
		case r.IsEnum():
			out = append(out, Check{Kind: CheckEnum, Type: r.Name})
		case r.Type.Request:
			out = append(out, Check{Kind: CheckNested, Type: r.Name})
		}
	}
	return out
}

func bound(b *int64) int64 {
	if b == nil {
		return -1
	}
	return *b
}

// String describes the check for a reader (inspect).
func (c Check) String() string {
	span := func(word string) string {
		lo, hi := "", ""
		if c.Min >= 0 {
			lo = strconv.FormatInt(c.Min, 10)
		}
		if c.Max >= 0 {
			hi = strconv.FormatInt(c.Max, 10)
		}
		return word + " " + lo + ".." + hi
	}
	limit := strconv.FormatFloat(c.Limit, 'g', -1, 64)
	switch c.Kind {
	case CheckPattern:
		engine := "RE2"
		if c.Pattern.ECMAScript {
			engine = "regexp2/ECMAScript"
		}
		return "pattern " + c.Pattern.Expr + " (" + engine + ")"
	case CheckLength:
		return span("length")
	case CheckUUID:
		return "format uuid"
	case CheckMinimum:
		if c.Exclusive {
			return "greater than " + limit
		}
		return "minimum " + limit
	case CheckMaximum:
		if c.Exclusive {
			return "less than " + limit
		}
		return "maximum " + limit
	case CheckItems:
		return span("items")
	case CheckEnum:
		return "a known " + c.Type
	case CheckOneOf:
		return "enum " + strings.Join(c.Values, "|")
	}
	return "valid as " + c.Type
}
