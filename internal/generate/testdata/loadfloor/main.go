// Command loadfloor is the whole-process floor BenchmarkCLIUpstream
// measures atlasgen against: read a document and load it with
// kin-openapi's default loader, nothing else.
package main

import (
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err == nil {
		_, err = openapi3.NewLoader().LoadFromData(data)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
