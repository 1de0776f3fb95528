package parser

import (
	"os"
	"strings"
	"testing"
)

// TestInvalidExamplesWarn: a request example, a response example and a
// shared response's example that contradict their schema each give one
// located warning; generation goes on.
func TestInvalidExamplesWarn(t *testing.T) {
	data, err := os.ReadFile("../../testdata/golden/invalid-examples/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	api, err := Parse("spec.yaml", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var at []string
	for _, d := range api.Diagnostics {
		if strings.Contains(d.Message, "invalid example") {
			at = append(at, d.Pointer)
		}
	}
	want := []string{
		"#/paths/~1api~1atlas~1v2~1groups~1{groupId}~1things/post/requestBody/content/application~1vnd.atlas.2023-01-01+json/example",
		"#/paths/~1api~1atlas~1v2~1groups~1{groupId}~1things/post/responses/200/content/application~1vnd.atlas.2023-01-01+json/example",
		"#/components/responses/accepted/content/application~1vnd.atlas.2023-01-01+json/examples/wrong/value",
	}
	if strings.Join(at, "\n") != strings.Join(want, "\n") {
		t.Errorf("invalid examples reported at\n%s\nwant\n%s", strings.Join(at, "\n"), strings.Join(want, "\n"))
	}
}
