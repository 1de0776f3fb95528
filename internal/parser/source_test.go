package parser

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestResolvePointers: JSON pointers resolve as RFC 6901 reads them — ~1
// and ~0 unescaped, array indexes without sign or leading zero — and a
// reference that is no pointer (#components/…) resolves to nothing.
func TestResolvePointers(t *testing.T) {
	src, d := readSource("spec.yaml", []byte("a:\n  b: 1\n  a/b: 2\n  t~x: 3\nlist:\n  - x\n  - y\n"))
	if d != nil {
		t.Fatal(d)
	}
	for ptr, want := range map[string]bool{
		"#": true, "#/a": true, "#/a/b": true, "#/a/a~1b": true, "#/a/t~0x": true,
		"#/list/0": true, "#/list/1": true,
		"#a": false, "#a/b": false, "a/b": false, "#/a/c": false, "#/a/a/b": false,
		"#/list/2": false, "#/list/01": false, "#/list/+1": false, "#/list/-1": false, "#/list/": false,
	} {
		if got := src.has(ptr); got != want {
			t.Errorf("has(%q) = %v, want %v", ptr, got, want)
		}
	}
	if at, ok := src.resolve("#/list/1"); !ok || at != (position{7, 5}) {
		t.Errorf("#/list/1 at %v (%v), want 7:5", at, ok)
	}
}

// TestWalkPointers: the walk names the root "#" and every other node by
// its escaped pointer.
func TestWalkPointers(t *testing.T) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte("a/b:\n  - {t~x: 1}\n"), &root); err != nil {
		t.Fatal(err)
	}
	var got []string
	walkYAML(root.Content[0], func(n *yaml.Node, ptr func() string, _ bool) { got = append(got, ptr()) })
	if want := "# #/a~1b #/a~1b/0 #/a~1b/0/t~0x"; strings.Join(got, " ") != want {
		t.Errorf("walk visited %q, want %q", strings.Join(got, " "), want)
	}
}

// TestRefWithoutSlashIsLocated: "#components/schemas/X" is not a pointer;
// it is reported where it is written, not left to kin-openapi at 1:1.
func TestRefWithoutSlashIsLocated(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    X: {type: string}
    Y:
      $ref: "#components/schemas/X"
`
	_, err := Parse("spec.yaml", []byte(spec), Options{})
	if err == nil || !strings.Contains(err.Error(), `spec.yaml:8:7: #/components/schemas/Y/$ref: $ref "#components/schemas/X" does not resolve`) {
		t.Errorf("got %v", err)
	}
}
