package spec

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestDocumentIsValidOpenAPI proves the hand-written document passes
// kin-openapi's validation with example validation switched on, as the
// generator's tests and the fake Atlas rely on it.
func TestDocumentIsValidOpenAPI(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(Document())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	if got := len(doc.Paths.Map()); got != 4 {
		t.Fatalf("paths = %d, want 4", got)
	}
}

// TestDocumentReturnsCopy proves callers cannot change the embedded bytes.
func TestDocumentReturnsCopy(t *testing.T) {
	a := Document()
	a[0] = 'X'
	if Document()[0] == 'X' {
		t.Fatal("Document returned the embedded slice itself")
	}
}
