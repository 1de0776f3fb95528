package parser

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestAliasBombIsRefusedInBoundedMemory: a billion laughs standing for
// 9^14 nodes is refused without expanding it (the check measures the
// expansion), allocating a few megabytes at most.
func TestAliasBombIsRefusedInBoundedMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 13; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse("bomb.yaml", []byte(b.String()), Options{})
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "alias bomb") {
		t.Fatalf("got %v, want the alias bomb refused", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("refusing it allocated %d MB", alloc>>20)
	}
}

// TestRecursionThroughAReadOnlyFindsEveryDifference: A and B refer to each
// other and only A reaches a readOnly property (through D), so both have a
// request shape of their own — B's answer must not be the guess made while
// A was still being looked at.
func TestRecursionThroughAReadOnlyFindsEveryDifference(t *testing.T) {
	api := parsePoly(t, `
    Body:
      type: object
      properties:
        b: {$ref: '#/components/schemas/B'}
    A:
      type: object
      properties:
        b: {$ref: '#/components/schemas/B'}
        d: {$ref: '#/components/schemas/D'}
    B:
      type: object
      properties:
        a: {$ref: '#/components/schemas/A'}
    D:
      type: object
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
`)
	names := map[string]bool{}
	for _, typ := range api.Types {
		names[typ.Name] = true
	}
	for _, want := range []string{"ARequest", "BRequest", "BodyRequest", "DRequest"} {
		if !names[want] {
			t.Errorf("no %s among %v", want, names)
		}
	}
}

// TestDenseRecursionEnds: thirty schemas that each refer to all the others,
// none with a readOnly property, are parsed in polynomial time (asking
// whether each differs between request and response once took
// exponential time).
func TestDenseRecursionEnds(t *testing.T) {
	var b strings.Builder
	b.WriteString("    Body:\n      type: object\n      properties:\n        s0: {$ref: '#/components/schemas/S0'}\n")
	for i := range 30 {
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      properties:\n", i)
		for j := range 30 {
			fmt.Fprintf(&b, "        p%d: {$ref: '#/components/schemas/S%d'}\n", j, j)
		}
	}
	api := parsePoly(t, b.String())
	if len(api.Types) != 31 { // Body, S0…S29: nothing differs
		t.Errorf("%d types, want 31", len(api.Types))
	}
}

// TestBooleanMemberHasAValue: 3.1's `true` member admits anything, so a
// choice holding it is no cycle without a value.
func TestBooleanMemberHasAValue(t *testing.T) {
	doc := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /x:
    get:
      operationId: getX
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A:
      type: object
      properties:
        b: {$ref: '#/components/schemas/B'}
    B:
      anyOf: [true]
`
	if _, err := Parse("spec.yaml", []byte(doc), Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestAllOfTypesMeetInNull: two nullable statements of different types
// share null (3.0's nullable as 3.1's [type, "null"]), so a required
// property stated both ways is not refused; three statements that never
// all meet are, even though each pair with the first does.
func TestAllOfTypesMeetInNull(t *testing.T) {
	nullable := `
    Body:
      type: object
      required: [a]
      allOf:
        - properties: {a: {type: string, nullable: true}}
        - properties: {a: {type: integer, nullable: true}}
`
	if api := parsePoly(t, nullable); api == nil {
		t.Fatal("refused")
	}
	_, err := Parse("spec.yaml", polySpec(`
    Body:
      type: object
      properties:
        v:
          allOf:
            - {type: [string, integer]}
            - {type: integer}
            - {type: string}
`), Options{})
	if err == nil || !strings.Contains(err.Error(), "allow only integer") {
		t.Errorf("got %v, want the third statement refused", err)
	}
}
