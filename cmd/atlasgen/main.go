// Command atlasgen generates a Go SDK for the MongoDB Atlas Administration
// API from an OpenAPI 3 document. See the README for its commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
