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
