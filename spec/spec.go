// Package spec embeds atlasgen's own OpenAPI description of the four Atlas
// Administration API operations it serves first. The document is the default
// input of `atlasgen generate`; see README.md beside it for its sources.
package spec

import _ "embed"

// FileName is the name of the embedded document, used in diagnostics.
const FileName = "spec/atlas-admin-v2.yaml"

//go:embed atlas-admin-v2.yaml
var document []byte

// Document returns a copy of the embedded OpenAPI document, so callers can
// never change what later callers read.
func Document() []byte {
	out := make([]byte, len(document))
	copy(out, document)
	return out
}
